import { describe, expect, it } from 'vitest';
import { equipmentIdFor } from '../../../electron/odoo/equipment-match';

describe('Odoo equipment → silo or tank (README §1.1)', () => {
  it.each([
    [{ code: 'silo103', name: 'SILO C' }, 103],
    [{ code: 'lq114', name: 'LQ TETES' }, 114],
    [{ code: 'lq115', name: 'LQ FML' }, 115],
    // The first 3-digit run wins over any alias, wherever it appears.
    [{ code: 'tank', name: 'SILO B 104' }, 104],
  ])('by the 3-digit id: %j → %i', (equipment, id) => {
    expect(equipmentIdFor(equipment)).toBe(id);
  });

  it.each([
    [{ code: 'EQ-7', name: 'SILO A' }, 101],
    [{ code: 'Silo_M', name: '' }, 113],
    [{ code: 'LQ-TETES', name: '' }, 114],
    [{ code: 'x', name: 'LQ TESTES' }, 114],
    [{ code: 'lq test', name: '' }, 114],
    [{ code: 'LQ FML', name: '' }, 115],
    [{ code: 'PKE PELLET', name: '' }, 101],
    [{ code: 'bin', name: 'Kulit Kopi' }, 110],
    // A 3-digit run outside 101–115 falls back to the aliases.
    [{ code: 'silo001', name: 'SILO K' }, 111],
  ])('by alias: %j → %i', (equipment, id) => {
    expect(equipmentIdFor(equipment)).toBe(id);
  });

  it.each([
    [{ code: 'PLC01', name: 'Main PLC' }],
    [{ code: 'silo999', name: 'SILO Z' }],
    [{ code: 'conveyor', name: 'Belt 120' }],
  ])('no silo or tank: %j', (equipment) => {
    expect(equipmentIdFor(equipment)).toBeNull();
  });
});
