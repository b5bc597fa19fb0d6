/**
 * The plant's dosing equipment (../shared/plant/README.md §1.1). These
 * identifiers are the compatibility contract with Odoo, the PLC map and the
 * plant's tables: preserved exactly, typos and all.
 */
import { EQUIPMENT_IDS, type EquipmentId } from './domain';

export interface Equipment {
  id: EquipmentId;
  /** Odoo SCADA equipment code; also the key sent back to Odoo with the actual consumption. */
  odooCode: string;
  name: string;
  defaultMaterial: string;
  /** Column-name stem in mo_batch/mo_histories: silo_a … silo_m, lq_tetes, lq_fml. */
  columnStem: string;
  /** Column holding the PLC id: silo_a … silo_m, lq114, lq115. */
  idColumn: string;
}

const SILO_MATERIALS = [
  'PKE PELLET', 'KOPRA', 'POLLARD ANGSA', 'JAGUNG GILING', 'CGF', 'ONGGOK', 'DDGS JAGUNG',
  'AMPOK JAGUNG', 'SAWIT', 'KULIT KOPI', 'KATUL', 'KLENTENG', 'BSJ',
] as const;

function silo(id: EquipmentId): Equipment {
  // Letter rule: letter = chr('a' + (id − 101)) for 101..113 only.
  const letter = String.fromCharCode('a'.charCodeAt(0) + id - 101);
  return {
    id,
    odooCode: `silo${id}`,
    name: `SILO ${letter.toUpperCase()}`,
    defaultMaterial: SILO_MATERIALS[id - 101] ?? '',
    columnStem: `silo_${letter}`,
    idColumn: `silo_${letter}`,
  };
}

export const EQUIPMENT: readonly Equipment[] = EQUIPMENT_IDS.map((id): Equipment => {
  if (id === 114) {
    return { id, odooCode: 'lq114', name: 'LQ114', defaultMaterial: 'TETES', columnStem: 'lq_tetes', idColumn: 'lq114' };
  }
  if (id === 115) {
    return { id, odooCode: 'lq115', name: 'LQ115', defaultMaterial: 'FML', columnStem: 'lq_fml', idColumn: 'lq115' };
  }
  return silo(id);
});

export function equipmentById(id: EquipmentId): Equipment {
  const found = EQUIPMENT.find((e) => e.id === id);
  if (!found) throw new RangeError(`unknown equipment id ${id}`);
  return found;
}

export function isEquipmentId(value: number): value is EquipmentId {
  return (EQUIPMENT_IDS as readonly number[]).includes(value);
}
