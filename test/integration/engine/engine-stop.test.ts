/** Stopping the engine: the runs going finish first, and nothing new starts against a closing store and PLC link. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import type { StartedEngine } from '../../../electron/engine/start-engine';
import { finishedWave } from '../../support/finished-wave';
import type { TestPlant } from '../../support/test-plant';

describe('engine.stop()', () => {
  let plant: TestPlant | undefined;
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await plant?.stop();
  });

  it('waits for the Task 3 run in progress, and the queue it empties does not start a sync after stop began', async () => {
    // Not paused (ENABLE_AUTO_SYNC), so emptying the queue would fetch the next wave at once (SYNC_ON_EMPTY_QUEUE).
    ({ plant, engine } = await finishedWave({ readBack: true, env: { ENABLE_AUTO_SYNC: 'true' } }));
    const started = engine;
    let completed: RunRecord | null = null;
    const complete = started.engine.runTask('complete', 'manual').then((run) => (completed = run));

    await started.engine.stop();

    expect(completed, 'stop() returned before the run in progress finished').not.toBeNull();
    expect((await complete).outcome).toBe('done');
    await expect(started.engine.runTask('mo-sync', 'manual')).rejects.toThrow('mo-sync was not started: the engine is stopping');
    await started.stop();
    engine = undefined;

    const store = plant.openStore();
    const syncs = (await store.listRuns({ pageSize: 50, task: 'mo-sync' })).items;
    const open = store.connection.prepare('SELECT COUNT(*) AS n FROM sync_runs WHERE finished_at IS NULL').get() as { n: number };
    await store.close();
    expect(syncs.map((r) => r.trigger)).toEqual(['manual']);
    expect(open.n).toBe(0);
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
  });
});
