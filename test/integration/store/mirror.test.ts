import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Mirror, type MirrorOptions } from '../../../electron/store/mirror/mirror';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { ManualClock } from '../../support/manual-clock';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { expectMirrorMatches, playWave } from '../../support/postgres-mirror';
import { OLD_HISTORY_INSERT, OLD_QUEUE_INSERT } from '../../support/postgres-plant-ddl';
import { MemoryLog } from '../../support/silent-log';

const WAIT = { timeout: 15_000, interval: 20 };

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => server?.stop());

describe('Mirror: a local SQLite copy of the plant authority', () => {
  let url: string;
  let store: PgStore;
  let dir: string;
  let plant: pg.Client;
  const mirrors: Mirror[] = [];
  const log = new MemoryLog();

  beforeEach(async () => {
    url = await server.createDatabase();
    store = await PgStore.open({ connectionString: url });
    plant = new pg.Client({ connectionString: url });
    await plant.connect();
    dir = mkdtempSync(join(tmpdir(), 'smo-mirror-'));
    log.entries.length = 0;
  });
  afterEach(async () => {
    await Promise.all(mirrors.splice(0).map((m) => m.stop()));
    await plant?.end();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function openMirror(file = 'mirror.db', options: Partial<MirrorOptions> = {}): Mirror {
    const mirror = new Mirror({ source: { connectionString: url }, file: join(dir, file), station: 'station-a', clock: new ManualClock(), log, ...options });
    mirrors.push(mirror);
    return mirror;
  }

  const fullCopies = () => log.entries.filter((e) => e.message.startsWith('mirror: copying the authority in full')).length;
  const changeLogIds = async () => (await plant.query<{ id: string }>('SELECT id FROM smart_mo_sync_changes ORDER BY id')).rows.map((r) => Number(r.id));

  it('an empty mirror copies the authority in full; a restarted one serves it from the file before any network', async () => {
    await playWave(store, 11, 3, 3, 0);
    await playWave(store, 21, 4, 1, 60);
    const mirror = openMirror();

    await mirror.catchUp();

    await expectMirrorMatches(mirror.reader(), store);
    expect(mirror.status()).toMatchObject({ lastSyncAt: '2026-11-28T08:00:00.000Z', lastChangeId: Math.max(...(await changeLogIds())) });
    await mirror.stop();

    const reopened = openMirror();
    expect((await reopened.reader().listQueue()).map((b) => b.moId)).toEqual(['WH/MO/00022', 'WH/MO/00023', 'WH/MO/00024']);
    expect(reopened.status()).toMatchObject({ online: false, offlineSince: null, lastSyncAt: '2026-11-28T08:00:00.000Z' });
    await expectMirrorMatches(reopened.reader(), store);
  });

  it('once started it follows every write by NOTIFY, without waiting for its timer', async () => {
    const mirror = openMirror();
    mirror.start();
    await vi.waitFor(() => expect(mirror.status().online).toBe(true), WAIT);

    await playWave(store, 11, 3, 3, 0);
    await playWave(store, 21, 2, 0, 60);

    await vi.waitFor(() => expectMirrorMatches(mirror.reader(), store), WAIT);
    expect(mirror.status()).toMatchObject({ online: true, offlineSince: null, lagMs: 0 });
  });

  it("follows the old tooling's plain SQL too: inserts, updates, deletes and TRUNCATE", async () => {
    const mirror = openMirror();
    await playWave(store, 11, 2, 0, 0);
    await mirror.catchUp();

    await plant.query(`UPDATE mo_batch SET status_operation = true, last_read_from_plc = now() WHERE batch_no = 2`);
    await plant.query(OLD_HISTORY_INSERT, [2, 'WH/MO/00012', 1.5, false, true, '2026-11-28T09:00:00Z', 'cancelled', 'Manually cancelled by operator']);
    await plant.query(`DELETE FROM mo_batch WHERE batch_no = 2`);
    await mirror.catchUp();
    await expectMirrorMatches(mirror.reader(), store);

    await plant.query('TRUNCATE mo_batch');
    await plant.query(OLD_QUEUE_INSERT, [1, 'WH/MO/00031', 1000, 300]);
    await mirror.catchUp();
    await expectMirrorMatches(mirror.reader(), store);
    expect((await mirror.reader().listQueue()).map((b) => b.moId)).toEqual(['WH/MO/00031']);
  });

  it('resumes from its place after a restart: what changed meanwhile arrives once, with no second full copy', async () => {
    await playWave(store, 11, 3, 1, 0);
    const first = openMirror();
    await first.catchUp();
    await first.stop();

    const queue = await store.listQueue();
    for (const batch of queue) await store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes: 'Manually cancelled by operator', at: '2026-11-28T09:00:00.000Z' });
    await playWave(store, 21, 2, 1, 60);

    const second = openMirror();
    await second.catchUp();

    await expectMirrorMatches(second.reader(), store);
    expect(fullCopies()).toBe(1);
    expect(second.status().lastChangeId).toBe(Math.max(...(await changeLogIds())));
  });

  it('never skips a change whose transaction commits after a later change (change ids are not commit order)', async () => {
    const mirror = openMirror();
    await mirror.catchUp();
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(OLD_HISTORY_INSERT, [1, 'WH/MO/00500', 1, true, false, '2026-11-28T09:00:00Z', 'completed', null]);
      await plant.query(OLD_HISTORY_INSERT, [2, 'WH/MO/00501', 2, true, false, '2026-11-28T09:01:00Z', 'completed', null]);
      await mirror.catchUp();
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    await mirror.catchUp();
    await expectMirrorMatches(mirror.reader(), store);
    expect((await mirror.reader().listHistory({ page: 1, pageSize: 10 })).items.map((h) => h.moId).sort()).toEqual(['WH/MO/00500', 'WH/MO/00501']);
  });

  it('copies a large archive in pages', async () => {
    await plant.query(
      `INSERT INTO mo_histories (batch_no, mo_id, consumption, equipment_id_batch, finished_goods, consumption_silo_c, actual_consumption_silo_c,
                                 status_manufacturing, last_read_from_plc, status, archived_at)
       SELECT 1 + n % 10, 'WH/MO/' || lpad(n::text, 6, '0'), 1000, 'PLC01', 'FEED', 300, 299.5, true,
              timestamptz '2026-01-01' + n * interval '1 minute', 'completed', timestamptz '2026-01-01' + n * interval '1 minute'
         FROM generate_series(1, 12000) AS n`,
    );
    const mirror = openMirror('mirror.db', { pageSize: 5_000 });

    await mirror.catchUp();

    const page = await mirror.reader().listHistory({ page: 1, pageSize: 2 });
    expect(page.total).toBe(12_000);
    expect(page.items.map((h) => h.moId)).toEqual(['WH/MO/012000', 'WH/MO/011999']);
    await expectMirrorMatches(mirror.reader(), store);
  });

  it('prunes the change log only below every mirror’s place: a stopped mirror still catches up from the log', async () => {
    await playWave(store, 11, 3, 3, 0);
    const behind = openMirror('behind.db');
    await behind.catchUp();
    const behindAt = behind.status().lastChangeId;
    await behind.stop();
    await playWave(store, 21, 3, 2, 60);
    const logged = await changeLogIds();

    const ahead = openMirror('ahead.db', { changeRetentionMs: 0 });
    await ahead.catchUp(); // prunes as part of its first catch-up
    await ahead.pruneChangeLog();

    const unreadByBehind = logged.filter((id) => id > behindAt);
    expect(unreadByBehind.length).toBeLessThan(logged.length);
    expect(await changeLogIds()).toEqual(unreadByBehind);
    const resumed = openMirror('behind.db');
    await resumed.catchUp();
    await expectMirrorMatches(resumed.reader(), store);
    expect(fullCopies()).toBe(2); // one each for the two files' first start, none on resuming
  });

  it('a mirror the authority has forgotten (away too long) copies everything again and converges', async () => {
    await playWave(store, 11, 3, 3, 0);
    const away = openMirror('away.db');
    await away.catchUp();
    await away.stop();
    await playWave(store, 21, 2, 0, 60);
    const other = openMirror('other.db', { changeRetentionMs: 0, abandonedAfterMs: 0 });
    await other.catchUp();
    await other.pruneChangeLog();

    const back = openMirror('away.db');
    await back.catchUp();

    await expectMirrorMatches(back.reader(), store);
    expect(fullCopies()).toBe(3);
  });
});
