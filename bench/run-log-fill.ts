/**
 * Fills a SQLite authority's run log with `runs` finished runs in one statement and one
 * transaction (a million in seconds): the demo's mix — mostly PLC reads and syncs skipped while
 * the PLC doses, a wave fetched now and then — one every 1.5 s of plant time, ending now.
 */
import Database from 'better-sqlite3';

export const RUN_LOG_STEP_MS = 1_500;

export function fillRunLog(file: string, runs: number, endMs: number): void {
  const db = new Database(file);
  try {
    const startMs = endMs - runs * RUN_LOG_STEP_MS;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @runs)
       INSERT INTO sync_runs (task, trigger, station, pid, started_at, finished_at, outcome, queue_count, mo_ids, reason, duration_ms)
       SELECT CASE i % 10 WHEN 0 THEN 'mo-sync' WHEN 1 THEN 'mo-sync' WHEN 2 THEN 'complete' WHEN 3 THEN 'health' ELSE 'plc-read' END,
              'schedule', 'bench', 1,
              strftime('%Y-%m-%dT%H:%M:%fZ', (@startMs + i * ${RUN_LOG_STEP_MS}) / 1000.0, 'unixepoch'),
              strftime('%Y-%m-%dT%H:%M:%fZ', (@startMs + i * ${RUN_LOG_STEP_MS} + 40) / 1000.0, 'unixepoch'),
              CASE i % 10 WHEN 0 THEN (CASE WHEN i % 500 = 0 THEN 'fetched' ELSE 'skipped' END) WHEN 1 THEN 'skipped'
                          WHEN 2 THEN 'idle' WHEN 3 THEN 'done' ELSE (CASE WHEN i % 7 = 0 THEN 'done' ELSE 'idle' END) END,
              CASE WHEN i % 10 < 2 THEN 10 END,
              CASE WHEN i % 500 = 0 THEN '["WH/MO/' || i || '"]' ELSE '[]' END,
              CASE WHEN i % 10 < 2 THEN 'waiting for the PLC to finish 10 batches' ELSE 'nothing to do' END,
              40
         FROM n`,
    ).run({ runs, startMs });
  } finally {
    db.close();
  }
}
