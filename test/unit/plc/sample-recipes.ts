/** Recipes for PLC tests: a realistic fixed one and a fast-check arbitrary of valid ones. */
import fc from 'fast-check';
import { EQUIPMENT_IDS, type BatchRecipe, type EquipmentId } from '../../../shared/domain';

/** Shaped like the plant's WH/MO/00011 ("[10092] JF SAPOT 1B", ~1000 kg feed batch). */
export function sampleRecipe(batchNo: number, overrides: Partial<BatchRecipe> = {}): BatchRecipe {
  return {
    batchNo,
    moId: `WH/MO/${String(10 + batchNo).padStart(5, '0')}`,
    finishedGoods: '[10092] JF SAPOT 1B',
    quantityKg: 1000,
    equipmentIdBatch: 'PLC01',
    components: {
      102: { name: 'KOPRA', plannedKg: 150 },
      103: { name: 'POLLARD ANGSA', plannedKg: 300 },
      105: { name: 'CGF', plannedKg: 10 },
      109: { name: 'SAWIT', plannedKg: 220 },
      110: { name: 'KULIT KOPI', plannedKg: 107 },
      111: { name: 'KATUL', plannedKg: 120.55 },
      114: { name: 'TETES', plannedKg: 40 },
      115: { name: 'FML', plannedKg: 33.3 },
    },
    manualAdditives: [],
    ...overrides,
  };
}

export function sampleWave(count: number): BatchRecipe[] {
  return Array.from({ length: count }, (_, i) => sampleRecipe(i + 1));
}

const printableChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const printableText = (minLength: number, maxLength: number) => fc.string({ unit: printableChar, minLength, maxLength });
/** kg with two decimals, as Odoo quantities are: whole hundredths. */
const kg = (maxKg: number) => fc.integer({ min: 0, max: maxKg * 100 }).map((hundredths) => hundredths / 100);

export const validRecipe = (batchNo: number): fc.Arbitrary<BatchRecipe> =>
  fc.record({
    batchNo: fc.constant(batchNo),
    // Non-blank ends: the decoder trims, as the plant's readers do.
    moId: printableText(1, 16).filter((s) => s.trim() === s && s !== ''),
    finishedGoods: printableText(1, 40).filter((s) => s.trim() === s && s !== ''),
    quantityKg: kg(10_000),
    equipmentIdBatch: fc.constant(''),
    components: fc.dictionary(
      fc.constantFrom(...EQUIPMENT_IDS).map(String),
      fc.record({ name: printableText(1, 20), plannedKg: kg(5_000) }),
    ) as fc.Arbitrary<Partial<Record<EquipmentId, { name: string; plannedKg: number }>>>,
    manualAdditives: fc.constant([]),
  });
