/**
 * The PLC's DM word map, loaded from plc-memory-map.json (a verbatim copy of
 * ../shared/plant/plc-memory-map.json) and checked at load. Every address the
 * app uses is derived from here; code never repeats an address as a literal.
 */
import { z } from 'zod';
import { EQUIPMENT_IDS, SLOT_COUNT, type EquipmentId } from '../../shared/domain';
import { isEquipmentId } from '../../shared/equipment';
import rawMap from './plc-memory-map.json';

export type FieldType = 'int16' | 'uint32' | 'string' | 'bool' | 'bcd';

/** Words a value of each type occupies (strings: max_chars / 2, checked separately). */
const TYPE_WORDS: Record<Exclude<FieldType, 'string'>, number> = { int16: 1, uint32: 2, bool: 1, bcd: 1 };

export interface MapField {
  key: string;
  /** The plant's label, typos kept (e.g. "status manufaturing"): operators and old tools know it. */
  label: string;
  /** Word offset inside the slot (slot areas) or inside the block (failure, manual weighing). */
  offset: number;
  words: number;
  type: FieldType;
  /** Engineering value = raw / scale (1 when the map gives none). */
  scale: number;
  /** Strings only; 0 otherwise. */
  maxChars: number;
  /** BCD only: 4 for the year, 2 for the others; 0 otherwise. */
  bcdDigits: number;
  /** The engineering unit the map gives (e.g. "kg"), for labelled views of the PLC. */
  unit?: string;
  equipmentId?: EquipmentId;
}

/** Slot fields the code addresses by name; per-equipment fields are reached through `SlotArea.equipment`. */
export const NAMED_SLOT_FIELDS = [
  'batch', 'mo_no', 'bom_text', 'finished_goods', 'quantity_goods',
  'status_manufacturing', 'status_operation', 'weight_finished_good', 'status_read_data',
] as const;
export type NamedSlotField = (typeof NAMED_SLOT_FIELDS)[number];

const NAMED_SLOT_FIELD_TYPES: Record<NamedSlotField, FieldType> = {
  batch: 'int16', mo_no: 'string', bom_text: 'string', finished_goods: 'string', quantity_goods: 'uint32',
  status_manufacturing: 'bool', status_operation: 'bool', weight_finished_good: 'uint32', status_read_data: 'bool',
};

export interface SlotEquipmentFields {
  id: EquipmentId;
  /** Holds the equipment id itself (always 101..115). */
  idField: MapField;
  /** WRITE: target kg; READ: actual kg. */
  kgField: MapField;
}

export type SlotAreaName = 'write' | 'read';

export interface SlotArea {
  name: SlotAreaName;
  /** For messages: "WRITE" / "READ". */
  title: string;
  slotCount: number;
  slotBase: number;
  slotStride: number;
  slotWords: number;
  /** First and last DM word of slots 1..slotCount (unused gap words included). */
  firstAddress: number;
  lastAddress: number;
  fields: readonly MapField[];
  named: Readonly<Record<NamedSlotField, MapField>>;
  /** In EQUIPMENT_IDS order. */
  equipment: readonly SlotEquipmentFields[];
}

export interface BlockArea {
  firstAddress: number;
  lastAddress: number;
  fields: readonly MapField[];
}

export interface Handshakes {
  /** D7076: 1 = PLC took the wave / area free; 0 = new data waiting (physically WRITE slot 1 status_read_data). */
  writeAreaAck: number;
  /** Per-slot "recipe read" flags of the WRITE area, slots 1..10. */
  writeSlotFlags: readonly number[];
  /** Per-slot READ-area acks, slots 1..10. */
  readSlotAcks: readonly number[];
  failureAck: number;
  /** Decision Q6: D9012 as the map says; moving it is a change to the map file only. */
  manualWeighingAck: number;
}

export interface PlcMemoryMap {
  write: SlotArea;
  read: SlotArea;
  handshake: Handshakes;
  failure: BlockArea;
  manualWeighing: BlockArea;
}

export class MemoryMapError extends Error {
  override name = 'MemoryMapError';
}

const wordCount = z.number().int().min(1);
const address = z.number().int().min(0).max(32767);

