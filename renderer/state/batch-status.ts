/**
 * A queue row's status in the operator's words, from the PLC flags mirrored
 * in mo_batch (../shared/plant/schema.md: status_manufacturing 1 = finished,
 * status_operation 1 = failed; a failure only counts while not finished,
 * ../shared/plant/README.md §2).
 */
import type { QueueBatch } from '../../shared/domain';

export const BATCH_STATUSES = ['waiting', 'dosing', 'finished', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export function batchStatus(batch: QueueBatch): BatchStatus {
  if (batch.statusManufacturing) return 'finished';
  if (batch.statusOperation) return 'failed';
  const dosed = (batch.actualWeightKg ?? 0) > 0 || Object.values(batch.actualKg).some((kg) => (kg ?? 0) > 0);
  return dosed ? 'dosing' : 'waiting';
}
