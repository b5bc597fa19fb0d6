/**
 * Whole-area views of the two batch areas: the DM span each one covers, its
 * decoded snapshot, and the full WRITE-area image of a wave. Pure functions;
 * wave-io.ts moves them over the link.
 */
import { SLOT_COUNT, type BatchRecipe } from '../../shared/domain';
import { plcMemoryMap, slotBase, type SlotArea, type SlotAreaName } from './memory-map';
import { decodeReadSlot, decodeWriteSlot, encodeEmptySlot, encodeWriteSlot, type DecodedSlot } from './slot-codec';
import { decodeBool } from './word-codec';

export interface SlotSnapshot extends DecodedSlot {
  slot: number;
}

export interface WriteAreaSnapshot {
  /** Slots 1..10 as the WRITE area holds them now. */
  slots: SlotSnapshot[];
  /** D7076: 1 = PLC took the last wave, 0 = a wave is waiting for the PLC. */
  handshake: number;
  /** Per-slot WRITE flags (slot 1's is D7076 itself), set by the PLC (decision Q4). */
  slotFlags: boolean[];
  /** Every word of D7000..D7976, unused gap words included. */
  raw: number[];
}

export interface FeedbackSnapshot {
  /** READ slots 1..10. */
  slots: SlotSnapshot[];
  /** Every word of D6000..D6976. */
  raw: number[];
}

export interface AreaSpan {
  first: number;
  count: number;
}

export function areaSpan(name: SlotAreaName): AreaSpan {
  const area = plcMemoryMap[name];
  return { first: area.firstAddress, count: area.lastAddress - area.firstAddress + 1 };
}

export function decodeWriteArea(raw: readonly number[]): WriteAreaSnapshot {
  const area = plcMemoryMap.write;
  const span = checkedSpan('write', raw);
  const { handshake } = plcMemoryMap;
  return {
    slots: slotsOf(area, raw, decodeWriteSlot),
    handshake: raw[handshake.writeAreaAck - span.first] ?? 0,
    slotFlags: handshake.writeSlotFlags.map((address) => decodeBool(raw[address - span.first] ?? 0)),
    raw: [...raw],
  };
}

export function decodeReadArea(raw: readonly number[]): FeedbackSnapshot {
  checkedSpan('read', raw);
  return { slots: slotsOf(plcMemoryMap.read, raw, decodeReadSlot), raw: [...raw] };
}

/**
 * The full WRITE-area image of a wave: recipes in slots 1..N, empty slots after
 * them (pitfall P5), and every word the map does not define copied from
 * `current` unchanged. `recipes` may be empty: that image withdraws a wave.
 */
export function buildWaveImage(recipes: readonly BatchRecipe[], current: WriteAreaSnapshot): number[] {
  const bySlot = recipesBySlot(recipes);
  const span = checkedSpan('write', current.raw);
  const image = [...current.raw];
  for (let slot = 1; slot <= SLOT_COUNT; slot++) {
    const recipe = bySlot.get(slot);
    const words = recipe ? encodeWriteSlot(slot, recipe) : encodeEmptySlot();
    image.splice(slotBase('write', slot) - span.first, words.length, ...words);
  }
  return image;
}

/** Recipes keyed by slot; batch numbers must be exactly 1..N (slot = batch number). */
function recipesBySlot(recipes: readonly BatchRecipe[]): Map<number, BatchRecipe> {
  if (recipes.length > SLOT_COUNT) {
    throw new RangeError(`a wave holds at most ${SLOT_COUNT} batches (the PLC has ${SLOT_COUNT} slots); got ${recipes.length}`);
  }
  const bySlot = new Map<number, BatchRecipe>();
  for (const recipe of recipes) {
    if (bySlot.has(recipe.batchNo)) {
      throw new RangeError(`batch ${recipe.batchNo} appears twice in the wave (${bySlot.get(recipe.batchNo)?.moId} and ${recipe.moId})`);
    }
    bySlot.set(recipe.batchNo, recipe);
  }
  for (let slot = 1; slot <= recipes.length; slot++) {
    if (!bySlot.has(slot)) {
      const numbers = recipes.map((r) => r.batchNo).join(', ');
      throw new RangeError(`wave batch numbers must be 1..${recipes.length} without gaps (slot = batch number); got ${numbers}`);
    }
  }
  return bySlot;
}

function checkedSpan(name: SlotAreaName, raw: readonly number[]): AreaSpan {
  const span = areaSpan(name);
  if (raw.length !== span.count) {
    throw new RangeError(`${plcMemoryMap[name].title} area: expected ${span.count} words from D${span.first}, got ${raw.length}`);
  }
  return span;
}

function slotsOf(area: SlotArea, raw: readonly number[], decode: (words: readonly number[]) => DecodedSlot): SlotSnapshot[] {
  return Array.from({ length: area.slotCount }, (_, i) => {
    const start = area.slotStride * i;
    return { slot: i + 1, ...decode(raw.slice(start, start + area.slotWords)) };
  });
}
