/**
 * Which silo or tank an Odoo equipment object means — the plant's Task 1 rule
 * (../shared/plant/README.md §1.1): the first run of 3 digits in
 * `code + " " + name` if it is 101–115, otherwise an alias lookup of the
 * normalised code, then name.
 */
import type { EquipmentId } from '../../shared/domain';
import { EQUIPMENT, isEquipmentId } from '../../shared/equipment';

/** Spellings seen in Odoo's equipment master besides the reference table's own names. */
const EXTRA_ALIASES: Record<string, EquipmentId> = { lqtetes: 114, lqtestes: 114, lqtest: 114, lqfml: 115 };

const ALIASES: ReadonlyMap<string, EquipmentId> = new Map<string, EquipmentId>([
  ...EQUIPMENT.flatMap((e) =>
    [e.odooCode, e.name, e.defaultMaterial, e.columnStem, e.idColumn].map((alias): [string, EquipmentId] => [normaliseAlias(alias), e.id]),
  ),
  ...Object.entries(EXTRA_ALIASES),
]);

export function equipmentIdFor(equipment: { code: string; name: string }): EquipmentId | null {
  const digits = /\d{3}/.exec(`${equipment.code} ${equipment.name}`.toLowerCase());
  if (digits) {
    const id = Number(digits[0]);
    if (isEquipmentId(id)) return id;
  }
  return ALIASES.get(normaliseAlias(equipment.code)) ?? ALIASES.get(normaliseAlias(equipment.name)) ?? null;
}

/** "SILO A" → "siloa", "LQ-TETES" → "lqtetes". */
export function normaliseAlias(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
