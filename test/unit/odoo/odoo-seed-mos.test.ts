import { describe, expect, it } from 'vitest';
import { toRecipe } from '../../../electron/odoo/mo-recipe';
import { odooMoSchema } from '../../../electron/odoo/odoo-replies';
import { demoMos, generateMos, ODOO_EQUIPMENT_MASTER, seedMos } from '../../../electron/odoo/odoo-seed-mos';

describe('simulator seed MOs', () => {
  it('are the ten captured MOs, oldest first, in the shape the client accepts', () => {
    const mos = demoMos();
    expect(mos.map((mo) => mo.mo_id)).toEqual(Array.from({ length: 10 }, (_, i) => `WH/MO/000${11 + i}`));
    for (const mo of mos) expect(odooMoSchema.safeParse(mo).success).toBe(true);
    expect(mos.map((mo) => mo.state).slice(0, 3)).toEqual(['progress', 'progress', 'confirmed']);
  });

  it("carry Odoo's quirks: float noise, false scalars, an MO without MO-level equipment", () => {
    const mos = demoMos();
    const pke = mos.find((mo) => mo.mo_id === 'WH/MO/00015')?.components_consumption.find((c) => c.product_name.includes('PKE'));
    expect(pke?.reserved).toBe(52.300000000000004);
    expect(mos[0]?.bom_code).toBe(false);
    expect(mos.find((mo) => mo.mo_id === 'WH/MO/00016')?.equipment).toBeNull();
  });

  it('are fresh copies each time', () => {
    const first = demoMos();
    first[0]!.state = 'cancel';
    expect(demoMos()[0]?.state).toBe('progress');
  });

  it('generate three waves of ten new confirmed MOs that all map to recipes', () => {
    const mos = generateMos(30, 21);
    expect(mos[0]?.mo_id).toBe('WH/MO/00021');
    expect(mos[29]?.mo_id).toBe('WH/MO/00050');
    expect(new Set(mos.map((mo) => mo.state))).toEqual(new Set(['confirmed']));
    expect(mos.every((mo) => mo.components_consumption.every((c) => c.consumed === 0))).toBe(true);
    mos.forEach((mo, i) => expect(toRecipe(odooMoSchema.parse(mo), (i % 10) + 1).ok).toBe(true));
  });

  it('seed any count: the captured ten first, then generated ones with unique names', () => {
    expect(seedMos(4).map((mo) => mo.mo_id)).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013', 'WH/MO/00014']);
    const many = seedMos(300);
    expect(many).toHaveLength(300);
    expect(new Set(many.map((mo) => mo.mo_id)).size).toBe(300);
    expect(many[10]?.mo_id).toBe('WH/MO/00021');
    expect(() => seedMos(-1)).toThrow(RangeError);
  });

  it("use Odoo's equipment record ids and tank names", () => {
    const byCode = (code: string) => ODOO_EQUIPMENT_MASTER.find((e) => e.code === code);
    expect(byCode('PLC01')).toMatchObject({ id: 1, equipment_type: 'plc' });
    expect(byCode('silo101')).toMatchObject({ id: 3, name: 'SILO A', equipment_type: 'silo' });
    expect(byCode('silo112')).toMatchObject({ id: 14 });
    expect(byCode('lq114')).toMatchObject({ id: 16, name: 'LQ TETES', equipment_type: 'sensor' });
    expect(byCode('lq115')).toMatchObject({ id: 17, name: 'LQ FML' });
  });
});
