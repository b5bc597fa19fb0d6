/**
 * Plant mode on a throwaway PostgreSQL (test/support/postgres.ts, or PG_URL):
 * how fast a station's mirror catches up with a large archive, and what the
 * gate lock costs when four engines contend for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { systemClock } from '../../electron/engine/clock';
import { Mirror } from '../../electron/store/mirror/mirror';
import { PgStore } from '../../electron/store/postgres/pg-store';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import { startTestPostgres, type TestPostgres } from '../../test/support/postgres';
import { formatMs, ratio } from '../bench-report';
import type { SectionResult } from '../bench-section';

const ARCHIVE_ROWS = 100_000;
/** The row-by-row way is measured on this many rows and scaled: at its pace 100 000 rows would take minutes. */
const NAIVE_SAMPLE = 2_000;
const ENGINES = 4;
const TRIGGERS_PER_ENGINE = 25;

export async function benchPlantAuthority(): Promise<SectionResult> {
  const title = `Plant authority (PostgreSQL): mirror catch-up for ${ARCHIVE_ROWS.toLocaleString('en')} archived batches, gate under ${ENGINES} engines`;
  let server: TestPostgres;
  try {
    server = await startTestPostgres();
  } catch (error) {
    return { kind: 'skipped', title, reason: `no PostgreSQL to measure against (${(error as Error).message})` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sms-bench-plant-'));
  try {
    const url = await server.createDatabase();
    await (await PgStore.open({ connectionString: url })).close();
    await addHistoryRows(url, ARCHIVE_ROWS, 0);

    const minimum = await timed(() => readAll(url));
    const mirror = new Mirror({ source: { connectionString: url }, file: join(dir, 'mirror.db'), station: 'bench', clock: systemClock });
    const copy = await timed(() => mirror.catchUp());
    await addHistoryRows(url, ARCHIVE_ROWS, ARCHIVE_ROWS);
    const follow = await timed(() => mirror.catchUp());
    const held = (await mirror.reader().listHistory({ page: 1, pageSize: 1 })).total;
    await mirror.stop();
    if (held !== 2 * ARCHIVE_ROWS) throw new Error(`the mirror holds ${held} archived batches, expected ${2 * ARCHIVE_ROWS}`);
    const naive = ((await timed(() => copyRowByRow(url, join(dir, 'naive.db'), NAIVE_SAMPLE))) * ARCHIVE_ROWS) / NAIVE_SAMPLE;

    const gate = await gateContention(url);
    const perSecond = (ms: number) => `${Math.round((ARCHIVE_ROWS / ms) * 1000).toLocaleString('en')}`;
    return {
      kind: 'table',
      title,
      header: ['ms', 'rows/s', 'ratio'],
      rows: [
        ['mirror: physical minimum (read the archive from PostgreSQL once)', formatMs(minimum), perSecond(minimum), '1.00×'],
        ['mirror: Smart MO Sync, first full copy', formatMs(copy), perSecond(copy), ratio(copy, minimum)],
        ['mirror: Smart MO Sync, following as many new rows via the change log', formatMs(follow), perSecond(follow), ratio(follow, minimum)],
        [`mirror: naive, row by row (measured on ${NAIVE_SAMPLE.toLocaleString('en')}, scaled)`, formatMs(naive), perSecond(naive), ratio(naive, minimum)],
        ['gate: physical minimum (one uncontended lock attempt)', formatMs(gate.uncontendedMs), '', '1.00×'],
        [`gate: ${ENGINES} engines × ${TRIGGERS_PER_ENGINE} triggers at once, median attempt`, formatMs(gate.medianMs), '', ratio(gate.medianMs, gate.uncontendedMs)],
        [`gate: same, slowest attempt (${gate.acquired} acquired, ${gate.busy} busy)`, formatMs(gate.maxMs), '', ratio(gate.maxMs, gate.uncontendedMs)],
      ],
      notes: [
        'Physical minimum for the mirror = one SELECT of every archived row into memory, nothing written. The copy reads in pages and writes each page in one SQLite transaction; following the change log re-reads each changed row by key.',
        'Naive = one SELECT per row and one auto-committed SQLite INSERT per row, the way a per-row sync would do it.',
        'Gate attempt = BEGIN; pg_try_advisory_xact_lock; count mo_batch; COMMIT on its own warm pooled connection (separate pools stand for separate stations). Exactly one holder at a time: the rest answer busy at once rather than waiting; with 100 attempts in flight on 2 CPUs, the median mostly measures PostgreSQL queueing them.',
      ],
    };
  } catch (error) {
    return { kind: 'failed', title, reason: (error as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function addHistoryRows(url: string, rows: number, after: number): Promise<void> {
  await withClient(url, (client) =>
    client.query(
      `INSERT INTO mo_histories (batch_no, mo_id, consumption, equipment_id_batch, finished_goods,
                                 consumption_silo_a, consumption_silo_c, consumption_lq_tetes, component_silo_a_name, component_silo_c_name,
                                 actual_consumption_silo_a, actual_consumption_silo_c, actual_weight_quantity_finished_goods,
                                 status_manufacturing, last_read_from_plc, status, archived_at)
       SELECT 1 + n % 10, 'WH/MO/' || lpad(n::text, 7, '0'), 1000, 'PLC01', '[10092] JF SAPOT 1B',
              120.5, 300, 33.3, '[40031] PKE PELLET', '[40025] POLLAR ANGSA', 120.25, 299.5, 998.5,
              true, timestamptz '2026-01-01' + n * interval '1 minute', 'completed', timestamptz '2026-01-01' + n * interval '1 minute'
         FROM generate_series($1::int + 1, $1::int + $2::int) AS n`,
      [after, rows],
    ),
  );
}

async function readAll(url: string): Promise<number> {
  return withClient(url, async (client) => (await client.query('SELECT * FROM mo_histories')).rowCount ?? 0);
}

async function copyRowByRow(url: string, file: string, rows: number): Promise<void> {
  await (await new SqliteStore({ file, lockFile: `${file}.lock` }).close());
  const db = new Database(file);
  try {
    await withClient(url, async (client) => {
      const ids = (await client.query<{ id: string }>('SELECT id FROM mo_histories ORDER BY id LIMIT $1', [rows])).rows;
      for (const { id } of ids) {
        const row = (await client.query<Record<string, unknown>>('SELECT * FROM mo_histories WHERE id = $1', [id])).rows[0]!;
        const columns = ['id', 'batch_no', 'mo_id', 'consumption', 'equipment_id_batch', 'finished_goods', 'status', 'last_read_from_plc'];
        db.prepare(`INSERT INTO mo_histories (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
          ...columns.map((c) => (row[c] instanceof Date ? (row[c] as Date).toISOString() : (row[c] as string | number | null))),
        );
      }
    });
  } finally {
    db.close();
  }
}

async function gateContention(url: string): Promise<{ uncontendedMs: number; medianMs: number; maxMs: number; acquired: number; busy: number }> {
  const stores = await Promise.all(Array.from({ length: ENGINES }, () => PgStore.open({ connectionString: url, poolSize: TRIGGERS_PER_ENGINE + 1 })));
  try {
    const attempt = async (store: PgStore): Promise<{ ms: number; acquired: boolean }> => {
      const started = performance.now();
      const lock = await store.tryAcquireSyncLock();
      if (lock) {
        await store.countQueue();
        await lock.release();
      }
      return { ms: performance.now() - started, acquired: lock !== null };
    };
    // Open every pooled connection first: the timing is of the lock, not of connection set-up.
    await Promise.all(stores.flatMap((store) => Array.from({ length: TRIGGERS_PER_ENGINE }, () => store.countQueue())));
    const alone: number[] = [];
    for (let i = 0; i < 20; i++) alone.push((await attempt(stores[0]!)).ms);
    const attempts = await Promise.all(stores.flatMap((store) => Array.from({ length: TRIGGERS_PER_ENGINE }, () => attempt(store))));
    const times = attempts.map((a) => a.ms);
    const acquired = attempts.filter((a) => a.acquired).length;
    return { uncontendedMs: median(alone), medianMs: median(times), maxMs: Math.max(...times), acquired, busy: attempts.length - acquired };
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