const fieldShape = {
  key: z.string().min(1),
  label: z.string().min(1),
  words: wordCount,
  type: z.enum(['int16', 'uint32', 'string', 'bool', 'bcd']),
  scale: z.number().positive().optional(),
  max_chars: z.number().int().positive().optional(),
  bcd_digits: z.union([z.literal(2), z.literal(4)]).optional(),
  equipment_id: z.number().int().optional(),
  unit: z.string().min(1).optional(),
};

const slotAreaSchema = z.object({
  id: z.enum(['write_batch', 'read_batch']),
  slot_count: z.number().int().min(1),
  slot_base_dm: address,
  slot_stride: wordCount,
  slot_words: wordCount,
  fields: z.array(z.object({ ...fieldShape, offset: z.number().int().min(0), dm_by_slot: z.array(address).optional() })),
});

const blockAreaSchema = z.object({
  id: z.enum(['equipment_failure', 'manual_weighing']),
  first_dm: address,
  last_dm: address,
  fields: z.array(z.object({ ...fieldShape, dm: address })),
});

const handshakeAreaSchema = z.object({
  id: z.literal('handshake'),
  words: z.array(z.object({ key: z.string(), dm: address.optional(), dm_by_slot: z.array(address).optional() })),
});

const mapSchema = z.object({
  schema: z.literal('plant-plc-memory-map/1'),
  areas: z.array(z.looseObject({ id: z.string() })),
});

/** Parses and cross-checks a map document; throws MemoryMapError naming what is wrong. */
export function loadMemoryMap(raw: unknown): PlcMemoryMap {
  const doc = parse(mapSchema, raw, 'memory map');
  const areaDoc = (id: string): unknown => {
    const found = doc.areas.find((a) => a.id === id);
    if (!found) throw new MemoryMapError(`memory map: area "${id}" is missing`);
    return found;
  };
  const write = buildSlotArea('write', parse(slotAreaSchema, areaDoc('write_batch'), 'area write_batch'));
  const read = buildSlotArea('read', parse(slotAreaSchema, areaDoc('read_batch'), 'area read_batch'));
  const failure = buildBlockArea('equipment_failure', parse(blockAreaSchema, areaDoc('equipment_failure'), 'area equipment_failure'));
  const manualWeighing = buildBlockArea('manual_weighing', parse(blockAreaSchema, areaDoc('manual_weighing'), 'area manual_weighing'));
  const handshake = buildHandshakes(parse(handshakeAreaSchema, areaDoc('handshake'), 'area handshake'), {
    write, read, failure, manualWeighing,
  });
  return { write, read, handshake, failure, manualWeighing };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new MemoryMapError(`memory map: ${what} is malformed:\n${z.prettifyError(result.error)}`);
  return result.data;
}

type RawField = z.infer<typeof slotAreaSchema>['fields'][number] | z.infer<typeof blockAreaSchema>['fields'][number];

function buildField(raw: RawField, offset: number, where: string): MapField {
  const what = `${where} field "${raw.key}"`;
  if (raw.type === 'string') {
    if (raw.max_chars === undefined || raw.max_chars !== raw.words * 2) {
      throw new MemoryMapError(`memory map: ${what}: a string of ${raw.words} words needs max_chars ${raw.words * 2}`);
    }
  } else if (raw.words !== TYPE_WORDS[raw.type]) {
    throw new MemoryMapError(`memory map: ${what}: type ${raw.type} takes ${TYPE_WORDS[raw.type]} word(s), not ${raw.words}`);
  }
  if (raw.type === 'bcd' && raw.bcd_digits === undefined) {
    throw new MemoryMapError(`memory map: ${what}: a bcd field needs bcd_digits`);
  }
  let equipmentId: EquipmentId | undefined;
  if (raw.equipment_id !== undefined) {
    if (!isEquipmentId(raw.equipment_id)) throw new MemoryMapError(`memory map: ${what}: unknown equipment_id ${raw.equipment_id}`);
    equipmentId = raw.equipment_id;
  }
  return {
    key: raw.key,
    label: raw.label,
    offset,
    words: raw.words,
    type: raw.type,
    scale: raw.scale ?? 1,
    maxChars: raw.type === 'string' ? raw.words * 2 : 0,
    bcdDigits: raw.type === 'bcd' ? (raw.bcd_digits ?? 0) : 0,
    ...(raw.unit === undefined ? {} : { unit: raw.unit }),
    ...(equipmentId === undefined ? {} : { equipmentId }),
  };
}

