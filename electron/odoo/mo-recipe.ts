/**
 * Odoo MO → the recipe a PLC slot receives (Task 1 staging,
 * ../shared/plant/README.md §1.1 and §4). Pure: the verdict and the notes for
 * the operator come back as data. Where the old middleware silently dropped or
 * overwrote components (pitfall P15), this says so — or refuses the MO when
 * dosing it would be wrong.
 */
import { SLOT_COUNT, type BatchRecipe, type EquipmentId } from '../../shared/domain';
import { equipmentById } from '../../shared/equipment';
import { equipmentIdFor } from './equipment-match';
import type { OdooComponent, OdooMo } from './odoo-replies';
import { isPrintableAscii, toPrintableAscii } from './printable-ascii';
import { roundKg } from './round-kg';

export type RecipeResult = { ok: true; recipe: BatchRecipe; notes: string[] } | { ok: false; reason: string };

/** PLC NO-MO field: 8 words of 2 characters (../shared/plant/plc-memory-map.json). */
const PLC_MO_ID_CHARS = 16;
/** `mo_batch.finished_goods` is varchar(128) (../shared/plant/schema.md). */
const FINISHED_GOODS_CHARS = 128;
/** `mo_batch.component_*_name` columns are varchar(64). */
const COMPONENT_NAME_CHARS = 64;
/** Planned values are stored to the gram (numeric(18,3)); finer digits are Odoo float noise. */
const PLANNED_DECIMALS = 3;
/** `batch_additives.uom` is varchar(32). */
const UOM_CHARS = 32;

export function toRecipe(mo: OdooMo, batchNo: number): RecipeResult {
  if (!Number.isInteger(batchNo) || batchNo < 1 || batchNo > SLOT_COUNT) {
    throw new RangeError(`batch number must be a PLC slot 1..${SLOT_COUNT} (got ${batchNo})`);
  }
  const refuse = (why: string): RecipeResult => ({ ok: false, reason: `MO ${JSON.stringify(mo.mo_id)} ${why}` });

  const idProblem = moIdProblem(mo.mo_id);
  if (idProblem) return refuse(idProblem);
  if (mo.state === 'cancel') return refuse('is cancelled in Odoo');
  if (mo.state === 'done') return refuse('is already done in Odoo');
  if (!(mo.quantity > 0)) return refuse(`has a planned quantity of ${mo.quantity} kg; it must be > 0`);

  const notes: string[] = [];
  const finishedGoods = productNameForPlant(mo.product_name, notes);
  if (!finishedGoods.trim()) return refuse('has no product name');

  const equipmentIdBatch = mo.equipment?.code ?? '';
  const components: BatchRecipe['components'] = {};
  const sources = new Map<EquipmentId, OdooComponent>();
  const manual: string[] = [];
  const manualAdditives: BatchRecipe['manualAdditives'] = [];

  for (const [position, component] of mo.components_consumption.entries()) {
    const equipment = component.equipment;
    // Additives weighed by hand sit on the MO-level PLC ("PLC01") or on no equipment at all.
    if (!equipment || (equipmentIdBatch !== '' && equipment.code === equipmentIdBatch)) {
      manual.push(describeQuantity(component));
      manualAdditives.push(manualAdditive(position, component, notes));
      continue;
    }
    const id = equipmentIdFor(equipment);
    if (id === null) {
      notes.push(`${describeQuantity(component)} is on equipment "${equipment.code}" (${equipment.name || 'no name'}), which is no silo or tank — not dosed by the PLC`);
      continue;
    }
    const code = equipmentById(id).odooCode;
    const planned = component.to_consume ?? component.consumed;
    if (planned === null) return refuse(`component "${component.product_name}" on ${code} has no planned quantity`);
    if (!Number.isFinite(planned) || planned < 0) {
      return refuse(`component "${component.product_name}" on ${code} has an invalid planned quantity (${planned} kg)`);
    }
    const earlier = sources.get(id);
    if (earlier) {
      // The old middleware let the last one win; dosing a wrong quantity is worse than not dispatching.
      return refuse(`has two components on ${code}: "${earlier.product_name}" and "${component.product_name}" — fix the BoM in Odoo`);
    }
    sources.set(id, component);
    components[id] = { name: fitColumn(component.product_name, COMPONENT_NAME_CHARS, notes), plannedKg: roundKg(planned, PLANNED_DECIMALS) };
  }

  if (sources.size === 0) return refuse('has no component on a silo or tank — nothing for the PLC to dose');
  if (manual.length > 0) {
    notes.unshift(`${manual.length} manual additive${manual.length === 1 ? '' : 's'} not dosed by the PLC (weigh by hand): ${manual.join(', ')}`);
  }

  return {
    ok: true,
    recipe: { batchNo, moId: mo.mo_id, finishedGoods, quantityKg: roundKg(mo.quantity, PLANNED_DECIMALS), equipmentIdBatch, components, manualAdditives },
    notes,
  };
}

/**
 * The PLC carries the MO id in a 16-character ASCII field and Task 2 matches
 * the READ slot back to the row by it (pitfall P11), so an id that does not
 * survive that trip is refused up front.
 */
export function moIdProblem(moId: string): string | null {
  if (moId.trim() === '') return 'has an empty name';
  if (!isPrintableAscii(moId)) return 'has characters the PLC cannot hold (printable ASCII only)';
  if (moId !== moId.trim()) return 'starts or ends with a space, which the PLC field would lose';
  if (moId.length > PLC_MO_ID_CHARS) return `is longer than the PLC's ${PLC_MO_ID_CHARS}-character MO field`;
  return null;
}

function productNameForPlant(name: string, notes: string[]): string {
  const ascii = toPrintableAscii(name);
  if (ascii !== name) notes.push(`product name "${name}" has characters the PLC cannot show; sent as "${ascii}"`);
  return fitColumn(ascii, FINISHED_GOODS_CHARS, notes);
}

function fitColumn(text: string, maxChars: number, notes: string[]): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  notes.push(`name "${text}" is longer than ${maxChars} characters; stored as "${cut}"`);
  return cut;
}

/** A checklist line for the operator; its position in Odoo's list keys the tick (names may repeat). */
function manualAdditive(position: number, component: OdooComponent, notes: string[]): BatchRecipe['manualAdditives'][number] {
  const planned = component.to_consume ?? component.consumed;
  return {
    position,
    name: component.product_name,
    // A quantity Odoo cannot state is shown as unknown rather than as a number to weigh.
    quantity: planned !== null && Number.isFinite(planned) && planned >= 0 ? roundKg(planned, PLANNED_DECIMALS) : null,
    uom: fitColumn(component.uom || 'kg', UOM_CHARS, notes),
  };
}

function describeQuantity(component: OdooComponent): string {
  const planned = component.to_consume ?? component.consumed;
  return planned === null ? component.product_name : `${component.product_name} ${roundKg(planned, PLANNED_DECIMALS)} ${component.uom || 'kg'}`;
}
