import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import { startEngine } from '../../../electron/engine/start-engine';
import { runCli } from '../../support/cli-bundle';
import { TestPlant } from '../../support/test-plant';

/**
 * Odoo takes this long to list MOs, so whoever is inside the gate stays there
 * while the other triggers arrive: without the gate lock they would all page
 * Odoo at once and dispatch the same MOs twice. (Triggers that merely start
 * one after another would pass even without the lock.)
 */
const SLOW_LIST_MS = 4_000;

describe('many triggers at once on one data directory, all inside the gate together', () => {
  let plant: TestPlant | undefined;
  afterEach(async () => plant?.stop());

  async function slowPlant(): Promise<TestPlant> {
    // A PLC that doses slowly: the wave stays in the queue for the whole test.
    plant = await TestPlant.start({ moCount: 40, speed: 0.001 });
    plant.odoo.faults.slowRoutes.set('mo-list-detailed', SLOW_LIST_MS);
    return plant;
  }

  /** What the data directory and the PLC show afterwards: one wave of ten, dispatched and taken once. */
  async function expectOneWave(p: TestPlant): Promise<RunRecord[]> {
    const store = p.openStore();
    const runs = (await store.listRuns({ pageSize: 500, task: 'mo-sync' })).items;
    const queue = await store.listQueue();
    await store.close();

    const byOutcome = (outcome: string) => runs.filter((r) => r.outcome === outcome).length;
    expect(byOutcome('fetched'), JSON.stringify(runs.map((r) => [r.outcome, r.reason]))).toBe(1);
    expect(byOutcome('busy') + byOutcome('skipped')).toBe(runs.length - 1);
    // Only the one holder of the gate asked Odoo for MOs.
    expect(p.odoo.state.requestCount('mo-list-detailed')).toBe(1);

    const queued = queue.map((b) => b.moId);
    expect(queued).toHaveLength(10);
    expect(new Set(queued).size).toBe(10);
    expect(await p.writeAreaMoIds()).toEqual(queued);
    expect(p.plc.plant.stats().wavesTaken).toBe(1);
    return runs;
  }

  it('CLI processes started together: one fetch; the others find the gate held (busy) or the queue full (skipped)', async () => {
    const p = await slowPlant();
    const results = await Promise.all(Array.from({ length: 8 }, () => runCli(['sync', '--once', '--json'], p.env())));

    for (const result of results) expect(result.stderr, result.stderr).toBe('');
    const cliRuns = results.map((r) => JSON.parse(r.stdout) as RunRecord);
    for (const run of cliRuns) expect(['fetched', 'busy', 'skipped'], run.reason).toContain(run.outcome);
    // Proof that the processes overlapped inside the gate, so that this test can fail without the lock.
    expect(cliRuns.filter((run) => run.outcome === 'busy').length).toBeGreaterThan(0);
    expect(await expectOneWave(p)).toHaveLength(8);
  });

  it('two engines on one store (two consoles: timers and Sync now), with no scheduler between them to merge the triggers', async () => {
    const p = await slowPlant();
    const env = p.env({ ENABLE_AUTO_SYNC: 'true', SYNC_INTERVAL_MINUTES: String(0.2 / 60) });
    const consoles = [await startEngine({ env, schedule: true }), await startEngine({ env, schedule: true })];

    const buttonRuns = await Promise.all(consoles.flatMap((c) => [c.backend.handlers.syncNow(), c.backend.handlers.syncNow()]));
    for (const c of consoles) await c.stop();

    for (const run of buttonRuns) expect(['fetched', 'busy', 'skipped'], run.reason).toContain(run.outcome);
    // The two consoles' first Sync now ran side by side: one of them found the gate held.
    expect(buttonRuns.filter((run) => run.outcome === 'busy').length).toBeGreaterThan(0);
    const runs = await expectOneWave(p);
    expect(runs.filter((r) => r.trigger === 'schedule').length).toBeGreaterThan(0);
  });
});
