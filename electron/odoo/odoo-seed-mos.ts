/**
 * Realistic Odoo MOs for the simulator, restated from the captured plant replies
 * (../shared/plant/odoo-api.md §4): WH/MO/00011 … 00020 with their silo and tank
 * components, PLC01 manual additives, Odoo's float noise and `false` scalars,
 * plus a generator that cycles these recipes under new MO names.
 */
import type { EquipmentId } from '../../shared/domain';
import { EQUIPMENT } from '../../shared/equipment';

/** Full equipment object as Odoo's SCADA module returns it (odoo-api.md §3B). */
export interface OdooEquipmentRecord {
  id: number;
  code: string;
  name: string;
  equipment_type: 'plc' | 'silo' | 'sensor';
  manufacturer: string | false;
  model_number: string | false;
  serial_number: string | false;
  ip_address: string | false;
  port: number | false;
  protocol: 'modbus' | 'middleware';
  is_active: boolean;
  connection_status: string;
  sync_status: string;
  last_connected: string | false;
}

export interface OdooComponentRecord {
  product_tmpl_id: number;
  product_id: number;
  product_name: string;
  to_consume: number;
  reserved: number;
  consumed: number;
  uom: 'kg' | 'Unit';
  equipment: OdooEquipmentRecord | null;
}

export type OdooMoState = 'draft' | 'confirmed' | 'progress' | 'to_close' | 'done' | 'cancel';

/** One MO exactly as `mo-list-detailed` / `mo-detail` return it. */
export interface OdooMoRecord {
  mo_id: string;
  reference: string | null;
  state: OdooMoState;
  schedule_start: string;
  schedule_end: string;
  equipment: OdooEquipmentRecord | null;
  product_tmpl_id: number;
  product_id: number;
  product_name: string;
  quantity: number;
  produced_qty: number;
  uom: 'kg';
  bom_id: number;
  bom_code: string | false;
  bom_components: { product_tmpl_id: number; product_id: number; product_name: string; quantity: number; uom: 'kg' | 'Unit' }[];
  components_consumption: OdooComponentRecord[];
}

function equipmentRecord(id: number, code: string, name: string, type: OdooEquipmentRecord['equipment_type']): OdooEquipmentRecord {
  const plc = type === 'plc';
  return {
    id,
    code,
    name,
    equipment_type: type,
    manufacturer: plc ? 'Omron' : false,
    model_number: plc ? 'CJ2M' : false,
    serial_number: false,
    ip_address: plc ? '192.168.1.2' : false,
    port: plc ? 9600 : false,
    protocol: plc ? 'modbus' : 'middleware',
    is_active: true,
    connection_status: 'connected',
    sync_status: 'synced',
    last_connected: false,
  };
}

/** Odoo's display names for the tanks differ from the PLC's ("LQ TETES", not "LQ114"). */
const ODOO_TANK_NAMES: Partial<Record<EquipmentId, string>> = { 114: 'LQ TETES', 115: 'LQ FML' };

/**
 * Odoo's SCADA equipment master. Record ids as seen in the plant: PLC01 = 1,
 * silo101…silo112 = 3…14, lq114 = 16, lq115 = 17 (i.e. PLC id − 98; silo113,
 * never referenced by a captured MO, follows the same rule).
 */
export const ODOO_EQUIPMENT_MASTER: readonly OdooEquipmentRecord[] = [
  equipmentRecord(1, 'PLC01', 'Main PLC', 'plc'),
  ...EQUIPMENT.map((e) => equipmentRecord(e.id - 98, e.odooCode, ODOO_TANK_NAMES[e.id] ?? e.name, e.id >= 114 ? 'sensor' : 'silo')),
];

