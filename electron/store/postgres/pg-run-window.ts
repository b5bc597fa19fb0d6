/**
 * The SQL of one run window (run-page.ts) for PostgreSQL: an id range of the run log read from one
 * end through an index, or — searching by MO — the range of that MO's runs in sync_run_mos, each
 * run then fetched by id. Both bounds always, so that even the newest page is a range read.
 */
import type { RunWindow } from '../run-page';

export function pgRunWindow(window: RunWindow, limit: number, oldestFirst: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [window.above ?? 0, window.below ?? Number.MAX_SAFE_INTEGER];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const where = ['r.finished_at IS NOT NULL', 'r.id > $1', 'r.id < $2'];
  let from = 'sync_runs r';
  let order = 'r.id';
  if (window.moId !== undefined) {
    from = 'sync_run_mos m JOIN sync_runs r ON r.id = m.run_id';
    where.push(`m.mo_id = ${bind(window.moId)}`, 'm.run_id > $1', 'm.run_id < $2');
    order = 'm.run_id';
  }
  if (window.task) where.push(`r.task = ${bind(window.task)}`);
  if (window.outcome) where.push(`r.outcome = ${bind(window.outcome)}`);
  if (window.startedFrom) where.push(`r.started_at >= ${bind(window.startedFrom)}`);
  if (window.startedTo) where.push(`r.started_at < ${bind(window.startedTo)}`);
  const sql = `SELECT r.* FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} ${oldestFirst ? 'ASC' : 'DESC'} LIMIT ${bind(limit)}`;
  return { sql, params };
}
