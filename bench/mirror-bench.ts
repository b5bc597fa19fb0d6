/**
 * Benchmarks of the plant-mode stores against a throwaway PostgreSQL
 * (test/support/postgres.ts, or PG_URL): how fast a desktop mirror catches up
 * with a large archive, and how the gate lock behaves under many triggers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { systemClock } from '../electron/engine/clock';
import { Mirror } from '../electron/store/mirror/mirror';
import { PgStore } from '../electron/store/postgres/pg-store';
import { startTestPostgres, type TestPostgres } from '../test/support/postgres';

async function withDatabase<T>(work: (url: string, server: TestPostgres) => Promise<T>): Promise<T> {
  const server = await startTestPostgres();
  try {
    const url = await server.createDatabase();
    await (await PgStore.open({ connectionString: url })).close();
    return await work(url, server);
  } finally {
    await server.stop();
  }
}

async function addHistoryRows(url: string, rows: number, after = 0): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO mo_histories (batch_no, mo_id, consumption, equipment_id_batch, finished_goods,
                                 consumption_silo_a, consumption_silo_c, consumption_lq_tetes, component_silo_a_name, component_silo_c_name,
                                 actual_consumption_silo_a, actual_consumption_silo_c, actual_weight_quantity_finished_goods,
                                 status_manufacturing, last_read_from_plc, status, archived_at)
       SELECT 1 + n % 10, 'WH/MO/' || lpad(n::text, 7, '0'), 1000, 'PLC01', '[10092] JF SAPOT 1B',
              120.5, 300, 33.3, '[40031] PKE PELLET', '[40025] POLLAR ANGSA', 120.25, 299.5, 998.5,
              true, timestamptz '2026-01-01' + n * interval '1 minute', 'completed', timestamptz '2026-01-01' + n * interval '1 minute'
         FROM generate_series($1::int + 1, $1::int + $2::int) AS n`,
      [after, rows],
    );
  } finally {
    await client.end();
  }
}

/**
 * Time for a mirror to catch up with `rows` archived batches: 'copy' = an
 * empty mirror's first full copy; 'changes' = a caught-up mirror following
 * that many new rows through the change log.
 */
export async function benchMirrorCatchUp(rows: number, mode: 'copy' | 'changes' = 'copy'): Promise<{ ms: number; rowsPerSecond: number }> {
  return withDatabase(async (url) => {
    const dir = mkdtempSync(join(tmpdir(), 'smo-mirror-bench-'));
    const mirror = new Mirror({ source: { connectionString: url }, file: join(dir, 'mirror.db'), station: 'bench', clock: systemClock });
    try {
      if (mode === 'changes') await mirror.catchUp();
      await addHistoryRows(url, rows);
      const started = performance.now();
      await mirror.catchUp();
      const ms = performance.now() - started;
      const copied = (await mirror.reader().listHistory({ page: 1, pageSize: 1 })).total;
      if (copied !== rows) throw new Error(`mirror holds ${copied} history rows, expected ${rows}`);
      return { ms: Math.round(ms), rowsPerSecond: Math.round((rows / ms) * 1000) };
    } finally {
      await mirror.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/**
 * `engines` stores (one pool each, as on separate stations) fire `triggers`
 * gate-lock attempts at once; every holder counts the queue and releases.
 */
export async function benchGateContention(engines: number, triggers: number): Promise<{ ms: number; acquired: number; busy: number }> {
  return withDatabase(async (url) => {
    const stores = await Promise.all(Array.from({ length: engines }, () => PgStore.open({ connectionString: url })));
    try {
      let acquired = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: triggers }, async (_, i) => {
          const store = stores[i % engines]!;
          const lock = await store.tryAcquireSyncLock();
          if (!lock) return;
          acquired++;
          await store.countQueue();
          await lock.release();
        }),
      );
      return { ms: Math.round(performance.now() - started), acquired, busy: triggers - acquired };
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
}
