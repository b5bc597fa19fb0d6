import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { COMPLETE_STEPS } from '../../../electron/engine/tasks/complete/outbox-courier';
import { PLC_READ_STEPS } from '../../../electron/engine/tasks/plc-read/plc-read-task';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { runBundled } from '../../support/cli-bundle';
import { TestPlant } from '../../support/test-plant';
import { waitFor } from '../../support/wait-for';

/** A wave the simulated PLC has finished dosing (10 batches), waiting for Tasks 2 and 3. */
async function finishedWave(readBack: boolean): Promise<TestPlant> {
  const plant = await TestPlant.start({ moCount: 10, speed: 200, batchSeconds: 3 });
  const engine = await startEngine({ env: plant.env(), schedule: false });
  expect((await engine.engine.runTask('mo-sync', 'manual')).outcome).toBe('fetched');
  await waitFor(() => plant.plc.plant.stats().finishedSlots.length === 10, 20_000, 'the PLC to finish the wave');
  if (readBack) expect((await engine.engine.runTask('plc-read', 'manual')).outcome).toBe('done');
  await engine.stop();
  return plant;
}

async function crashIn(plant: TestPlant, task: 'plc-read' | 'complete', step: string): Promise<void> {
  const crashed = await runBundled('test/support/crash-child.ts', [], { ...plant.env(), SMS_CRASH_TASK: task, SMS_CRASH_AT: step });
  expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
}

/** After the restart, the loop finishes the wave: every MO archived once and booked once in Odoo. */
async function expectNothingLostNothingDoubled(plant: TestPlant, engine: StartedEngine): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await engine.engine.runTask('plc-read', 'manual');
    await engine.engine.runTask('complete', 'manual');
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
    plant = await finishedWave(false);
    await crashIn(plant, 'plc-read', step);
    engine = await startEngine({ env: plant.env(), schedule: false });
    await expectNothingLostNothingDoubled(plant, engine);
  });

  it.each(COMPLETE_STEPS)('complete killed after "%s": the consumption is booked exactly once', async (step) => {
    plant = await finishedWave(true);
    await crashIn(plant, 'complete', step);
    engine = await startEngine({ env: plant.env(), schedule: false });
    await expectNothingLostNothingDoubled(plant, engine);
    const crashedRuns = (await engine.backend.handlers.listRuns({ page: 1, pageSize: 50, task: 'complete' })).items;
    expect(crashedRuns.some((r) => r.reason === 'interrupted: the app stopped during this run')).toBe(true);
  });
});
