/**
 * The SQL of one run window (run-page.ts) for SQLite. Every shape of it is a seek: an id range of
 * the primary key, of the (task, id), (outcome, id) or (task, outcome, id) index, or — searching by
 * MO — the range of that MO's runs in sync_run_mos, each run then looked up by id. The planner is
 * told which, since without statistics it may prefer an index that reads far more of the log.
 */
import type { RunWindow } from '../run-page';

export function sqliteRunWindow(window: RunWindow, limit: number, oldestFirst: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown) => (params.push(value), '?');
  const idRange = (column: string) =>
    [`${column} > ${bind(window.above ?? 0)}`, `${column} < ${bind(window.below ?? Number.MAX_SAFE_INTEGER)}`];
  const where = ['sync_runs.finished_at IS NOT NULL'];
  let from: string;
  let order: string;
  if (window.moId !== undefined) {
    // CROSS JOIN keeps this order: the MO's few runs first, never the log scanned for the MO.
    from = 'sync_run_mos CROSS JOIN sync_runs ON sync_runs.id = sync_run_mos.run_id';
    where.push(`sync_run_mos.mo_id = ${bind(window.moId)}`, ...idRange('sync_run_mos.run_id'));
    order = 'sync_run_mos.run_id';
  } else {
    // Without statistics SQLite may take the outcome index for both filters and read every run of that outcome.
    from = `sync_runs${window.task && window.outcome ? ' INDEXED BY ix_sync_runs_task_outcome' : ''}`;
    where.push(...idRange('sync_runs.id'));
    order = 'sync_runs.id';
  }
  if (window.task) where.push(`sync_runs.task = ${bind(window.task)}`);
  if (window.outcome) where.push(`sync_runs.outcome = ${bind(window.outcome)}`);
  // Unary + keeps the start-time index out of it: the id range already bounds the period.
  if (window.startedFrom) where.push(`+sync_runs.started_at >= ${bind(window.startedFrom)}`);
  if (window.startedTo) where.push(`+sync_runs.started_at < ${bind(window.startedTo)}`);
  const sql = `SELECT sync_runs.* FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} ${oldestFirst ? 'ASC' : 'DESC'} LIMIT ${bind(limit)}`;
  return { sql, params };
}
