/** The operator's controls in the PostgreSQL authority (see ../operator-controls.ts); PgStore delegates here. */
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
import type { PgRow } from './pg-database';
import { insertRows } from './pg-rows';

/** A statement on the pool or inside a transaction, answering its rows. */
export type PgRun = (sql: string, params: readonly unknown[]) => Promise<PgRow[]>;

/** The queue with each batch's checklist as one jsonb column (rowToQueueBatch reads it). */
export const PG_QUEUE_WITH_ADDITIVES = `
SELECT b.*, (SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.position), '[]'::jsonb)
  FROM batch_additives a WHERE a.mo_id = b.mo_id) AS manual_additives
FROM mo_batch b ORDER BY b.batch_no`;

export async function readNewWavesPause(run: PgRun): Promise<NewWavesPause> {
  const rows = await run('SELECT * FROM plant_controls WHERE name = $1', [NEW_WAVES_CONTROL]);
  return pauseFromRow(rows[0]);
}

/** One statement: of two stations pausing at once, one changes it and the other learns it already was. */
export async function setNewWavesPause(run: PgRun, change: NewWavesChange): Promise<NewWavesChangeResult> {
  const rows = await run(
    `INSERT INTO plant_controls AS c (name, value, changed_at, changed_by) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at, changed_by = excluded.changed_by
     WHERE (c.value->>'paused')::boolean IS DISTINCT FROM $5::boolean
     RETURNING *`,
    [NEW_WAVES_CONTROL, JSON.stringify({ paused: change.paused, reason: change.reason }), change.at, change.station, change.paused],
  );
  return rows[0] ? { pause: pauseFromRow(rows[0]), changed: true } : { pause: await readNewWavesPause(run), changed: false };
}

/** The wave's checklists; called inside the transaction that queues the wave (a leftover line starts afresh, as in SQLite). */
export async function insertAdditives(run: PgRun, recipes: readonly BatchRecipe[]): Promise<void> {
  const lines = recipes.flatMap((recipe) => recipe.manualAdditives.map((line) => ({ mo_id: recipe.moId, ...line })));
  if (lines.length === 0) return;
  const insert = insertRows('batch_additives', ['mo_id', 'position', 'name', 'quantity', 'uom'], lines);
  await run(
    `${insert.sql} ON CONFLICT (mo_id, position) DO UPDATE SET
       name = excluded.name, quantity = excluded.quantity, uom = excluded.uom, checked_at = NULL, checked_by = NULL`,
    insert.params,
  );
}

/** Only a line of a batch still in the queue, and only when it changes: the first tick keeps its time and station. */
export async function checkAdditive(run: PgRun, check: AdditiveCheck): Promise<AdditiveCheckResult> {
  const queued = 'mo_id = $1 AND position = $2 AND EXISTS (SELECT 1 FROM mo_batch WHERE mo_id = $1)';
  const changed = await run(
    `UPDATE batch_additives SET checked_at = $3, checked_by = $4
     WHERE ${queued} AND (checked_at IS NULL) = $5::boolean RETURNING *`,
    [check.moId, check.position, check.checked ? check.at : null, check.checked ? check.station : null, check.checked],
  );
  if (changed[0]) return { additive: additiveFromRow(changed[0]), changed: true };
  const current = await run(`SELECT * FROM batch_additives WHERE ${queued}`, [check.moId, check.position]);
  return current[0] ? { additive: additiveFromRow(current[0]), changed: false } : null;
}