const MATERIALS = {
  POLLAR: [895, '[40025] POLLAR ANGSA'],
  KOPRA: [896, '[40001] KOPRA TEPUNG/MESH'],
  SAWIT: [897, '[40009] SAWIT'],
  CGF: [898, '[40008] CGF'],
  KOPI_KULIT: [899, '[40004] KOPI KULIT'],
  KATUL: [900, '[40006] KATUL BIASA'],
  TETES: [944, '[40018] TETES'],
  FML: [945, '[40019] FML'],
  PKE: [901, '[40005] PKE PELLET'],
  DDGS: [902, '[4001] DDGS JAGUNG'],
  CGM: [903, '[40117] CGM'],
  AMPOK: [904, '[40012] AMPOK JAGUNG'],
  PKD: [905, '[40131] PKD'],
  JAGUNG_GILING: [906, '[40044] JAGUNG GILING'],
  ONGGOK: [907, '[4014] ONGGOK'],
  KLENTENG: [908, '[40003] KLENTENG'],
  DEMITOX: [801, '[4002] DEMITOX'],
  CACO3: [802, 'CaCO3'],
  GARAM: [800, '[40022] GARAM'],
  SBM: [803, 'SBM'],
  SAVEMIX: [804, '[40137] SAVEMIX'],
  SODIUM_BICARBONATE: [805, '[40132] SODIUM BICARBONATE'],
  HS_1A: [806, '1A HS'],
  JANGGEL: [807, '[40036] JANGGEL JAGUNG GILING'],
  RUMIGOLD: [808, '[20023] RUMIGOLD 1KG'],
} as const satisfies Record<string, readonly [number, string]>;
type Material = keyof typeof MATERIALS;

interface Line {
  material: Material;
  /** Equipment code, or null for an additive with no equipment. */
  on: string | null;
  kg: number;
  /** Done quantity already booked (MOs in progress), else 0. */
  consumed?: number;
  /** Odoo's reserved quantity when it differs from the plan (float noise). */
  reserved?: number;
  uom?: 'Unit';
}

interface RecipeDefinition {
  product: string;
  productId: number;
  bomId: number;
  /** MO-level equipment: 'PLC01', or null as captured for WH/MO/00016. */
  moEquipment: 'PLC01' | null;
  lines: Line[];
}

const line = (material: Material, on: string | null, kg: number, extra: Omit<Line, 'material' | 'on' | 'kg'> = {}): Line => ({ material, on, kg, ...extra });
const manual = (material: Material, kg: number, extra: Omit<Line, 'material' | 'on' | 'kg'> = {}): Line => line(material, 'PLC01', kg, extra);

const JF_SUPER_1A: RecipeDefinition = {
  product: '[10075] JF SUPER 1A',
  productId: 835,
  bomId: 63,
  moEquipment: null,
  lines: [
    line('POLLAR', 'silo103', 310),
    line('KOPRA', 'silo102', 110),
    line('PKE', 'silo101', 70),
    line('DDGS', 'silo107', 262.70000000000005),
    line('AMPOK', 'silo108', 120),
    line('ONGGOK', 'silo106', 33.4),
    line('TETES', 'lq114', 33.3),
    line('FML', 'lq115', 33.3),
    line('DEMITOX', null, 0.1),
    line('CACO3', null, 18),
    line('GARAM', null, 3),
    line('SODIUM_BICARBONATE', null, 5),
    line('RUMIGOLD', null, 1.2, { uom: 'Unit' }),
  ],
};

