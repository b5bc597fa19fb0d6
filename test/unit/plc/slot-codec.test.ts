import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EQUIPMENT_IDS, type BatchRecipe } from '../../../shared/domain';
import rawMap from '../../../electron/plc/plc-memory-map.json';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { decodeReadSlot, decodeWriteSlot, encodeEmptySlot, encodeWriteSlot } from '../../../electron/plc/slot-codec';
import { sampleRecipe, validRecipe } from './sample-recipes';

const offsetOf = (key: keyof typeof plcMemoryMap.write.named): number => plcMemoryMap.write.named[key].offset;

/** What the PLC slot must say about a recipe, by the plant's rules. */
function expectedDecode(slot: number, recipe: BatchRecipe) {
  const product = recipe.finishedGoods.slice(0, 16).trim();
  return {
    batch: slot,
    moId: recipe.moId,
    bomText: product,
    finishedGoods: product,
    quantityKg: recipe.quantityKg,
    equipment: Object.fromEntries(EQUIPMENT_IDS.map((id) => [id, { idWord: id, kg: recipe.components[id]?.plannedKg ?? 0 }])),
    statusManufacturing: false,
    statusOperation: false,
    weightFinishedKg: 0,
    statusReadData: false,
  };
}

describe('encodeWriteSlot', () => {
  it('round-trips any valid recipe exactly (kg with two decimals)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }).chain((slot) => fc.tuple(fc.constant(slot), validRecipe(slot))), ([slot, recipe]) => {
        const { raw, ...decoded } = decodeWriteSlot(encodeWriteSlot(slot, recipe));
        expect(raw).toHaveLength(77);
        expect(decoded).toEqual(expectedDecode(slot, recipe));
      }),
      { numRuns: 300 },
    );
  });

  it('fills the slot the plant way: product name in NO-BoM, ids 101..115 always, 0 kg where the recipe has nothing', () => {
    const decoded = decodeWriteSlot(encodeWriteSlot(4, sampleRecipe(4)));
    expect(decoded.bomText).toBe('[10092] JF SAPOT');
    expect(decoded.equipment[101]).toEqual({ idWord: 101, kg: 0 });
    expect(decoded.equipment[115]).toEqual({ idWord: 115, kg: 33.3 });
    expect(decoded.equipment[111].kg).toBe(120.55);
  });

  it('writes explicit zeros in every status word and the weight (decision Q3)', () => {
    const words = encodeWriteSlot(1, sampleRecipe(1));
    for (const key of ['status_manufacturing', 'status_operation', 'status_read_data'] as const) expect(words[offsetOf(key)]).toBe(0);
    expect(words.slice(offsetOf('weight_finished_good'), offsetOf('weight_finished_good') + 2)).toEqual([0, 0]);
  });

  it('names slot and field when a value cannot be written', () => {
    expect(() => encodeWriteSlot(4, sampleRecipe(4, { quantityKg: -5 }))).toThrow('WRITE slot 4 Quantity Goods_id: -5 is negative');
    expect(() => encodeWriteSlot(2, sampleRecipe(2, { moId: 'WH/MO/0000000000012' }))).toThrow(/^WRITE slot 2 NO-MO: .* is 19 characters/);
    expect(() => encodeWriteSlot(3, sampleRecipe(3, { components: { 109: { name: 'SAWIT', plannedKg: Number.NaN } } }))).toThrow(
      'WRITE slot 3 SILO ID 109 Consumption: NaN is not a number',
    );
  });

  it('rejects an empty MO id, which the PLC would take for an empty slot', () => {
    expect(() => encodeWriteSlot(5, sampleRecipe(5, { moId: '  ' }))).toThrow('WRITE slot 5 NO-MO: the MO id is empty');
  });

  it('rejects a component for equipment the PLC has no place for', () => {
    const recipe = sampleRecipe(1, { components: JSON.parse('{"116": {"name": "X", "plannedKg": 1}}') as BatchRecipe['components'] });
    expect(() => encodeWriteSlot(1, recipe)).toThrow('WRITE slot 1 components: equipment 116 has no place in the PLC slot (ids 101..115)');
  });

  it('rejects a slot that does not exist', () => {
    expect(() => encodeWriteSlot(11, sampleRecipe(11))).toThrow(/slot 11 does not exist/);
  });
});

describe('encodeEmptySlot', () => {
  it('is all zeros and decodes as "no recipe" (pitfall P5)', () => {
    const words = encodeEmptySlot();
    expect(words).toEqual(new Array(77).fill(0));
    const decoded = decodeWriteSlot(words);
    expect([decoded.batch, decoded.moId, decoded.quantityKg]).toEqual([0, '', 0]);
  });
});

describe('decodeReadSlot', () => {
  /** The live capture of READ slot 1 shipped in the map's `examples`, with the plant's own decoding. */
  const example = z
    .object({
      words: z.array(z.number()),
      decoded: z.object({
        batch: z.number(), mo_no: z.string(), bom_text: z.string(), finished_goods: z.string(), quantity_goods: z.number(),
        consumption_kg: z.record(z.string(), z.number()), status_manufacturing: z.boolean(), status_operation: z.boolean(),
        weight_finished_good: z.number(), status_read_data: z.boolean(),
      }),
    })
    .parse(rawMap.examples.find((e) => e.id === 'read_slot1_live_capture'));

  it('decodes the live capture of READ slot 1 as the plant documented it', () => {
    const expected = example.decoded;
    const slot = decodeReadSlot(example.words);
    expect(slot).toMatchObject({
      batch: expected.batch,
      moId: expected.mo_no,
      bomText: expected.bom_text,
      finishedGoods: expected.finished_goods,
      quantityKg: expected.quantity_goods,
      statusManufacturing: expected.status_manufacturing,
      statusOperation: expected.status_operation,
      weightFinishedKg: expected.weight_finished_good,
      statusReadData: expected.status_read_data,
    });
    const kgById = Object.fromEntries(EQUIPMENT_IDS.map((id) => [String(id), slot.equipment[id].kg]));
    expect(kgById).toEqual(expected.consumption_kg);
    expect(EQUIPMENT_IDS.every((id) => slot.equipment[id].idWord === id)).toBe(true);
    expect(slot.raw).toEqual(example.words);
  });

  it('reports a word-swapped value as it stands instead of guessing a repair', () => {
    const words = encodeWriteSlot(1, sampleRecipe(1, { quantityKg: 1000 }));
    const at = offsetOf('quantity_goods');
    [words[at], words[at + 1]] = [words[at + 1] ?? 0, words[at] ?? 0];
    expect(decodeReadSlot(words).quantityKg).toBe((0x86a0 * 0x10000 + 1) / 100);
  });

  it('rejects a block of the wrong size or with non-word values', () => {
    expect(() => decodeReadSlot(new Array(76).fill(0))).toThrow('READ slot: expected 77 words, got 76');
    expect(() => decodeReadSlot([...new Array(76).fill(0), 70000])).toThrow('READ slot word +76: 70000 is not a 16-bit word');
  });
});
