import { describe, expect, it } from 'vitest';
import type { BatchRecipe } from '../../../shared/domain';
import { moIdProblem, toRecipe, type RecipeResult } from '../../../electron/odoo/mo-recipe';
import { component, demoOdooMo, moWith } from '../../support/odoo-demo';

const SILO_C = { code: 'silo103', name: 'SILO C' };
const PLC01 = { code: 'PLC01', name: 'Main PLC' };

function accepted(result: RecipeResult): { recipe: BatchRecipe; notes: string[] } {
  if (!result.ok) throw new Error(`expected the MO to be accepted, got: ${result.reason}`);
  return result;
}

function refused(result: RecipeResult): string {
  if (result.ok) throw new Error('expected the MO to be refused');
  return result.reason;
}

function plannedKg(recipe: BatchRecipe): Record<string, number> {
  return Object.fromEntries(Object.entries(recipe.components).map(([id, c]) => [id, c.plannedKg]));
}

describe('the captured demo MOs (odoo-api.md §4)', () => {
  it('WH/MO/00011 doses its eight silo and tank components; the PLC01 additives are listed for the operator', () => {
    const { recipe, notes } = accepted(toRecipe(demoOdooMo('WH/MO/00011'), 1));
    expect(recipe).toMatchObject({ batchNo: 1, moId: 'WH/MO/00011', finishedGoods: '[10092] JF SAPOT 1B', quantityKg: 1000, equipmentIdBatch: 'PLC01' });
    expect(plannedKg(recipe)).toEqual({ 102: 150, 103: 300, 105: 10, 109: 220, 110: 107, 111: 120, 114: 40, 115: 30 });
    expect(recipe.components[103]?.name).toBe('[40025] POLLAR ANGSA');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^3 manual additives/);
    for (const additive of ['[4002] DEMITOX 0.5 kg', 'CaCO3 20 kg', '[40022] GARAM 2.5 kg']) expect(notes[0]).toContain(additive);
  });

  it("keeps the PLC01 additives as the batch's checklist, keyed by their place in Odoo's component list (the note stays)", () => {
    expect(accepted(toRecipe(demoOdooMo('WH/MO/00011'), 1)).recipe.manualAdditives).toEqual([
      { position: 8, name: '[4002] DEMITOX', quantity: 0.5, uom: 'kg' },
      { position: 9, name: 'CaCO3', quantity: 20, uom: 'kg' },
      { position: 10, name: '[40022] GARAM', quantity: 2.5, uom: 'kg' },
    ]);
    expect(accepted(toRecipe(demoOdooMo('WH/MO/00016'), 6)).recipe.manualAdditives.at(-1)).toEqual({ position: 12, name: '[20023] RUMIGOLD 1KG', quantity: 1.2, uom: 'Unit' });
  });

  it('a manual additive without a planned quantity is listed with the quantity unknown, never as 0 to weigh', () => {
    const mo = moWith([component('[40025] POLLAR ANGSA', 300, SILO_C), { ...component('CaCO3', null, PLC01), consumed: null }]);
    expect(accepted(toRecipe(mo, 1)).recipe.manualAdditives).toEqual([{ position: 1, name: 'CaCO3', quantity: null, uom: 'kg' }]);
  });

  it('plans from to_consume even when earlier pushes booked more (00011 is in progress)', () => {
    const mo = demoOdooMo('WH/MO/00011');
    expect(mo.components_consumption.find((c) => c.product_name.includes('POLLAR'))?.consumed).toBe(352);
    expect(accepted(toRecipe(mo, 1)).recipe.components[103]?.plannedKg).toBe(300);
  });

  it('WH/MO/00016 has no MO-level equipment: equipmentIdBatch is empty and the null-equipment additives are manual', () => {
    const { recipe, notes } = accepted(toRecipe(demoOdooMo('WH/MO/00016'), 6));
    expect(recipe.equipmentIdBatch).toBe('');
    expect(plannedKg(recipe)).toEqual({ 101: 70, 102: 110, 103: 310, 106: 33.4, 107: 262.7, 108: 120, 114: 33.3, 115: 33.3 });
    expect(notes[0]).toMatch(/^5 manual additives/);
    expect(notes[0]).toContain('[20023] RUMIGOLD 1KG 1.2 Unit');
  });

  it("WH/MO/00015's TETES and FML sit on PLC01 in that BoM, so the tanks stay empty and both are manual", () => {
    const { recipe, notes } = accepted(toRecipe(demoOdooMo('WH/MO/00015'), 5));
    expect(recipe.components[114]).toBeUndefined();
    expect(recipe.components[115]).toBeUndefined();
    expect(recipe.components[101]?.plannedKg).toBe(52.3);
    expect(notes[0]).toContain('[40018] TETES 40 kg');
    expect(notes[0]).toContain('[40019] FML 25 kg');
  });

  it('follows the material to whichever silo the BoM names (SAWIT on silo101 in 00013, silo109 in 00011)', () => {
    expect(accepted(toRecipe(demoOdooMo('WH/MO/00013'), 3)).recipe.components[101]?.name).toBe('[40009] SAWIT');
    expect(accepted(toRecipe(demoOdooMo('WH/MO/00011'), 1)).recipe.components[109]?.name).toBe('[40009] SAWIT');
  });

  it.each(['WH/MO/00012', 'WH/MO/00014', 'WH/MO/00017', 'WH/MO/00018', 'WH/MO/00019', 'WH/MO/00020'])('%s maps to a recipe', (moId) => {
    expect(accepted(toRecipe(demoOdooMo(moId), 2)).recipe.moId).toBe(moId);
  });
});

