/**
 * Plant mode end to end: PostgreSQL as the authority shared by several
 * stations, each with its local mirror; one station drives the PLC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { bundleForTest, runCli } from '../../support/cli-bundle';
import { FAST_LOOP } from '../../support/fast-loop';
import { startTestPostgres, usesExternalPostgres, type TestPostgres } from '../../support/postgres';
import { TestPlant } from '../../support/test-plant';
import { waitFor } from '../../support/wait-for';

const PLANT_LOOP = { ...FAST_LOOP, PLC_TIMEOUT_SEC: '0.2', DATABASE_STATEMENT_TIMEOUT_SEC: '5', LEASE_TTL_SECONDS: '1' };

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(async () => pg?.stop());

describe('stations sharing the plant PostgreSQL', () => {
  let plant: TestPlant | undefined;
  let authority: PgStore | undefined;
  const children: ChildProcess[] = [];
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await engine?.stop();
    await authority?.close();
    await plant?.stop();
    engine = authority = plant = undefined;
  });

  const stationEnv = (station: string, databaseUrl: string, extra: Record<string, string> = {}) =>
    plant!.env({ DATABASE_URL: databaseUrl, SMS_STATION: station, DATA_DIR: mkdtempSync(join(tmpdir(), `station-${station}-`)), ...extra });

  it('two stations triggering in parallel processes: one fetch per empty queue, no MO twice', async () => {
    const url = await pg.createDatabase();
    plant = await TestPlant.start({ moCount: 40, speed: 0.001 });
    authority = await PgStore.open({ connectionString: url });
    const envA = stationEnv('A', url);
    const envB = stationEnv('B', url);
    const storm = async () => {
      const results = await Promise.all(Array.from({ length: 16 }, (_, i) => runCli(['sync', '--once', '--json'], i % 2 ? envA : envB)));
      for (const r of results) expect(r.stderr, r.stderr).toBe('');
      return results.map((r) => JSON.parse(r.stdout) as RunRecord);
    };

    const first = await storm();
    expect(first.filter((r) => r.outcome === 'fetched')).toHaveLength(1);
    expect(first.every((r) => ['fetched', 'busy', 'skipped'].includes(r.outcome))).toBe(true);
    const wave1 = (await authority.listQueue()).map((b) => b.moId);
    expect(new Set(wave1).size).toBe(10);
    expect(await plant.writeAreaMoIds()).toEqual(wave1);

    // The wave leaves the queue (the PLC took it, Odoo has it): the next storm fetches exactly once again.
    plant.plcTakesWave();
    for (const batch of await authority.listQueue()) {
      await authority.archiveBatch({ batchId: batch.id, status: 'completed', notes: null, at: new Date().toISOString() });
    }
    const second = await storm();
    expect(second.filter((r) => r.outcome === 'fetched')).toHaveLength(1);
    const wave2 = (await authority.listQueue()).map((b) => b.moId);
    expect(wave2).toHaveLength(10);
    expect(wave2.filter((id) => wave1.includes(id))).toEqual([]);
    expect(await plant.writeAreaMoIds()).toEqual(wave2);
  });

  it.skipIf(usesExternalPostgres())('PostgreSQL stopped and restarted mid-run: the console stays readable offline, nothing lost or doubled, the mirror catches up', async () => {
    const url = await pg.createDatabase();
    // 0.6 s a batch: the first wave is still dosing when PostgreSQL goes, however busy the machine is.
    plant = await TestPlant.start({ moCount: 20, speed: 5, batchSeconds: 3 });
    const env = stationEnv('A', url, PLANT_LOOP);
    engine = await startEngine({ env, schedule: true });
    await waitFor(async () => (await engine!.engine.snapshot()).queue.count > 0, 20_000, 'the first wave');

    await pg.kill();
    await waitFor(async () => (await engine!.engine.snapshot()).authority.offlineSince !== null, 20_000, 'the console to show offline');
    const offline = await engine.engine.snapshot();
    expect(offline.queue.count).toBeGreaterThan(0); // the last known state, from the mirror
    const offlineSync = await engine.engine.runTask('mo-sync', 'manual');
    expect(offlineSync.outcome).toBe('skipped');
    expect(offlineSync.reason).toMatch(/PostgreSQL unreachable/);

    await pg.restart();
    authority = new PgStore({ connectionString: url });
    await waitFor(async () => (await authority!.listHistory({ page: 1, pageSize: 1 })).total === 20, 60_000, 'both waves archived');
    await waitFor(async () => (await engine!.engine.snapshot()).authority.offlineSince === null, 20_000, 'the console to be online again');
    await engine.stop();
    engine = undefined;

    const history = (await authority.listHistory({ page: 1, pageSize: 50 })).items;
    expect(new Set(history.map((h) => h.moId)).size).toBe(20);
    for (const h of history) expect(plant.odoo.state.bookings(h.moId).count, h.moId).toBe(1);
    expect(plant.plc.plant.stats().wavesTaken).toBe(2);

    const mirror = new SqliteStore({ file: join(env.DATA_DIR!, 'mirror.db'), lockFile: join(env.DATA_DIR!, 'mirror.db.lock') });
    const mirrored = (await mirror.listHistory({ page: 1, pageSize: 50 })).items;
    await mirror.close();
    expect(mirrored.map((h) => h.moId).sort()).toEqual(history.map((h) => h.moId).sort());
  });

  it('the driving station is killed: the other takes over, reconciles, and the plant runs on without doubling anything', async () => {
    const url = await pg.createDatabase();
    plant = await TestPlant.start({ moCount: 20, speed: 10, batchSeconds: 3 });
    authority = await PgStore.open({ connectionString: url });
    const a = startStation(stationEnv('A', url, PLANT_LOOP));
    await a.waitFor((line) => line.drivesPlc === true, 'station A to drive');
    const b = startStation(stationEnv('B', url, PLANT_LOOP));
    await b.waitFor((line) => line.drivesPlc === false, 'station B to monitor');

    await waitFor(async () => (await authority!.countQueue()) > 0, 20_000, 'the first wave');
    await waitFor(() => plant!.plc.plant.stats().finishedSlots.length >= 2, 20_000, 'a few batches dosed');
    a.child.kill('SIGKILL');
    await b.waitFor((line) => line.drivesPlc === true, 'station B to take over');

    await waitFor(async () => (await authority!.listHistory({ page: 1, pageSize: 1 })).total === 20, 60_000, 'both waves archived by B');
    const history = (await authority.listHistory({ page: 1, pageSize: 50 })).items;
    expect(new Set(history.map((h) => h.moId)).size).toBe(20);
    for (const h of history) expect(plant.odoo.state.bookings(h.moId).count, h.moId).toBe(1);
    expect(plant.plc.plant.stats().wavesTaken).toBe(2);
    const runsByB = (await authority.listRuns({ pageSize: 500, task: 'complete' })).items.filter((r) => r.station === 'B' && r.outcome === 'done');
    expect(runsByB.length).toBeGreaterThan(0);
  });

  function startStation(env: Record<string, string>) {
    const child = spawn(process.execPath, [bundleForTest('test/support/station-child.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const lines: Record<string, unknown>[] = [];
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
    });
    return {
      child,
      waitFor: (match: (line: Record<string, unknown>) => boolean, what: string) => waitFor(() => lines.some(match), 30_000, what),
    };
  }
});
