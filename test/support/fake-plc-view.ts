/** The fake PLC's memory as the engine's PLC view names it: the queued batches in their WRITE and READ slots. */
import type { PlcField, PlcView, QueueBatch } from '../../shared/domain';

const WRITE_BASE = 7000;
const READ_BASE = 6000;

function slotFields(batch: QueueBatch, base: number, side: 'write' | 'read'): PlcField[] {
  const first = base + 100 * (batch.batchNo - 1);
  return [
    { label: 'batch', address: `D${first}`, value: batch.batchNo },
    { label: 'MO', address: `D${first + 1}–D${first + 8}`, value: batch.moId },
    { label: 'product', address: `D${first + 17}–D${first + 24}`, value: batch.finishedGoods },
    { label: side === 'write' ? 'planned quantity' : 'quantity', address: `D${first + 25}–D${first + 26}`, value: batch.quantityKg, unit: 'kg' },
    { label: 'finished', address: `D${first + 72}`, value: batch.statusManufacturing },
    { label: 'failed', address: `D${first + 73}`, value: batch.statusOperation },
  ];
}

export function fakePlcView(queue: readonly QueueBatch[], readAt: string): PlcView {
  return {
    readAt,
    handshake: [{ label: 'Handshake · wave taken by the PLC (0 = new data for the PLC)', address: 'D7076', value: queue.length === 0 ? 1 : 0 }],
    writeSlots: queue.map((batch) => ({ slot: batch.batchNo, fields: slotFields(batch, WRITE_BASE, 'write') })),
    readSlots: queue.map((batch) => ({ slot: batch.batchNo, fields: slotFields(batch, READ_BASE, 'read') })),
    failure: [
      { label: 'Failure · equipment code', address: 'D8000–D8007', value: '' },
      { label: 'Failure · info', address: 'D8008–D8015', value: '' },
    ],
    weighing: [
      { label: 'Manual weighing · batch', address: 'D9000', value: 0 },
      { label: 'Manual weighing · consumption', address: 'D9010–D9011', value: 0, unit: 'kg' },
    ],
  };
}
