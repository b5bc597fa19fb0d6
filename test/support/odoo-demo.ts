import { odooMoSchema, type OdooComponent, type OdooMo } from '../../electron/odoo/odoo-replies';
import { demoMos } from '../../electron/odoo/odoo-seed-mos';

/** A captured demo MO (odoo-api.md §4) as the client hands it to the engine: through the reply schema. */
export function demoOdooMo(moId: string): OdooMo {
  const record = demoMos().find((mo) => mo.mo_id === moId);
  if (!record) throw new Error(`no demo MO ${moId}`);
  return odooMoSchema.parse(record);
}

/** A component on an Odoo equipment (code, name), or a manual additive when `equipment` is null. */
export function component(productName: string, toConsume: number | null, equipment: { code: string; name: string } | null): OdooComponent {
  return { product_name: productName, to_consume: toConsume, consumed: 0, uom: 'kg', equipment };
}

/** An open 1000 kg MO on PLC01 with the given components. */
export function moWith(components: OdooComponent[], overrides: Partial<OdooMo> = {}): OdooMo {
  return {
    mo_id: 'WH/MO/00042',
    state: 'confirmed',
    product_name: '[10092] JF SAPOT 1B',
    quantity: 1000,
    equipment: { code: 'PLC01', name: 'Main PLC' },
    components_consumption: components,
    ...overrides,
  };
}
