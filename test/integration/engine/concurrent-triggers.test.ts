import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import { startEngine } from '../../../electron/engine/start-engine';
import { runCli } from '../../support/cli-bundle';
import { TestPlant } from '../../support/test-plant';

describe('many triggers at once on one data directory (timer, Sync now, CLI processes)', () => {
  let plant: TestPlant | undefined;
  afterEach(async () => plant?.stop());

  it('produce exactly one fetch; every other trigger is busy or skipped; no MO is queued or dispatched twice', async () => {
    // A PLC that doses slowly: the wave stays in the queue for the whole test.
    plant = await TestPlant.start({ moCount: 40, speed: 0.001 });
    const env = plant.env({ ENABLE_AUTO_SYNC: 'true', SYNC_INTERVAL_MINUTES: String(40 / 60_000) });
    const engine = await startEngine({ env, schedule: true });

    const cli = Array.from({ length: 40 }, () => runCli(['sync', '--once', '--json'], env));
    const buttons = Array.from({ length: 10 }, () => engine.backend.handlers.syncNow());
    const [cliResults, buttonRuns] = await Promise.all([Promise.all(cli), Promise.all(buttons)]);
    await engine.stop();

    for (const result of cliResults) expect(result.stderr, result.stderr).toBe('');
    const cliRuns = cliResults.map((r) => JSON.parse(r.stdout) as RunRecord);
    expect(cliRuns.every((run) => ['fetched', 'busy', 'skipped'].includes(run.outcome))).toBe(true);
    expect(buttonRuns.every((run) => ['fetched', 'busy', 'skipped'].includes(run.outcome))).toBe(true);

    const store = plant.openStore();
    const runs = (await store.listRuns({ page: 1, pageSize: 500, task: 'mo-sync' })).items;
    const queue = await store.listQueue();
    await store.close();

    const byOutcome = (outcome: string) => runs.filter((r) => r.outcome === outcome).length;
    expect(runs.length).toBeGreaterThanOrEqual(41); // 40 CLI processes + at least one in-process trigger
    expect(byOutcome('fetched')).toBe(1);
    expect(byOutcome('busy') + byOutcome('skipped')).toBe(runs.length - 1);
    expect(runs.filter((r) => r.trigger === 'schedule').length).toBeGreaterThan(0);

    const queued = queue.map((b) => b.moId);
    expect(queued).toHaveLength(10);
    expect(new Set(queued).size).toBe(10);
    expect(await plant.writeAreaMoIds()).toEqual(queued);
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
  });
});
