/**
 * EXPLAIN QUERY PLAN of every statement on sync_runs a piece of work runs through a SQLite
 * connection (better-sqlite3 statements, captured with their parameters as they execute).
 */
import type Database from 'better-sqlite3';

type Execute = (this: Database.Statement, ...params: unknown[]) => unknown;
const EXECUTORS = ['run', 'get', 'all', 'iterate'] as const;

/**
 * "SCAN sync_runs" is the whole table; "SCAN sync_runs USING INDEX" walks an index (here: the partial one of
 * open runs). The runs of each MO (sync_run_mos, search by MO) are as many, and must be sought the same way.
 */
const WHOLE_TABLE = /\bSCAN (sync_runs|sync_run_mos)\b(?! USING (COVERING )?INDEX)/;

export async function sqliteRunLogScans(db: Database.Database, work: () => Promise<void>): Promise<{ checked: number; scans: string[] }> {
  const prototype = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<(typeof EXECUTORS)[number], Execute>;
  const originals = EXECUTORS.map((name) => [name, prototype[name]] as const);
  const executed = new Map<string, unknown[]>();
  for (const [name, original] of originals) {
    prototype[name] = function (this: Database.Statement, ...params: unknown[]) {
      if (/\bsync_runs\b/.test(this.source)) executed.set(this.source, params);
      return original.apply(this, params);
    };
  }
  try {
    await work();
  } finally {
    for (const [name, original] of originals) prototype[name] = original;
  }
  const scans: string[] = [];
  for (const [sql, params] of executed) {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('; ');
    if (WHOLE_TABLE.test(plan)) scans.push(`${sql.replace(/\s+/g, ' ')} → ${plan}`);
  }
  return { checked: executed.size, scans };
}
