/**
 * A damaged database must not dispatch: a queue or an intent read from broken pages could send
 * a wave the PLC already has, or forget one it is dosing. `PRAGMA quick_check` (without the
 * slower index cross-check of integrity_check) reads every page of every table the gate, the
 * outbox and the archive rely on, at every start. The two history logs are left out: a month of
 * runs is ~2 M rows and 230 MB, whose check alone would cost a CLI `status` 350 ms, and nothing
 * is dispatched from them — a broken page there fails the read or write that meets it instead.
 */
import type Database from 'better-sqlite3';

export class SqliteDamagedError extends Error {
  override name = 'SqliteDamagedError';
}

/** The run log and the plant's system log: history that grows with time, never read to dispatch. */
const UNCHECKED_LOGS = ['sync_runs', 'system_log'];

/** Lines quoted from quick_check's report: enough to name the damage, not a wall of text. */
const QUOTED_PROBLEMS = 3;

export function assertIntact(db: Database.Database, file: string): void {
  let problems: string[];
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN (${UNCHECKED_LOGS.map((t) => `'${t}'`).join(', ')})`).all() as { name: string }[]).map((row) => row.name);
    problems = tables.flatMap((table) =>
      (db.pragma(`quick_check("${table.replace(/"/g, '""')}")`) as { quick_check: string }[]).map((row) => row.quick_check).filter((line) => line !== 'ok'),
    );
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length === 0) return;
  const quoted = problems.slice(0, QUOTED_PROBLEMS).join('; ') + (problems.length > QUOTED_PROBLEMS ? `; and ${problems.length - QUOTED_PROBLEMS} more` : '');
  throw new SqliteDamagedError(
    `the database ${file} is damaged (${quoted}); nothing is dispatched from it. ` +
      'Stop every station using this data directory, then restore the file from a backup or rebuild it with `sqlite3 <file> .recover`',
  );
}
