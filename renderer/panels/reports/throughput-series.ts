/**
 * The throughput chart's data from the engine's hourly buckets: waves per
 * hour as they come, and kg per silo summed into the plant's shifts.
 */
import { EQUIPMENT_IDS, type EquipmentId, type ThroughputBucket } from '../../../shared/domain';
import { shiftAt, type Shift } from './shift-range';

export interface ShiftTotals {
  day: string;
  shift: Shift;
  kgByEquipment: Partial<Record<EquipmentId, number>>;
}

/** Oldest first, one entry per shift that has a bucket in the period. */
export function kgPerShift(buckets: readonly ThroughputBucket[]): ShiftTotals[] {
  const byShift = new Map<string, ShiftTotals>();
  const ordered = [...buckets].sort((a, b) => Date.parse(a.hour) - Date.parse(b.hour));
  for (const bucket of ordered) {
    const { day, shift } = shiftAt(new Date(bucket.hour));
    const key = `${day} ${shift}`;
    const totals = byShift.get(key) ?? { day, shift, kgByEquipment: {} };
    byShift.set(key, totals);
    for (const id of EQUIPMENT_IDS) {
      const kg = bucket.kgByEquipment[id];
      if (kg !== undefined) totals.kgByEquipment[id] = (totals.kgByEquipment[id] ?? 0) + kg;
    }
  }
  return [...byShift.values()];
}

/** The silos and tanks that dosed anything in these totals, in plant order: the chart's series. */
export function equipmentUsed(totals: readonly { kgByEquipment: Partial<Record<EquipmentId, number>> }[]): EquipmentId[] {
  return EQUIPMENT_IDS.filter((id) => totals.some((entry) => (entry.kgByEquipment[id] ?? 0) > 0));
}
