import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Mirror } from '../../../electron/store/mirror/mirror';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { ManualClock } from '../../support/manual-clock';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { playWave } from '../../support/postgres-mirror';

const at = (second: number) => new Date(Date.UTC(2026, 10, 28, 8, 0, second)).toISOString();
const mo = (n: number) => `WH/MO/${String(n).padStart(5, '0')}`;

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => server?.stop());

describe('the mirror answers history search as the authority does', () => {
  let store: PgStore;
  let mirror: Mirror;
  let dir: string;

  beforeEach(async () => {
    const url = await server.createDatabase();
    store = await PgStore.open({ connectionString: url });
    dir = mkdtempSync(join(tmpdir(), 'smo-mirror-search-'));
    mirror = new Mirror({ source: { connectionString: url }, file: join(dir, 'mirror.db'), station: 'station-a', clock: new ManualClock() });
  });
  afterEach(async () => {
    await mirror?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function plcRead(second: number, moIds: string[]): Promise<void> {
    const id = await store.startRun({ task: 'plc-read', trigger: 'schedule', station: 'station-a', pid: 1, startedAt: at(second) });
    await store.finishRun(id, { outcome: 'done', reason: 'read', moIds, finishedAt: at(second + 1) });
  }

  it('by MO, by period and the archive of a period, from a full copy and from changes followed afterwards', async () => {
    await playWave(store, 11, 3, 3, 0);
    await plcRead(30, [mo(21)]); // an MO of the next wave, read before it is known here: order does not matter
    await mirror.catchUp(); // the full copy
    await playWave(store, 21, 3, 1, 60);
    await plcRead(90, [mo(21), mo(22)]);
    await mirror.catchUp(); // changes followed

    const reader = mirror.reader();
    for (const filter of [{ moId: mo(21) }, { moId: mo(12) }, { moId: mo(22), task: 'plc-read' as const }, { from: at(50), to: at(95) }, { from: at(30), moId: mo(21) }]) {
      const page = await reader.listRuns({ pageSize: 10, ...filter });
      expect(page).toEqual(await store.listRuns({ pageSize: 10, ...filter }));
    }
    expect((await reader.listRuns({ pageSize: 10, moId: mo(21) })).items).toHaveLength(3);
    expect(await reader.archivedBetween(at(0), at(70))).toEqual(await store.archivedBetween(at(0), at(70)));
    expect((await reader.archivedBetween(at(60), at(70))).map((h) => h.moId)).toEqual([mo(21)]);

    // Runs pruned at the authority leave the mirror's search too.
    await store.pruneHistory(at(85), 1, 1_000);
    await mirror.catchUp();
    expect((await reader.listRuns({ pageSize: 10, moId: mo(21) })).items.map((r) => r.startedAt)).toEqual([at(90)]);
    expect((await reader.listRuns({ pageSize: 10, moId: mo(12) })).items).toEqual([]);
  });
});
