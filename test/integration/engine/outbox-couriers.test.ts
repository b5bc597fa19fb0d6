import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import type { StartedEngine } from '../../../electron/engine/start-engine';
import { runCli } from '../../support/cli-bundle';
import { finishedWave } from '../../support/finished-wave';
import type { TestPlant } from '../../support/test-plant';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wave = Array.from({ length: 10 }, (_, i) => `WH/MO/000${11 + i}`);

describe('the Odoo outbox on real sockets: one booking per MO, whoever delivers and however slow Odoo is', () => {
  let plant: TestPlant | undefined;
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await plant?.stop();
    engine = plant = undefined;
  });

  it('two `run complete --once` processes against a slow Odoo: each MO booked once, the wave archived once', async () => {
    ({ plant, engine } = await finishedWave({ readBack: true }));
    await engine.stop();
    engine = undefined;
    // Slow reads too: both processes are reading an MO's baseline at the same time, each about to push it.
    plant.odoo.faults.slowRoutes.set('mo-detail', 200);
    plant.odoo.faults.slowRoutes.set('update-with-consumptions', 300);

    const env = plant.env();
    const results = await Promise.all([runCli(['run', 'complete', '--once', '--json'], env), runCli(['run', 'complete', '--once', '--json'], env)]);

    const runs = results.map((r) => JSON.parse(r.stdout) as RunRecord);
    for (const mo of wave) expect(plant.odoo.state.bookings(mo).count, mo).toBe(1);
    const completed = runs.flatMap((run) => run.moIds);
    expect([...completed].sort()).toEqual(wave);
    // The process that met an MO the other one was delivering says so, and leaves it alone.
    expect(runs.some((run) => /another courier is delivering it \(test-station pid \d+ #[0-9a-z]+\)/.test(run.reason))).toBe(true);
    const store = plant.openStore();
    expect(await store.countQueue()).toBe(0);
    expect((await store.listHistory({ page: 1, pageSize: 20, status: 'completed' })).total).toBe(10);
    await store.close();
  });

  it('a push Odoo applies after the client gave up is not read back until the settle horizon: booked once', async () => {
    ({ plant, engine } = await finishedWave({
      readBack: true,
      env: { ODOO_TIMEOUT_SEC: '0.3', ODOO_SETTLE_AFTER_SEC: '1.5', ODOO_RETRY_BASE_SEC: '0.05', ODOO_RETRY_MAX_MINUTES: String(0.1 / 60) },
    }));
    // Odoo takes 1 s on each push (the client gives up after 0.3 s) and finishes it anyway: applied 0.7 s after the timeout.
    plant.odoo.faults.slowRoutes.set('update-with-consumptions', 1_000);
    plant.odoo.faults.finishesAbandonedCalls = true;

    const first = await engine.engine.runTask('complete', 'manual');
    expect(first.reason).toMatch(/WH\/MO\/00020: .*Odoo may still be booking WH\/MO\/00020; checked again after \d\d:\d\d:\d\d/);
    plant.odoo.faults.slowRoutes.clear();

    // The last push went out about 0.6 s ago; Odoo applies it at 1 s: reading it back now would see nothing and send it again.
    await pause(300);
    const early = await engine.engine.runTask('complete', 'manual');
    expect(early.reason).toMatch(/WH\/MO\/00020: Odoo may still be booking WH\/MO\/00020/);

    await pause(1_500);
    const settled = await engine.engine.runTask('complete', 'manual');
    expect([...early.moIds, ...settled.moIds].sort()).toEqual(wave);
    for (const mo of wave) expect(plant.odoo.state.bookings(mo).count, mo).toBe(1);
  });
});
