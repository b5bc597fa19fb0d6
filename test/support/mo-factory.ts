import type { OdooMo } from '../../electron/odoo/odoo-replies';

/** A plausible open MO as Odoo's mo-list-detailed returns it (shape of ../shared/plant/odoo-api.md §4). */
export function openMo(number: number, state: 'confirmed' | 'progress' | 'to_close' | 'cancel' | 'done' = 'confirmed'): OdooMo {
  return {
    mo_id: `WH/MO/${String(number).padStart(5, '0')}`,
    state,
    product_name: '[10092] JF SAPOT 1B',
    quantity: 1000,
    equipment: { code: 'PLC01', name: 'Main PLC' },
    components_consumption: [
      { product_name: '[40025] POLLAR ANGSA', to_consume: 300, consumed: 0, uom: 'kg', equipment: { code: 'silo103', name: 'SILO C' } },
      { product_name: '[40018] TETES', to_consume: 33.3, consumed: 0, uom: 'kg', equipment: { code: 'lq114', name: 'LQ TETES' } },
      { product_name: '[40022] GARAM', to_consume: 2.5, consumed: 0, uom: 'kg', equipment: { code: 'PLC01', name: 'Main PLC' } },
    ],
  };
}

export function openMos(count: number, first = 11): OdooMo[] {
  return Array.from({ length: count }, (_, i) => openMo(first + i));
}
