/**
 * The engineer's read-only view of the PLC: the handshake words, the ten WRITE
 * and ten READ slots, the failure block and the manual weighing block, each
 * word decoded and named by the memory map instead of raw D words. Four FINS
 * reads, the fewest the map allows: the two slot areas are 977 words each and
 * the two blocks lie 1 000 words apart, while one frame carries at most 999.
 */
import type { PlcField, PlcView } from '../../../shared/domain';
import { mapFieldValue } from '../../plc/map-field-value';
import { plcMemoryMap, type BlockArea, type MapField, type NamedSlotField, type SlotArea } from '../../plc/memory-map';
import type { PlcLink } from '../../plc/plc-link';
import { areaSpan } from '../../plc/wave-area';
import type { Clock } from '../clock';

/** What the named words mean, in the engineer's words; the other fields keep the plant's labels. */
const SLOT_NAMES: Record<'write' | 'read', Record<NamedSlotField, string>> = {
  write: {
    batch: 'batch', mo_no: 'MO', bom_text: 'NO-BoM (product name)', finished_goods: 'product', quantity_goods: 'planned quantity',
    status_manufacturing: 'finished', status_operation: 'failed', weight_finished_good: 'finished weight', status_read_data: 'read by the PLC',
  },
  read: {
    batch: 'batch', mo_no: 'MO', bom_text: 'NO-BoM (product name)', finished_goods: 'product', quantity_goods: 'quantity',
    status_manufacturing: 'finished', status_operation: 'failed', weight_finished_good: 'finished weight', status_read_data: 'finish acknowledged',
  },
};

export async function readPlcView(plc: PlcLink, clock: Clock): Promise<PlcView> {
  const { write, read, failure, manualWeighing, handshake } = plcMemoryMap;
  const writeSpan = areaSpan('write');
  const readSpan = areaSpan('read');
  const writeWords = await plc.readDm(writeSpan.first, writeSpan.count);
  const readWords = await plc.readDm(readSpan.first, readSpan.count);
  const failureWords = await plc.readDm(failure.firstAddress, blockWords(failure));
  const weighingWords = await plc.readDm(manualWeighing.firstAddress, blockWords(manualWeighing));
  const dm = wordAt([
    { first: writeSpan.first, words: writeWords },
    { first: readSpan.first, words: readWords },
    { first: failure.firstAddress, words: failureWords },
    { first: manualWeighing.firstAddress, words: weighingWords },
  ]);
  const flag = (label: string, address: number): PlcField => ({ label: `Handshake · ${label}`, address: `D${address}`, value: dm(address) !== 0 });

  return {
    readAt: new Date(clock.now()).toISOString(),
    handshake: [
      // Raw, not true/false: a value other than 0 or 1 means the PLC program must be checked (wave-readiness.ts).
      { label: 'Handshake · wave taken by the PLC (0 = new data for the PLC)', address: `D${handshake.writeAreaAck}`, value: dm(handshake.writeAreaAck) },
      ...handshake.writeSlotFlags.slice(1).map((address, i) => flag(`WRITE slot ${i + 2} read by the PLC`, address)),
      ...handshake.readSlotAcks.map((address, i) => flag(`READ slot ${i + 1} finish acknowledged`, address)),
      flag('failure event acknowledged', handshake.failureAck),
      flag('manual weighing entry read', handshake.manualWeighingAck),
    ],
    writeSlots: slotViews(write, dm),
    readSlots: slotViews(read, dm),
    failure: blockView('Failure', failure, dm),
    weighing: blockView('Manual weighing', manualWeighing, dm),
  };
}

type WordAt = (address: number) => number;

function wordAt(spans: readonly { first: number; words: readonly number[] }[]): WordAt {
  return (address) => {
    const span = spans.find((s) => address >= s.first && address < s.first + s.words.length);
    return span?.words[address - span.first] ?? 0;
  };
}

function blockWords(block: BlockArea): number {
  return block.lastAddress - block.firstAddress + 1;
}

function fieldView(label: string, field: MapField, address: number, dm: WordAt): PlcField {
  const words = Array.from({ length: field.words }, (_, i) => dm(address + i));
  const range = field.words > 1 ? `D${address}–D${address + field.words - 1}` : `D${address}`;
  return { label, address: range, value: mapFieldValue(field, words), ...(field.unit ? { unit: field.unit } : {}) };
}

function slotViews(area: SlotArea, dm: WordAt): PlcView['writeSlots'] {
  const names = SLOT_NAMES[area.name];
  const nameOf = (field: MapField): string => (field.key in names ? names[field.key as NamedSlotField] : field.label);
  return Array.from({ length: area.slotCount }, (_, i) => {
    const slot = i + 1;
    const base = area.slotBase + area.slotStride * i;
    return { slot, fields: area.fields.map((field) => fieldView(`${area.title} slot ${slot} · ${nameOf(field)}`, field, base + field.offset, dm)) };
  });
}

function blockView(title: string, block: BlockArea, dm: WordAt): PlcField[] {
  return block.fields.map((field) => fieldView(`${title} · ${field.label}`, field, block.firstAddress + field.offset, dm));
}