/** The captured MOs, in Odoo's order (oldest first), with the state each was captured in. */
const DEMO: readonly { number: number; state: OdooMoState; recipe: RecipeDefinition }[] = [
  {
    number: 11,
    state: 'progress',
    recipe: {
      product: '[10092] JF SAPOT 1B',
      productId: 832,
      bomId: 70,
      moEquipment: 'PLC01',
      lines: [
        // consumed > to_consume: earlier pushes were already applied to this MO in progress.
        line('POLLAR', 'silo103', 300, { consumed: 352 }),
        line('KOPRA', 'silo102', 150),
        line('SAWIT', 'silo109', 220),
        line('CGF', 'silo105', 10, { consumed: 45 }),
        line('KOPI_KULIT', 'silo110', 107),
        line('KATUL', 'silo111', 120),
        line('TETES', 'lq114', 40),
        line('FML', 'lq115', 30),
        manual('DEMITOX', 0.5),
        manual('CACO3', 20),
        manual('GARAM', 2.5),
      ],
    },
  },
  {
    number: 12,
    state: 'progress',
    recipe: {
      product: '[10083] JF PLUS UVP',
      productId: 833,
      bomId: 69,
      moEquipment: 'PLC01',
      lines: [
        line('POLLAR', 'silo103', 352),
        line('KOPRA', 'silo102', 100.7),
        line('PKE', 'silo101', 40),
        line('DDGS', 'silo107', 250),
        line('CGM', 'silo104', 10),
        line('AMPOK', 'silo108', 140),
        line('PKD', 'silo106', 10),
        line('TETES', 'lq114', 37),
        line('FML', 'lq115', 20),
        manual('SBM', 20),
        manual('SAVEMIX', 1.2),
        manual('DEMITOX', 0.1),
        manual('CACO3', 15),
        manual('GARAM', 3),
        manual('SODIUM_BICARBONATE', 5),
      ],
    },
  },
  {
    number: 13,
    state: 'confirmed',
    recipe: {
      product: '[10011] JF SAPOT 2',
      productId: 834,
      bomId: 65,
      moEquipment: 'PLC01',
      lines: [
        line('POLLAR', 'silo103', 340),
        line('KOPRA', 'silo102', 130),
        // The same material sits on different silos in different BoMs.
        line('SAWIT', 'silo101', 190),
        line('JAGUNG_GILING', 'silo104', 50),
        line('KOPI_KULIT', 'silo110', 120),
        line('ONGGOK', 'silo106', 20),
        line('TETES', 'lq114', 40),
        line('FML', 'lq115', 30),
        manual('HS_1A', 50),
        manual('JANGGEL', 10),
        manual('DEMITOX', 1),
        manual('CACO3', 16),
        manual('GARAM', 3),
        manual('RUMIGOLD', 1, { uom: 'Unit' }),
      ],
    },
  },
  {
    number: 14,
    state: 'confirmed',
    recipe: {
      // Only "CGF 120 on PLC01" was captured for this MO; the silo lines follow JF PLUS (00018).
      product: 'JF PLUS KUR',
      productId: 836,
      bomId: 2,
      moEquipment: 'PLC01',
      lines: [
        line('POLLAR', 'silo103', 320),
        line('KOPRA', 'silo102', 140),
        line('PKE', 'silo101', 80),
        line('DDGS', 'silo107', 150),
        line('AMPOK', 'silo108', 100),
        line('ONGGOK', 'silo106', 20),
        line('TETES', 'lq114', 30),
        line('FML', 'lq115', 20),
        manual('CGF', 120),
        manual('CACO3', 15),
        manual('GARAM', 3),
      ],
    },
  },
  {
    number: 15,
    state: 'confirmed',
    recipe: {
      product: '[10066] JF SUPER 2D',
      productId: 837,
      bomId: 64,
      moEquipment: 'PLC01',
      lines: [
        line('POLLAR', 'silo103', 330),
        line('KOPRA', 'silo102', 120),
        line('PKE', 'silo101', 52.3, { reserved: 52.300000000000004 }),
        line('SAWIT', 'silo109', 70),
        line('JAGUNG_GILING', 'silo104', 50),
        line('KLENTENG', 'silo112', 20),
        line('KOPI_KULIT', 'silo110', 100),
        line('KATUL', 'silo111', 100),
        line('ONGGOK', 'silo106', 10),
        // In this BoM the liquids are not linked to the tanks: weighed by hand.
        manual('TETES', 40),
        manual('FML', 25),
        manual('PKD', 10),
        manual('HS_1A', 50),
        manual('DEMITOX', 0.1),
        manual('CACO3', 20),
        manual('GARAM', 2),
        manual('RUMIGOLD', 0.6, { uom: 'Unit' }),
      ],
    },
  },
  { number: 16, state: 'confirmed', recipe: JF_SUPER_1A },
  { number: 17, state: 'confirmed', recipe: { ...JF_SUPER_1A, moEquipment: 'PLC01' } },
  {
    number: 18,
    state: 'confirmed',
    recipe: {
      product: '[10002] JF PLUS (50 KG)',
      productId: 838,
      bomId: 1,
      moEquipment: 'PLC01',
      lines: [
        line('POLLAR', 'silo103', 330),
        line('KOPRA', 'silo102', 150),
        line('PKE', 'silo101', 96.1),
        line('SAWIT', 'silo109', 20),
        line('DDGS', 'silo107', 155),
        line('AMPOK', 'silo108', 100),
        line('KOPI_KULIT', 'silo110', 25),
        line('ONGGOK', 'silo106', 33.4),
        line('TETES', 'lq114', 33.3),
        line('FML', 'lq115', 35),
        manual('CACO3', 16.8),
        manual('GARAM', 3),
        manual('SODIUM_BICARBONATE', 5),
      ],
    },
  },
  { number: 19, state: 'confirmed', recipe: { ...JF_SUPER_1A, moEquipment: 'PLC01' } },
  {
    number: 20,
    state: 'confirmed',
    recipe: {
      product: '[10065] JF SUPER 2A',
      productId: 839,
      bomId: 62,
      moEquipment: 'PLC01',
      lines: [
        line('POLLAR', 'silo103', 334),
        line('KOPRA', 'silo102', 120),
        line('PKE', 'silo101', 90),
        line('SAWIT', 'silo109', 20),
        line('DDGS', 'silo107', 50),
        line('KLENTENG', 'silo112', 15),
        line('KOPI_KULIT', 'silo110', 85),
        line('KATUL', 'silo111', 90),
        line('ONGGOK', 'silo106', 20),
        line('TETES', 'lq114', 50),
        line('FML', 'lq115', 20),
      ],
    },
  },
];