function assertNoOverlap(fields: readonly MapField[], size: number, where: string): void {
  const owner = new Array<string | undefined>(size);
  for (const field of fields) {
    for (let w = field.offset; w < field.offset + field.words; w++) {
      if (w >= size) throw new MemoryMapError(`memory map: ${where} field "${field.key}" runs past the ${size}-word block`);
      const previous = owner[w];
      if (previous) throw new MemoryMapError(`memory map: ${where} fields "${previous}" and "${field.key}" overlap at word +${w}`);
      owner[w] = field.key;
    }
  }
}

function buildSlotArea(name: SlotAreaName, raw: z.infer<typeof slotAreaSchema>): SlotArea {
  const where = `area ${raw.id}`;
  if (raw.slot_count !== SLOT_COUNT) {
    throw new MemoryMapError(`memory map: ${where} has ${raw.slot_count} slots; the app is built for ${SLOT_COUNT}`);
  }
  if (raw.slot_stride < raw.slot_words) {
    throw new MemoryMapError(`memory map: ${where}: slot stride ${raw.slot_stride} is shorter than a ${raw.slot_words}-word slot`);
  }
  const fields = raw.fields.map((f) => {
    f.dm_by_slot?.forEach((dm, i) => {
      const expected = raw.slot_base_dm + raw.slot_stride * i + f.offset;
      if (dm !== expected) {
        throw new MemoryMapError(`memory map: ${where} field "${f.key}" slot ${i + 1} is listed at D${dm} but base/stride/offset give D${expected}`);
      }
    });
    return buildField(f, f.offset, where);
  });
  assertNoOverlap(fields, raw.slot_words, where);

  const byKey = (key: string): MapField | undefined => fields.find((f) => f.key === key);
  const named = Object.fromEntries(
    NAMED_SLOT_FIELDS.map((key) => {
      const field = byKey(key);
      if (!field) throw new MemoryMapError(`memory map: ${where} lacks field "${key}"`);
      if (field.type !== NAMED_SLOT_FIELD_TYPES[key]) {
        throw new MemoryMapError(`memory map: ${where} field "${key}" is ${field.type}, expected ${NAMED_SLOT_FIELD_TYPES[key]}`);
      }
      return [key, field];
    }),
  ) as Record<NamedSlotField, MapField>; // every key checked just above

  const equipment = EQUIPMENT_IDS.map((id): SlotEquipmentFields => {
    const idField = fields.filter((f) => f.equipmentId === id && f.type === 'int16');
    const kgField = fields.filter((f) => f.equipmentId === id && f.type === 'uint32');
    const [onlyId] = idField;
    const [onlyKg] = kgField;
    if (idField.length !== 1 || kgField.length !== 1 || !onlyId || !onlyKg) {
      throw new MemoryMapError(`memory map: ${where} needs exactly one id word and one kg value for equipment ${id}`);
    }
    return { id, idField: onlyId, kgField: onlyKg };
  });

  return {
    name,
    title: name === 'write' ? 'WRITE' : 'READ',
    slotCount: raw.slot_count,
    slotBase: raw.slot_base_dm,
    slotStride: raw.slot_stride,
    slotWords: raw.slot_words,
    firstAddress: raw.slot_base_dm,
    lastAddress: raw.slot_base_dm + raw.slot_stride * (raw.slot_count - 1) + raw.slot_words - 1,
    fields,
    named,
    equipment,
  };
}

function buildBlockArea(id: string, raw: z.infer<typeof blockAreaSchema>): BlockArea {
  const where = `area ${id}`;
  if (raw.last_dm < raw.first_dm) throw new MemoryMapError(`memory map: ${where} ends (D${raw.last_dm}) before it starts (D${raw.first_dm})`);
  const fields = raw.fields.map((f) => {
    if (f.dm < raw.first_dm) throw new MemoryMapError(`memory map: ${where} field "${f.key}" at D${f.dm} lies before the block`);
    return buildField(f, f.dm - raw.first_dm, where);
  });
  assertNoOverlap(fields, raw.last_dm - raw.first_dm + 1, where);
  return { firstAddress: raw.first_dm, lastAddress: raw.last_dm, fields };
}

