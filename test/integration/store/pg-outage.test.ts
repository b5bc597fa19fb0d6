import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthorityUnavailableError } from '../../../electron/store/authority-store';
import { StationLease, type LeaseChange } from '../../../electron/store/lease/station-lease';
import { Mirror } from '../../../electron/store/mirror/mirror';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { ManualClock } from '../../support/manual-clock';
import { startTestPostgres, usesExternalPostgres, type TestPostgres } from '../../support/postgres';
import { expectMirrorMatches, playWave } from '../../support/postgres-mirror';

const WAIT = { timeout: 20_000, interval: 20 };
const UNREACHABLE = /^PostgreSQL unreachable \(127\.0\.0\.1:\d+\/\w+\): /;

/** Stopping the server needs the local throwaway cluster; a shared PG_URL server is never stopped. */
describe.skipIf(usesExternalPostgres())('PostgreSQL stopped and restarted mid-run', () => {
  let server: TestPostgres;
  let url: string;
  let store: PgStore;
  let dir: string;

  beforeAll(async () => {
    server = await startTestPostgres();
    url = await server.createDatabase();
    store = await PgStore.open({ connectionString: url, connectionTimeoutMs: 2_000 });
    dir = mkdtempSync(join(tmpdir(), 'smo-outage-'));
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function outage(whileDown: () => Promise<void>): Promise<void> {
    await server.kill();
    try {
      await whileDown();
    } finally {
      await server.restart();
    }
  }

  it('PgStore fails with AuthorityUnavailableError while it is down, and the same store works again after the restart', async () => {
    await playWave(store, 11, 3, 0, 0);
    const heldAcrossOutage = await store.tryAcquireSyncLock();
    expect(heldAcrossOutage).not.toBeNull();

    await outage(async () => {
      // All in flight at once; each failure is caught as it happens, none is left unhandled meanwhile.
      const failures = [
        store.countQueue(),
        store.listQueue(),
        store.knownMoIds(['WH/MO/00011']),
        store.tryAcquireSyncLock(),
        store.startRun({ task: 'mo-sync', trigger: 'manual', station: 'station-a', pid: 1, startedAt: new Date().toISOString() }),
        store.listHistory({ page: 1, pageSize: 10 }),
      ].map((call) => call.then(() => null, (error: unknown) => error));
      for (const failure of await Promise.all(failures)) {
        expect(failure).toBeInstanceOf(AuthorityUnavailableError);
        expect((failure as Error).message).toMatch(UNREACHABLE);
      }
      // The lock died with its connection; releasing it is quiet.
      await expect(heldAcrossOutage!.release()).resolves.toBeUndefined();
    });

    expect(await store.countQueue()).toBe(3);
    const lock = await store.tryAcquireSyncLock();
    expect(lock).not.toBeNull();
    await lock!.release();
  });

  it('a store created while PostgreSQL is down refuses calls as unavailable, then migrates and works once it is back', async () => {
    const fresh = await server.createDatabase();
    const late = new PgStore({ connectionString: fresh, connectionTimeoutMs: 2_000 });
    try {
      await outage(async () => {
        await expect(late.countQueue()).rejects.toThrow(AuthorityUnavailableError);
        await expect(late.tryAcquireSyncLock()).rejects.toThrow(UNREACHABLE);
      });
      expect(await late.countQueue()).toBe(0);
      expect(await late.listRuns({ pageSize: 10 })).toMatchObject({ items: [], hasOlder: false, hasNewer: false });
    } finally {
      await late.close();
    }
  });

  it('the mirror shows offline, keeps serving its last copy, and converges after the restart with no lost or doubled rows', async () => {
    const clock = new ManualClock();
    const mirror = new Mirror({ source: { connectionString: url, connectionTimeoutMs: 2_000 }, file: join(dir, 'mirror.db'), station: 'station-a', clock, catchUpIntervalMs: 10_000 });
    try {
      mirror.start();
      await vi.waitFor(() => expect(mirror.status().online).toBe(true), WAIT);
      for (const batch of await store.listQueue()) await store.archiveBatch({ batchId: batch.id, status: 'completed', notes: null, at: '2026-11-28T08:10:00.000Z' });
      await playWave(store, 21, 4, 2, 600);
      await vi.waitFor(() => expectMirrorMatches(mirror.reader(), store), WAIT);
      const lastKnownQueue = await mirror.reader().listQueue();
      const lastKnownHistory = await mirror.reader().listHistory({ page: 1, pageSize: 100 });

      await outage(async () => {
        await vi.waitFor(() => expect(mirror.status()).toMatchObject({ online: false, offlineSince: '2026-11-28T08:00:00.000Z' }), WAIT);
        await clock.advance(10_000); // a catch-up attempt while down fails quietly
        expect(mirror.status()).toMatchObject({ online: false, offlineSince: '2026-11-28T08:00:00.000Z', lagMs: 10_000 });
        expect(await mirror.reader().listQueue()).toEqual(lastKnownQueue);
        expect(await mirror.reader().listHistory({ page: 1, pageSize: 100 })).toEqual(lastKnownHistory);
      });

      // Work goes on at the authority before the mirror has reconnected.
      for (const batch of await store.listQueue()) await store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes: 'Manually cancelled by operator', at: '2026-11-28T08:30:00.000Z' });
      await playWave(store, 31, 3, 1, 1_200);

      // The safety-net timer reconnects and catches up (repeated: a tick may still be settling its failed attempt).
      await vi.waitFor(async () => {
        await clock.advance(10_000);
        expect(mirror.status().online).toBe(true);
      }, WAIT);
      await mirror.catchUp();
      await expectMirrorMatches(mirror.reader(), store);
      expect(mirror.status()).toMatchObject({ offlineSince: null, lagMs: 0 });
    } finally {
      await mirror.stop();
    }
  });

  it('a driving station cut off from the database stops driving when its last renewal runs out, and drives again once back', async () => {
    const clock = new ManualClock();
    const lease = new StationLease({ source: { connectionString: url, connectionTimeoutMs: 2_000 }, station: 'station-a', clock, ttlMs: 3_000 });
    const changes: LeaseChange[] = [];
    lease.onChange((change) => changes.push(change));
    try {
      lease.start();
      await vi.waitFor(() => expect(lease.isDriver()).toBe(true), WAIT);

      await outage(async () => {
        await clock.advance(1_000); // a heartbeat fails; the last renewal still holds
        expect(lease.isDriver()).toBe(true);
        await clock.advance(2_000);
        expect(lease.isDriver()).toBe(false);
        expect(changes.at(-1)).toEqual({ isDriver: false, driver: null });
      });

      await vi.waitFor(async () => {
        await clock.advance(1_000);
        expect(lease.isDriver()).toBe(true);
      }, WAIT);
    } finally {
      await lease.stop();
    }
  });
});
