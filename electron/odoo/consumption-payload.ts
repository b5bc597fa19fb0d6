/**
 * The body of update-with-consumptions (Task 3), built from what the PLC
 * actually dosed (../shared/plant/README.md §7, odoo-api.md §3C).
 */
import { EQUIPMENT } from '../../shared/equipment';
import type { EquipmentId } from '../../shared/domain';
import { roundKg } from './round-kg';

/** `{ mo_id, silo102: 150, …, lq115: 30, <weightKey>?: 1000 }` exactly as Odoo receives it. */
export interface ConsumptionPayload {
  mo_id: string;
  [key: string]: string | number;
}

/**
 * Decision Q2 (../shared/DESIGN.md): the finished weight goes under an explicit
 * key, because `quantity` rescales the MO on older Odoo SCADA revisions.
 */
export const DEFAULT_WEIGHT_KEY = 'actual_weight_finished_goods';

/**
 * Keys are the equipment codes Odoo itself uses (silo101…, lq114, lq115 —
 * decision "consumption keys"), in equipment order; only values > 0 after
 * rounding to 0.01 kg (the PLC's resolution). Returns null when no equipment
 * has a consumption > 0: the plant sends nothing then (pitfall P9), and the
 * engine must surface such a batch instead of retrying it forever.
 */
export function consumptionPayload(
  moId: string,
  actual: Partial<Record<EquipmentId, number>>,
  actualWeightKg: number | null,
  weightKey: string = DEFAULT_WEIGHT_KEY,
): ConsumptionPayload | null {
  if (!moId) throw new RangeError('consumption payload needs an MO id');
  if (!weightKey || weightKey === 'mo_id' || EQUIPMENT.some((e) => e.odooCode === weightKey)) {
    throw new RangeError(`"${weightKey}" cannot be the finished-weight key: it must be non-empty and not an MO or equipment key`);
  }

  const payload: ConsumptionPayload = { mo_id: moId };
  let reported = 0;
  for (const equipment of EQUIPMENT) {
    const kg = reportedKg(actual[equipment.id]);
    if (kg > 0) {
      payload[equipment.odooCode] = kg;
      reported++;
    }
  }
  if (reported === 0) return null;

  const weightKg = reportedKg(actualWeightKg);
  if (weightKg > 0) payload[weightKey] = weightKg;
  return payload;
}

/** 0.01 kg, the PLC's resolution; a missing or non-finite value counts as nothing dosed. */
function reportedKg(value: number | null | undefined): number {
  return value === null || value === undefined || !Number.isFinite(value) ? 0 : roundKg(value, 2);
}
