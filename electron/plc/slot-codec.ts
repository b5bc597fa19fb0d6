/**
 * One 77-word batch slot ⇄ a typed record, laid out by the memory map. The
 * WRITE and READ areas share the layout; only who writes which word differs
 * (../shared/plant/README.md §4, §5.1). Decoding is strict: it reports what the
 * words say and keeps the raw words; judging plausibility is the engine's job.
 */
import type { BatchRecipe, EquipmentId } from '../../shared/domain';
import { assertSlot, plcMemoryMap, type MapField, type SlotArea } from './memory-map';
import {
  assertWord, decodeBool, decodeInt16, decodeScaled, decodeText, encodeBool, encodeInt16, encodeScaled, encodeText,
  WordCodecError,
} from './word-codec';

export interface SlotEquipmentValue {
  /** The id word as found (the plant always writes the equipment id, 101..115). */
  idWord: number;
  /** WRITE: target kg; READ: actual kg. */
  kg: number;
}

export interface DecodedSlot {
  batch: number;
  moId: string;
  /** The "NO-BoM" field; the plant fills it with the product name (see the map's discrepancies). */
  bomText: string;
  finishedGoods: string;
  quantityKg: number;
  equipment: Record<EquipmentId, SlotEquipmentValue>;
  statusManufacturing: boolean;
  statusOperation: boolean;
  weightFinishedKg: number;
  statusReadData: boolean;
  /** The slot's 77 words as read, for logs and diagnosis. */
  raw: number[];
}

/** Encodes one recipe into the 77 words of WRITE slot `slot`. Throws WordCodecError naming slot and field. */
export function encodeWriteSlot(slot: number, recipe: BatchRecipe): number[] {
  assertSlot(slot);
  const area = plcMemoryMap.write;
  const words = new Array<number>(area.slotWords).fill(0);
  const name = (field: MapField): string => `WRITE slot ${slot} ${field.label}`;
  const put = (field: MapField, values: readonly number[]): void => {
    words.splice(field.offset, values.length, ...values);
  };
  const { named } = area;

  for (const key of Object.keys(recipe.components)) {
    if (!area.equipment.some((e) => String(e.id) === key)) {
      throw new WordCodecError(`WRITE slot ${slot} components`, `equipment ${key} has no place in the PLC slot (ids 101..115)`);
    }
  }

  if (recipe.moId.trim() === '') {
    // A slot without MO text is the PLC's "no recipe" marker: the batch would silently never run.
    throw new WordCodecError(name(named.mo_no), 'the MO id is empty');
  }
  put(named.batch, [encodeInt16(slot, name(named.batch))]);
  put(named.mo_no, encodeText(recipe.moId, named.mo_no.words, name(named.mo_no), 'reject'));
  // Plant quirk: "NO-BoM" carries the product name, not a BoM code (../shared/plant/README.md §4).
  put(named.bom_text, encodeText(recipe.finishedGoods, named.bom_text.words, name(named.bom_text), 'truncate'));
  put(named.finished_goods, encodeText(recipe.finishedGoods, named.finished_goods.words, name(named.finished_goods), 'truncate'));
  put(named.quantity_goods, encodeScaled(recipe.quantityKg, named.quantity_goods.scale, name(named.quantity_goods)));
  for (const { id, idField, kgField } of area.equipment) {
    put(idField, [encodeInt16(id, name(idField))]);
    put(kgField, encodeScaled(recipe.components[id]?.plannedKg ?? 0, kgField.scale, name(kgField)));
  }
  // Decision Q3 (fix of pitfall P1): a fresh recipe carries explicit zeros in
  // every status word, and no finished weight yet.
  put(named.status_manufacturing, [encodeBool(false)]);
  put(named.status_operation, [encodeBool(false)]);
  put(named.weight_finished_good, encodeScaled(0, named.weight_finished_good.scale, name(named.weight_finished_good)));
  put(named.status_read_data, [encodeBool(false)]);
  return words;
}

/** All zeros: the "no recipe" marker for unused WRITE slots, so stale recipes never linger (pitfall P5). */
export function encodeEmptySlot(): number[] {
  return new Array<number>(plcMemoryMap.write.slotWords).fill(0);
}

export function decodeWriteSlot(words: readonly number[]): DecodedSlot {
  return decodeSlot(plcMemoryMap.write, words);
}

export function decodeReadSlot(words: readonly number[]): DecodedSlot {
  return decodeSlot(plcMemoryMap.read, words);
}

function decodeSlot(area: SlotArea, words: readonly number[]): DecodedSlot {
  if (words.length !== area.slotWords) {
    throw new RangeError(`${area.title} slot: expected ${area.slotWords} words, got ${words.length}`);
  }
  words.forEach((word, i) => assertWord(word, `${area.title} slot word +${i}`));
  const at = (field: MapField): number[] => words.slice(field.offset, field.offset + field.words);
  const scaled = (field: MapField): number => {
    const [high = 0, low = 0] = at(field);
    return decodeScaled(high, low, field.scale);
  };
  const single = (field: MapField): number => words[field.offset] ?? 0;
  const { named } = area;

  // Filled for every id below (the map guarantees one entry per equipment).
  const equipment = {} as Record<EquipmentId, SlotEquipmentValue>;
  for (const { id, idField, kgField } of area.equipment) {
    equipment[id] = { idWord: decodeInt16(single(idField)), kg: scaled(kgField) };
  }
  return {
    batch: decodeInt16(single(named.batch)),
    moId: decodeText(at(named.mo_no)),
    bomText: decodeText(at(named.bom_text)),
    finishedGoods: decodeText(at(named.finished_goods)),
    quantityKg: scaled(named.quantity_goods),
    equipment,
    statusManufacturing: decodeBool(single(named.status_manufacturing)),
    statusOperation: decodeBool(single(named.status_operation)),
    weightFinishedKg: scaled(named.weight_finished_good),
    statusReadData: decodeBool(single(named.status_read_data)),
    raw: [...words],
  };
}
