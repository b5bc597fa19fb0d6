/**
 * How far the wave and each batch have come. While a batch doses the PLC reports kg per silo and
 * tank but its finished weight stays 0 until the end (plant README §2), so "actual so far" is the
 * sum of the per-silo actuals until the finished weight arrives.
 */
import { EQUIPMENT_IDS, type EquipmentId, type QueueBatch, type RunRecord } from '../../shared/domain';
import { equipmentById } from '../../shared/equipment';
import { batchStatus, type BatchStatus } from './batch-status';

export interface BatchProgress {
  status: BatchStatus;
  plannedKg: number;
  /** kg so far: the finished weight once there is one, else what the silos and tanks gave. */
  actualKg: number;
  /** 0..1 for the bar; a finished batch is complete whatever it weighed. */
  fraction: number;
}

export function batchProgress(batch: QueueBatch): BatchProgress {
  const status = batchStatus(batch);
  const dosed = Object.values(batch.actualKg).reduce<number>((sum, kg) => sum + (kg ?? 0), 0);
  const actualKg = (batch.actualWeightKg ?? 0) > 0 ? (batch.actualWeightKg as number) : dosed;
  const fraction = status === 'finished' ? 1 : batch.quantityKg > 0 ? Math.min(1, actualKg / batch.quantityKg) : 0;
  return { status, plannedKg: batch.quantityKg, actualKg, fraction };
}

export interface WaveProgress {
  done: number;
  total: number;
}

/**
 * "n of N done": finished and failed batches count as done (the PLC is through with them), batches
 * already archived too. N is the wave the gate dispatched when the queue is still that wave, else the
 * highest slot in the queue (slots are numbered 1..N per wave). Null when no wave is in the queue.
 */
export function waveProgress(batches: readonly QueueBatch[], lastSync: RunRecord | null): WaveProgress | null {
  if (batches.length === 0) return null;
  const dispatched = lastSync?.outcome === 'fetched' || lastSync?.outcome === 'recovered' ? lastSync.moIds : [];
  const isThatWave = dispatched.length > 0 && batches.every((batch) => dispatched.includes(batch.moId));
  const total = isThatWave ? dispatched.length : Math.max(batches.length, ...batches.map((batch) => batch.batchNo));
  const open = batches.filter((batch) => {
    const status = batchStatus(batch);
    return status === 'waiting' || status === 'dosing';
  }).length;
  return { done: total - open, total };
}

export interface EquipmentLine {
  id: EquipmentId;
  /** "SILO C" or "LQ114": the plant's name for the silo or tank. */
  equipment: string;
  kind: 'silo' | 'tank';
  /** The recipe's material ("POLLARD ANGSA"), else the equipment's usual one. */
  material: string;
  plannedKg: number | null;
  actualKg: number | null;
}

/** Planned vs actual per silo and tank, in the plant's order; equipment neither planned nor dosed is left out. */
export function equipmentLines(batch: QueueBatch): EquipmentLine[] {
  return EQUIPMENT_IDS.filter((id) => batch.components[id] !== undefined || (batch.actualKg[id] ?? 0) > 0).map((id) => {
    const equipment = equipmentById(id);
    const component = batch.components[id];
    return {
      id,
      equipment: equipment.name,
      kind: id >= 114 ? 'tank' : 'silo',
      material: component?.name || equipment.defaultMaterial,
      plannedKg: component?.plannedKg ?? null,
      actualKg: batch.actualKg[id] ?? null,
    };
  });
}
