/**
 * Rounds kilograms half away from zero. Going through toFixed first keeps a
 * value like 1.005 (stored as 1.00499…) from rounding down, and strips Odoo's
 * float noise (52.300000000000004 → 52.3).
 */
export function roundKg(kg: number, decimals: number): number {
  const scale = 10 ** decimals;
  return (Math.sign(kg) * Math.round(Number((Math.abs(kg) * scale).toFixed(6)))) / scale;
}