function buildHandshakes(
  raw: z.infer<typeof handshakeAreaSchema>,
  areas: { write: SlotArea; read: SlotArea; failure: BlockArea; manualWeighing: BlockArea },
): Handshakes {
  const entry = (key: string) => {
    const found = raw.words.find((w) => w.key === key);
    if (!found) throw new MemoryMapError(`memory map: handshake word "${key}" is missing`);
    return found;
  };
  const single = (key: string, expected: number): number => {
    const dm = entry(key).dm;
    if (dm !== expected) throw new MemoryMapError(`memory map: handshake "${key}" is D${dm} but its area puts it at D${expected}`);
    return dm;
  };
  const perSlot = (key: string, area: SlotArea): number[] => {
    const listed = entry(key).dm_by_slot ?? [];
    const expected = slotAddresses(area, area.named.status_read_data);
    if (listed.length !== expected.length || listed.some((dm, i) => dm !== expected[i])) {
      throw new MemoryMapError(`memory map: handshake "${key}" does not match the ${area.title} slots' status_read_data words`);
    }
    return expected;
  };
  const writeSlotFlags = perSlot('write_slot_status_read_data', areas.write);
  const readSlotAcks = perSlot('read_slot_status_read_data', areas.read);
  return {
    // Slot 1's status_read_data doubles as the global WRITE-area handshake (../shared/plant/README.md §4).
    writeAreaAck: single('write_area_ack', writeSlotFlags[0] ?? -1),
    writeSlotFlags,
    readSlotAcks,
    failureAck: single('equipment_failure_ack', blockFieldAddress(areas.failure, 'status_read_data')),
    manualWeighingAck: single('manual_weighing_ack', blockFieldAddress(areas.manualWeighing, 'status_read_data')),
  };
}

function slotAddresses(area: SlotArea, field: MapField): number[] {
  return Array.from({ length: area.slotCount }, (_, i) => area.slotBase + area.slotStride * i + field.offset);
}

export const plcMemoryMap: PlcMemoryMap = loadMemoryMap(rawMap);

export function slotArea(name: SlotAreaName): SlotArea {
  return plcMemoryMap[name];
}

/** Throws a RangeError unless `slot` is 1..10. */
export function assertSlot(slot: number): void {
  if (!Number.isInteger(slot) || slot < 1 || slot > SLOT_COUNT) {
    throw new RangeError(`slot ${slot} does not exist; the PLC has slots 1..${SLOT_COUNT}`);
  }
}

/** First DM word of a slot, e.g. slotBase('write', 3) → 7200. */
export function slotBase(area: SlotAreaName, slot: number): number {
  assertSlot(slot);
  const a = slotArea(area);
  return a.slotBase + a.slotStride * (slot - 1);
}

/** DM word of a named field in a slot, e.g. fieldAddress('read', 2, 'status_read_data') → 6176. */
export function fieldAddress(area: SlotAreaName, slot: number, key: NamedSlotField): number {
  return slotBase(area, slot) + slotArea(area).named[key].offset;
}

export function blockField(block: BlockArea, key: string): MapField {
  const field = block.fields.find((f) => f.key === key);
  if (!field) throw new MemoryMapError(`memory map: block D${block.firstAddress}..D${block.lastAddress} has no field "${key}"`);
  return field;
}

export function blockFieldAddress(block: BlockArea, key: string): number {
  return block.firstAddress + blockField(block, key).offset;
}

/** Names a DM word of a slot area for operators: "WRITE slot 3 NO-MO (D7201)" or "WRITE unused word D7280". */
export function describeSlotWord(area: SlotAreaName, address: number): string {
  const a = slotArea(area);
  const relative = address - a.slotBase;
  const slot = Math.floor(relative / a.slotStride) + 1;
  const offset = relative - (slot - 1) * a.slotStride;
  const field = a.fields.find((f) => offset >= f.offset && offset < f.offset + f.words);
  if (relative < 0 || slot > a.slotCount || !field) return `${a.title} unused word D${address}`;
  return `${a.title} slot ${slot} ${field.label} (D${address})`;
}
