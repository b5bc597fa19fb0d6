import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import { systemClock } from '../../../electron/engine/clock';
import { RunRecorder } from '../../../electron/engine/task-runner';
import { createMoSyncTask, type MoSource } from '../../../electron/engine/tasks/mo-sync/mo-sync-task';
import { toRecipe } from '../../../electron/odoo/mo-recipe';
import type { OdooMo } from '../../../electron/odoo/odoo-replies';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { readWriteArea } from '../../../electron/plc/wave-io';
import { ADVISORY_LOCK, ADVISORY_NAMESPACE } from '../../../electron/store/postgres/pg-advisory-keys';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { MemoryPlcLink } from '../../support/memory-plc-link';
import { openMos } from '../../support/mo-factory';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { MemoryLog } from '../../support/silent-log';

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => server?.stop());

describe('the gate lock across two engines (two pools on one PostgreSQL)', () => {
  let url: string;
  let engineA: PgStore;
  let engineB: PgStore;
  beforeEach(async () => {
    url = await server.createDatabase();
    engineA = await PgStore.open({ connectionString: url });
    engineB = await PgStore.open({ connectionString: url });
  });
  afterEach(async () => {
    await engineA?.close();
    await engineB?.close();
  });

  it('20 triggers at once: exactly one gets the lock, the rest get null; released, the next round has one holder again', async () => {
    for (let round = 0; round < 3; round++) {
      const locks = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? engineA : engineB).tryAcquireSyncLock()));
      const holders = locks.filter((lock) => lock !== null);
      expect(holders).toHaveLength(1);
      await holders[0]!.release();
    }
  });

  it('under churn (20 workers acquiring and releasing) there is never more than one holder', async () => {
    let holding = 0;
    let mostAtOnce = 0;
    let acquisitions = 0;
    const worker = async (store: PgStore) => {
      for (let attempt = 0; attempt < 10; attempt++) {
        const lock = await store.tryAcquireSyncLock();
        if (!lock) continue;
        holding++;
        acquisitions++;
        mostAtOnce = Math.max(mostAtOnce, holding);
        await store.countQueue(); // the gate's work happens while the lock is held
        holding--;
        await lock.release();
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => worker(i % 2 === 0 ? engineA : engineB)));

    expect(mostAtOnce).toBe(1);
    expect(acquisitions).toBeGreaterThan(0);
  });

  it("killing the holder's connection (pg_terminate_backend) frees the lock; the holder's store keeps working", async () => {
    const held = await engineA.tryAcquireSyncLock();
    expect(held).not.toBeNull();
    expect(await engineB.tryAcquireSyncLock()).toBeNull();

    await terminateLockHolder(url);

    const taken = await engineB.tryAcquireSyncLock();
    expect(taken).not.toBeNull();
    await expect(held!.release()).resolves.toBeUndefined();
    expect(await engineA.tryAcquireSyncLock()).toBeNull();
    await taken!.release();

    const again = await engineA.tryAcquireSyncLock();
    expect(again).not.toBeNull();
    await again!.release();
  });
});

describe('fencing: a station that lost the lock while paging Odoo commits nothing', () => {
  let url: string;
  let storeA: PgStore;
  let storeB: PgStore;
  beforeEach(async () => {
    url = await server.createDatabase();
    storeA = await PgStore.open({ connectionString: url });
    storeB = await PgStore.open({ connectionString: url });
  });
  afterEach(async () => {
    await storeA?.close();
    await storeB?.close();
  });

  it("A's lock connection is killed while A pages Odoo; B takes the lock and dispatches; A's run fails and B's wave is the only one", async () => {
    const mos = openMos(20);
    const memory = new DmMemory();
    memory.write(plcMemoryMap.handshake.writeAreaAck, [1]);
    const plc = new MemoryPlcLink(memory);
    const slowOdoo = heldOdoo(mos);
    const stationA = gateOf(storeA, plc, slowOdoo, 'station-a');
    const stationB = gateOf(storeB, plc, { listMos: async (limit, offset) => mos.slice(offset, offset + limit) }, 'station-b');

    const runA = stationA.sync();
    await slowOdoo.reached;
    // No transaction waits on Odoo: the plant database sees no session idle in a transaction.
    expect(await idleInTransaction(url)).toBe(0);

    await terminateLockHolder(url);
    const runB = await stationB.sync();
    expect(runB.outcome).toBe('fetched');
    slowOdoo.answer();
    const failed = await runA;

    expect(failed.outcome).toBe('error');
    expect(failed.reason).toMatch(/^lost the sync lock .*; nothing committed$/);
    const queued = (await storeB.listQueue()).map((b) => b.moId);
    expect(queued).toEqual(runB.moIds);
    expect(queued).toEqual(mos.slice(0, 10).map((mo) => mo.mo_id));
    expect(await storeB.unresolvedIntents()).toEqual([]);
    expect((await readWriteArea(plc)).slots.map((s) => s.moId)).toEqual(queued);
    expect(plc.writesTouching(plcMemoryMap.handshake.writeAreaAck)).toHaveLength(1); // one hand-over: B's

    // A's next sync is an ordinary one: it takes a fresh lock and sees B's wave in the queue.
    const next = await stationA.sync();
    expect(next).toMatchObject({ outcome: 'skipped', queueCount: 10 });
  });
});

/** Kills the connection holding the gate lock, as a network blip or an administrator would. */
async function terminateLockHolder(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2`,
      [ADVISORY_NAMESPACE, ADVISORY_LOCK.gate],
    );
    expect(rows).toHaveLength(1);
    await admin.query('SELECT pg_terminate_backend($1, 5000)', [rows[0]!.pid]);
  } finally {
    await admin.end();
  }
}

async function idleInTransaction(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    return rows[0]!.n;
  } finally {
    await admin.end();
  }
}

/** An Odoo whose MO list answers only when told to: the station stays inside the gate, paging. */
function heldOdoo(mos: OdooMo[]): MoSource<OdooMo> & { reached: Promise<void>; answer(): void } {
  let arrive!: () => void;
  let answer!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const answered = new Promise<void>((resolve) => (answer = resolve));
  return {
    reached,
    answer,
    async listMos(limit, offset) {
      arrive();
      await answered;
      return mos.slice(offset, offset + limit);
    },
  };
}

/** Task 1 of one station: its own store (pool and lock connection) on the shared database, and the shared PLC. */
function gateOf(store: PgStore, plc: MemoryPlcLink, odoo: MoSource<OdooMo>, station: string): { sync(): Promise<RunRecord> } {
  const log = new MemoryLog();
  const task = createMoSyncTask<OdooMo>({ store, plc, odoo, toRecipe, clock: systemClock, station, batchLimit: 10, log });
  const recorder = new RunRecorder({ store, clock: systemClock, station, pid: process.pid, onRun: () => undefined });
  return { sync: () => recorder.run('mo-sync', 'manual', task) };
}
