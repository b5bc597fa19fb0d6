import type { QueueBatch } from '../../shared/domain';

/** A queued batch as the store returns it: just dispatched, nothing reported yet, unless `patch` says otherwise. */
export function queueBatch(batchNo: number, patch: Partial<QueueBatch> = {}): QueueBatch {
  const moId = patch.moId ?? `WH/MO/${String(20 + batchNo).padStart(5, '0')}`;
  return {
    id: `batch-${moId}`,
    batchNo,
    moId,
    finishedGoods: '[10092] JF SAPOT 1B',
    quantityKg: 1000,
    equipmentIdBatch: 'PLC01',
    components: { 103: { name: 'POLLAR', plannedKg: 300 }, 114: { name: 'TETES', plannedKg: 40 } },
    statusManufacturing: false,
    statusOperation: false,
    actualWeightKg: null,
    actualKg: {},
    lastReadFromPlc: null,
    updateOdoo: false,
    odooCancelled: false,
    manualAdditives: [],
    ...patch,
  };
}