/** First captured schedule: WH/MO/00011 started 2026-02-24T11:51:43.261830; one MO per hour after it. */
const FIRST_SCHEDULE_MS = Date.UTC(2026, 1, 24, 11, 51, 43);
const HOUR_MS = 3_600_000;

/** Odoo's ISO form with microseconds (odoo-api.md §1); the captured fraction is kept. */
function odooTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.261830`;
}

function equipmentByCode(code: string | null): OdooEquipmentRecord | null {
  if (code === null) return null;
  const found = ODOO_EQUIPMENT_MASTER.find((e) => e.code === code);
  if (!found) throw new RangeError(`seed data names unknown equipment ${code}`);
  return { ...found };
}

function moName(number: number): string {
  return `WH/MO/${String(number).padStart(5, '0')}`;
}

function buildMo(number: number, state: OdooMoState, recipe: RecipeDefinition, booked: boolean): OdooMoRecord {
  const start = FIRST_SCHEDULE_MS + (number - 11) * HOUR_MS;
  const components = recipe.lines.map((l): OdooComponentRecord => {
    const [productId, productName] = MATERIALS[l.material];
    return {
      product_tmpl_id: productId,
      product_id: productId,
      product_name: productName,
      to_consume: l.kg,
      reserved: l.reserved ?? l.kg,
      consumed: booked ? (l.consumed ?? 0) : 0,
      uom: l.uom ?? 'kg',
      equipment: equipmentByCode(l.on),
    };
  });
  return {
    mo_id: moName(number),
    reference: null,
    state,
    schedule_start: odooTimestamp(start),
    schedule_end: odooTimestamp(start + HOUR_MS),
    equipment: equipmentByCode(recipe.moEquipment),
    product_tmpl_id: recipe.productId,
    product_id: recipe.productId,
    product_name: recipe.product,
    quantity: 1000.0,
    produced_qty: 0.0,
    uom: 'kg',
    bom_id: recipe.bomId,
    bom_code: false,
    bom_components: components.map((c) => ({
      product_tmpl_id: c.product_tmpl_id,
      product_id: c.product_id,
      product_name: c.product_name,
      quantity: c.to_consume,
      uom: c.uom,
    })),
    components_consumption: components,
  };
}

/** Fresh copies of the ten captured MOs WH/MO/00011 … WH/MO/00020. */
export function demoMos(): OdooMoRecord[] {
  return DEMO.map((d) => buildMo(d.number, d.state, d.recipe, true));
}

/**
 * `count` new confirmed MOs named from `startNumber` on (WH/MO/00021, …),
 * cycling the captured recipes: e.g. three waves of ten for tests.
 */
export function generateMos(count: number, startNumber: number): OdooMoRecord[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`MO count must be an integer >= 0 (got ${count})`);
  if (!Number.isInteger(startNumber) || startNumber < 1) throw new RangeError(`first MO number must be an integer >= 1 (got ${startNumber})`);
  return Array.from({ length: count }, (_, i) => {
    const demo = DEMO[i % DEMO.length];
    if (!demo) throw new RangeError('no demo recipes');
    return buildMo(startNumber + i, 'confirmed', demo.recipe, false);
  });
}

/** The demo MOs, then generated ones, `count` in all (the simulator CLI's `--mos`). */
export function seedMos(count: number): OdooMoRecord[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`MO count must be an integer >= 0 (got ${count})`);
  const demo = demoMos().slice(0, count);
  return [...demo, ...generateMos(count - demo.length, 11 + DEMO.length)];
}
