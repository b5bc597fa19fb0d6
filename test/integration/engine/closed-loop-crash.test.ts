import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { COMPLETE_STEPS } from '../../../electron/engine/tasks/complete/outbox-courier';
import { PLC_READ_STEPS } from '../../../electron/engine/tasks/plc-read/plc-read-task';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { runBundled } from '../../support/cli-bundle';
import { TestPlant } from '../../support/test-plant';
import { finishedWave } from '../../support/finished-wave';


/** The simulated Odoo answers at once, so the push of a killed process cannot still be running after 50 ms. */
const SETTLE = { ODOO_SETTLE_AFTER_SEC: '0.05' };

async function crashIn(plant: TestPlant, task: 'plc-read' | 'complete', step: string): Promise<void> {
  const crashed = await runBundled('test/support/crash-child.ts', [], { ...plant.env(SETTLE), SMS_CRASH_TASK: task, SMS_CRASH_AT: step });
  expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
}

/**
 * After the restart, the loop finishes the wave: every MO archived once and booked once in Odoo.
 * Pushes the killed process left `sending` wait for the (here short) settle horizon, so the loop
 * runs until the queue is empty, within a bound.
 */
async function expectNothingLostNothingDoubled(plant: TestPlant, engine: StartedEngine): Promise<void> {
  for (let i = 0; i < 30 && (i < 3 || (await engine.engine.snapshot()).queue.count > 0); i++) {
    await engine.engine.runTask('plc-read', 'manual');
    await engine.engine.runTask('complete', 'manual');
    if (i >= 3) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const snapshot = await engine.engine.snapshot();
  const history = (await engine.backend.handlers.listHistory({ page: 1, pageSize: 50 })).items;
  expect(snapshot.queue.count).toBe(0);
  expect(history.map((h) => h.status)).toEqual(Array(10).fill('completed'));
  expect(new Set(history.map((h) => h.moId)).size).toBe(10);
  for (const h of history) {
    expect(plant.odoo.state.bookings(h.moId).count, h.moId).toBe(1);
    // What Odoo booked is what the PLC reported, not a planned value or a zero.
    expect(Object.values(h.actualKg).some((kg) => kg > 0)).toBe(true);
  }
  const acks = plcMemoryMap.handshake.readSlotAcks.map((address) => plant.plc.memory.read(address, 1)[0]);
  expect(acks).toEqual(Array(10).fill(1));
  expect(snapshot.outbox).toEqual({ pending: 0, quarantined: [] });
}

describe('Tasks 2 and 3 killed at each step, then restarted', () => {
  let plant: TestPlant | undefined;
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await plant?.stop();
    engine = plant = undefined;
  });

  it.each(PLC_READ_STEPS)('plc-read killed after "%s": nothing lost, nothing doubled', async (step) => {
    ({ plant, engine } = await finishedWave({ readBack: false }));
    await engine.stop();
    await crashIn(plant, 'plc-read', step);
    engine = await startEngine({ env: plant.env(), schedule: false });
    await expectNothingLostNothingDoubled(plant, engine);
  });

  it.each(COMPLETE_STEPS)('complete killed after "%s": the consumption is booked exactly once', async (step) => {
    ({ plant, engine } = await finishedWave({ readBack: true }));
    await engine.stop();
    await crashIn(plant, 'complete', step);
    // A push killed after `sending` is settled by reading the MO back once the (here short) settle horizon is over.
    engine = await startEngine({ env: plant.env(SETTLE), schedule: false });
    await expectNothingLostNothingDoubled(plant, engine);
    const crashedRuns = (await engine.backend.handlers.listRuns({ pageSize: 50, task: 'complete' })).items;
    expect(crashedRuns.some((r) => r.reason === 'interrupted: the app stopped during this run')).toBe(true);
  });
});
