/** The operator's controls in the SQLite authority (see ../operator-controls.ts); SqliteStore delegates here. */
import type Database from 'better-sqlite3';
import type { BatchRecipe, NewWavesPause } from '../../../shared/domain';
import {
  NEW_WAVES_CONTROL,
  additiveFromRow,
  pauseFromRow,
  type AdditiveCheck,
  type AdditiveCheckResult,
  type NewWavesChange,
  type NewWavesChangeResult,
} from '../operator-controls';

/** The store's compiled-statement cache. */
type Prepare = (sql: string) => Database.Statement;
type Row = Record<string, unknown>;

/** The queue with each batch's checklist as one JSON column (rowToQueueBatch reads it). */
export const SQLITE_QUEUE_WITH_ADDITIVES = `
SELECT b.*, (SELECT json_group_array(json_object(
    'position', a.position, 'name', a.name, 'quantity', a.quantity, 'uom', a.uom, 'checked_at', a.checked_at, 'checked_by', a.checked_by))
  FROM batch_additives a WHERE a.mo_id = b.mo_id) AS manual_additives
FROM mo_batch b ORDER BY b.batch_no`;

export function readNewWavesPause(prepare: Prepare): NewWavesPause {
  return pauseFromRow(prepare('SELECT * FROM plant_controls WHERE name = ?').get(NEW_WAVES_CONTROL) as Row | undefined);
}

/** One statement: of two stations pausing at once, one changes it and the other learns it already was. */
export function setNewWavesPause(prepare: Prepare, change: NewWavesChange): NewWavesChangeResult {
  const row = prepare(
    `INSERT INTO plant_controls (name, value, changed_at, changed_by) VALUES (@name, @value, @at, @station)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at, changed_by = excluded.changed_by
     WHERE json_extract(plant_controls.value, '$.paused') IS NOT @paused
     RETURNING *`,
  ).get({
    name: NEW_WAVES_CONTROL,
    value: JSON.stringify({ paused: change.paused, reason: change.reason }),
    at: change.at,
    station: change.station,
    paused: Number(change.paused),
  }) as Row | undefined;
  return row ? { pause: pauseFromRow(row), changed: true } : { pause: readNewWavesPause(prepare), changed: false };
}

/**
 * The wave's checklists; called inside the transaction that queues the wave. An MO is queued once, but
 * should lines of an earlier dispatch survive (its archive row deleted by hand), they start afresh
 * rather than block the gate.
 */
export function insertAdditives(prepare: Prepare, recipes: readonly BatchRecipe[]): void {
  const insert = prepare(
    `INSERT INTO batch_additives (mo_id, position, name, quantity, uom) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (mo_id, position) DO UPDATE SET
       name = excluded.name, quantity = excluded.quantity, uom = excluded.uom, checked_at = NULL, checked_by = NULL`,
  );
  for (const recipe of recipes) {
    for (const line of recipe.manualAdditives) insert.run(recipe.moId, line.position, line.name, line.quantity, line.uom);
  }
}

/** Only a line of a batch still in the queue, and only when it changes: the first tick keeps its time and station. */
export function checkAdditive(prepare: Prepare, check: AdditiveCheck): AdditiveCheckResult {
  const queued = 'mo_id = @moId AND position = @position AND EXISTS (SELECT 1 FROM mo_batch WHERE mo_id = @moId)';
  const changed = prepare(
    `UPDATE batch_additives SET checked_at = @checkedAt, checked_by = @checkedBy
     WHERE ${queued} AND (checked_at IS NULL) = @wasUnchecked RETURNING *`,
  ).get({
    moId: check.moId,
    position: check.position,
    checkedAt: check.checked ? check.at : null,
    checkedBy: check.checked ? check.station : null,
    wasUnchecked: Number(check.checked),
  }) as Row | undefined;
  if (changed) return { additive: additiveFromRow(changed), changed: true };
  const current = prepare(`SELECT * FROM batch_additives WHERE ${queued}`).get({ moId: check.moId, position: check.position }) as Row | undefined;
  return current ? { additive: additiveFromRow(current), changed: false } : null;
}