describe('components', () => {
  it('finds the silo by alias when the code has no 3-digit id, and lists components on unknown equipment', () => {
    const mo = moWith([
      component('[40005] PKE PELLET', 40, { code: 'EQ-7', name: 'SILO A' }),
      component('[40018] TETES', 33.3, { code: 'LQ-TETES', name: 'Molasses tank' }),
      component('[40099] MYSTERY', 5, { code: 'conveyor', name: 'Belt 2' }),
    ]);
    const { recipe, notes } = accepted(toRecipe(mo, 1));
    expect(plannedKg(recipe)).toEqual({ 101: 40, 114: 33.3 });
    expect(notes).toEqual([expect.stringContaining('[40099] MYSTERY 5 kg is on equipment "conveyor" (Belt 2), which is no silo or tank')]);
  });

  it('refuses two components on the same silo instead of letting the last one win', () => {
    const mo = moWith([component('[40025] POLLAR ANGSA', 300, SILO_C), component('[40001] KOPRA', 150, { code: 'silo103', name: 'SILO C' })]);
    const reason = refused(toRecipe(mo, 1));
    expect(reason).toContain('silo103');
    expect(reason).toContain('"[40025] POLLAR ANGSA"');
    expect(reason).toContain('"[40001] KOPRA"');
  });

  it('falls back to consumed when Odoo gives no to_consume, and refuses a component with neither', () => {
    const fallback = { ...component('[40025] POLLAR ANGSA', null, SILO_C), consumed: 120 };
    expect(accepted(toRecipe(moWith([fallback]), 1)).recipe.components[103]?.plannedKg).toBe(120);
    const none = { ...component('[40025] POLLAR ANGSA', null, SILO_C), consumed: null };
    expect(refused(toRecipe(moWith([none]), 1))).toContain('"[40025] POLLAR ANGSA" on silo103 has no planned quantity');
  });

  it('refuses a negative planned quantity', () => {
    expect(refused(toRecipe(moWith([component('[40025] POLLAR ANGSA', -5, SILO_C)]), 1))).toContain('invalid planned quantity (-5 kg)');
  });

  it('refuses an MO with nothing on a silo or tank (it would block the queue, pitfall P9)', () => {
    expect(refused(toRecipe(moWith([component('CaCO3', 20, PLC01), component('SBM', 20, null)]), 1))).toContain('nothing for the PLC to dose');
  });

  it('cuts a component name to the 64 characters of its column, with a note', () => {
    const long = `[40025] ${'POLLAR ANGSA '.repeat(6)}`;
    const { recipe, notes } = accepted(toRecipe(moWith([component(long, 300, SILO_C)]), 1));
    expect(recipe.components[103]?.name).toBe(long.slice(0, 64));
    expect(notes).toEqual([expect.stringContaining('longer than 64 characters')]);
  });
});

describe('the MO itself', () => {
  const dosable = [component('[40025] POLLAR ANGSA', 300, SILO_C)];

  it('refuses MOs cancelled or done in Odoo', () => {
    expect(refused(toRecipe(moWith(dosable, { state: 'cancel' }), 1))).toBe('MO "WH/MO/00042" is cancelled in Odoo');
    expect(refused(toRecipe(moWith(dosable, { state: 'done' }), 1))).toBe('MO "WH/MO/00042" is already done in Odoo');
  });

  it('refuses a planned quantity that is not above zero', () => {
    expect(refused(toRecipe(moWith(dosable, { quantity: 0 }), 1))).toContain('planned quantity of 0 kg; it must be > 0');
  });

  it('transliterates the product name to printable ASCII and says so', () => {
    const { recipe, notes } = accepted(toRecipe(moWith(dosable, { product_name: 'Pakan Spésial Café – 2' }), 1));
    expect(recipe.finishedGoods).toBe('Pakan Spesial Cafe ? 2');
    expect(notes).toEqual(['product name "Pakan Spésial Café – 2" has characters the PLC cannot show; sent as "Pakan Spesial Cafe ? 2"']);
  });

  it('keeps the full product name up to the 128 characters of finished_goods', () => {
    const long = `[10092] ${'JF SAPOT '.repeat(20)}`;
    const { recipe, notes } = accepted(toRecipe(moWith(dosable, { product_name: long }), 1));
    expect(recipe.finishedGoods).toBe(long.slice(0, 128));
    expect(notes).toEqual([expect.stringContaining('longer than 128 characters')]);
    expect(accepted(toRecipe(moWith(dosable), 1)).notes).toEqual([]);
  });

  it('refuses a batch number that is no PLC slot', () => {
    expect(() => toRecipe(moWith(dosable), 11)).toThrow(RangeError);
  });
});

describe('MO id rules (pitfall P11: the PLC holds 16 ASCII characters)', () => {
  it.each([
    ['WH/MO/00011', null],
    ['KJB/MO/000000011', null],
    ['', 'has an empty name'],
    ['KJB/MO/0000000011', 'is longer than the PLC\'s 16-character MO field'],
    ['WH/MÖ/00011', 'has characters the PLC cannot hold (printable ASCII only)'],
    [' WH/MO/00011', 'starts or ends with a space, which the PLC field would lose'],
  ])('%j → %s', (moId, problem) => {
    expect(moIdProblem(moId)).toBe(problem);
  });

  it('refuses the MO with the reason', () => {
    const reason = refused(toRecipe(moWith([component('[40025] POLLAR ANGSA', 300, SILO_C)], { mo_id: 'KJB/MO/0000000011' }), 1));
    expect(reason).toBe('MO "KJB/MO/0000000011" is longer than the PLC\'s 16-character MO field');
  });
});
