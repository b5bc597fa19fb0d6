import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADVISORY_LOCK, ADVISORY_NAMESPACE } from '../../../electron/store/postgres/pg-advisory-keys';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';

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
