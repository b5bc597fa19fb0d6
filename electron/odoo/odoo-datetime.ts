/**
 * Dates the app sends to Odoo are `YYYY-MM-DD HH:MM:SS` in plant local time
 * (../shared/plant/odoo-api.md §1); this machine runs on plant time.
 */
export function formatOdooDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('cannot format an invalid date for Odoo');
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}
