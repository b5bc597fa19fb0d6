/**
 * A damaged database must not dispatch: a queue or an intent read from broken pages could send
 * a wave the PLC already has, or forget one it is dosing. `PRAGMA quick_check` reads every page
 * (without the slower index cross-check of integrity_check), cheap enough at every start.
 */
import type Database from 'better-sqlite3';

export class SqliteDamagedError extends Error {
  override name = 'SqliteDamagedError';
}

/** Lines quoted from quick_check's report: enough to name the damage, not a wall of text. */
const QUOTED_PROBLEMS = 3;

export function assertIntact(db: Database.Database, file: string): void {
  let problems: string[];
  try {
    problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).filter((line) => line !== 'ok');
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
