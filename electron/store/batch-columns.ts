/**
 * Column names of the plant's `mo_batch` and `mo_histories` tables
 * (../shared/plant/schema.md) and the mapping between their rows and the
 * domain types. Shared by the SQLite and PostgreSQL stores so both speak the
 * exact same dialect of the plant's schema.
 */
import type { BatchRecipe, EquipmentId, HistoryEntry, HistoryStatus, ManualAdditive, QueueBatch } from '../../shared/domain';
import type { BatchFeedback } from './authority-store';
import { EQUIPMENT, type Equipment } from '../../shared/equipment';
import { additiveFromRow } from './operator-controls';

export const plannedColumn = (e: Equipment): string => `consumption_${e.columnStem}`;
export const componentColumn = (e: Equipment): string => `component_${e.columnStem}_name`;
export const actualColumn = (e: Equipment): string => `actual_consumption_${e.columnStem}`;

/** Columns written when a recipe enters the queue (and copied when it is archived). */
export const RECIPE_COLUMNS: readonly string[] = [
  'batch_no',
  'mo_id',
  'consumption',
  'equipment_id_batch',
  'finished_goods',
  ...EQUIPMENT.flatMap((e) => [e.idColumn, plannedColumn(e), componentColumn(e)]),
];

/** Columns the PLC feedback fills in. */
export const FEEDBACK_COLUMNS: readonly string[] = [
  'status_manufacturing',
  'status_operation',
  'actual_weight_quantity_finished_goods',
  'last_read_from_plc',
  ...EQUIPMENT.map(actualColumn),
];

export type Row = Record<string, unknown>;

export function recipeToRow(recipe: BatchRecipe): Row {
  const row: Row = {
    batch_no: recipe.batchNo,
    mo_id: recipe.moId,
    consumption: recipe.quantityKg,
    equipment_id_batch: recipe.equipmentIdBatch,
    finished_goods: recipe.finishedGoods,
  };
  for (const e of EQUIPMENT) {
    const component = recipe.components[e.id];
    row[e.idColumn] = e.id;
    row[plannedColumn(e)] = component ? component.plannedKg : null;
    row[componentColumn(e)] = component ? component.name : null;
  }
  return row;
}

/** A recipe as `mo_batch` and `mo_histories` hold it: the hand-weighed additives live in `batch_additives`. */
export type StoredRecipe = Omit<BatchRecipe, 'manualAdditives'>;

export function rowToRecipe(row: Row): StoredRecipe {
  const components: BatchRecipe['components'] = {};
  for (const e of EQUIPMENT) {
    const planned = row[plannedColumn(e)];
    if (planned !== null && planned !== undefined) {
      components[e.id] = { name: String(row[componentColumn(e)] ?? ''), plannedKg: Number(planned) };
    }
  }
  return {
    batchNo: Number(row.batch_no),
    moId: String(row.mo_id),
    finishedGoods: String(row.finished_goods ?? ''),
    quantityKg: Number(row.consumption),
    equipmentIdBatch: String(row.equipment_id_batch ?? ''),
    components,
  };
}

function actualsFromRow(row: Row): Partial<Record<EquipmentId, number>> {
  const actual: Partial<Record<EquipmentId, number>> = {};
  for (const e of EQUIPMENT) {
    const value = row[actualColumn(e)];
    if (value !== null && value !== undefined) actual[e.id] = Number(value);
  }
  return actual;
}

const nullableNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

/**
 * A queue row; its checklist comes as the column `manual_additives` (a JSON array the stores'
 * queue query aggregates from `batch_additives`), none when the row carries no such column.
 */
export function rowToQueueBatch(row: Row): QueueBatch {
  return {
    ...rowToRecipe(row),
    id: String(row.id),
    statusManufacturing: Boolean(row.status_manufacturing),
    statusOperation: Boolean(row.status_operation),
    actualWeightKg: nullableNumber(row.actual_weight_quantity_finished_goods),
    actualKg: actualsFromRow(row),
    lastReadFromPlc: isoOrNull(row.last_read_from_plc),
    updateOdoo: Boolean(row.update_odoo),
    odooCancelled: Boolean(row.odoo_cancelled),
    manualAdditives: additivesFromColumn(row.manual_additives),
  };
}

/** The aggregated checklist (`batch_additives` rows as a JSON array): text from SQLite, parsed from PostgreSQL. */
function additivesFromColumn(value: unknown): ManualAdditive[] {
  if (value === null || value === undefined) return [];
  const rows = (typeof value === 'string' ? JSON.parse(value) : value) as Row[];
  return rows.map(additiveFromRow).sort((x, y) => x.position - y.position);
}

export function rowToHistoryEntry(row: Row): HistoryEntry {
  return {
    ...rowToRecipe(row),
    id: String(row.id),
    status: String(row.status) as HistoryStatus,
    notes: row.notes === null || row.notes === undefined ? null : String(row.notes),
    statusManufacturing: Boolean(row.status_manufacturing),
    statusOperation: Boolean(row.status_operation),
    actualWeightKg: nullableNumber(row.actual_weight_quantity_finished_goods),
    actualKg: actualsFromRow(row),
    lastReadFromPlc: isoOrNull(row.last_read_from_plc),
    archivedAt: isoOrNull(row.archived_at),
  };
}

/**
 * The columns a PLC reading changes in a stored row, with their new values.
 * Actuals the reading did not carry (null weight, missing equipment) keep
 * their stored value: an implausible value is skipped, never written as 0.
 */
export function feedbackChanges(row: Row, feedback: BatchFeedback): Row {
  const changes: Row = {};
  if (Boolean(row.status_manufacturing) !== feedback.statusManufacturing) changes.status_manufacturing = feedback.statusManufacturing;
  if (Boolean(row.status_operation) !== feedback.statusOperation) changes.status_operation = feedback.statusOperation;
  if (feedback.actualWeightKg !== null && nullableNumber(row.actual_weight_quantity_finished_goods) !== feedback.actualWeightKg) {
    changes.actual_weight_quantity_finished_goods = feedback.actualWeightKg;
  }
  for (const e of EQUIPMENT) {
    const value = feedback.actualKg[e.id];
    if (value !== undefined && nullableNumber(row[actualColumn(e)]) !== value) changes[actualColumn(e)] = value;
  }
  return changes;
}
