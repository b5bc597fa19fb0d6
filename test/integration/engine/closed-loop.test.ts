import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { FAST_LOOP } from '../../support/fast-loop';
import { TestPlant } from '../../support/test-plant';
import { waitFor } from '../../support/wait-for';

describe('the closed loop with both simulators at high speed', () => {
  let plant: TestPlant | undefined;
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await plant?.stop();
  });

  it('runs three waves of 10 through Odoo down, 20 % PLC datagram loss and a failing slot: every MO archived once, booked once', async () => {
    plant = await TestPlant.start({ moCount: 30, speed: 200, batchSeconds: 3, failSlots: [4] });
    plant.plc.server.faults.dropProbability = 0.2;
    engine = await startEngine({ env: plant.env(FAST_LOOP), schedule: true });
    const store = plant.openStore();
    // A lost hand-over request leaves the wave unconfirmed (never sent again by itself): the operator on shift hands it over.
    const operator = handOverHeldWaves(engine);

    // Odoo goes down once the first wave is in the PLC, and comes back a while later.
    await waitFor(async () => (await store.countQueue()) > 0, 20_000, 'the first wave to be fetched');
    await plant.odoo.faults.setDown(true);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await plant.odoo.faults.setDown(false);

    await waitFor(async () => (await store.listHistory({ page: 1, pageSize: 1 })).total === 30, 90_000, 'all 30 MOs to be archived');
    await waitFor(async () => (await store.countQueue()) === 0, 10_000, 'the queue to empty');
    operator.stop();
    await engine.stop();
    engine = undefined;

    const history = (await store.listHistory({ page: 1, pageSize: 100 })).items;
    const runs = (await store.listRuns({ pageSize: 500, task: 'mo-sync' })).items;
    const completeRuns = (await store.listRuns({ pageSize: 500, task: 'complete' })).items;
    await store.close();

    // The outage was felt and recorded (the loop did not just run around it).
    expect(completeRuns.some((r) => r.outcome === 'error' && /connection refused/.test(r.reason))).toBe(true);

    // Every MO in the archive exactly once; one cancelled (the failing slot), the rest completed.
    expect(new Set(history.map((h) => h.moId)).size).toBe(30);
    const cancelled = history.filter((h) => h.status === 'cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.notes).toBe('Auto-cancelled: status_operation=1 (failed) detected from PLC');

    // Odoo booked each completed MO exactly once and cancelled the failed one.
    for (const entry of history) {
      const bookings = plant.odoo.state.bookings(entry.moId).count;
      if (entry.status === 'completed') expect(bookings, entry.moId).toBe(1);
      else {
        expect(bookings).toBe(0);
        expect(plant.odoo.state.cancels(entry.moId)).toBeGreaterThanOrEqual(1);
      }
    }

    // No MO was ever dispatched twice: three waves of ten distinct MOs queued (fetched, or handed over by the operator), three taken by the PLC.
    const queued = runs.filter((r: RunRecord) => r.outcome === 'fetched' || r.outcome === 'recovered');
    const dispatched = queued.flatMap((r) => r.moIds);
    expect(dispatched).toHaveLength(30);
    expect(new Set(dispatched).size).toBe(30);
    expect(plant.plc.plant.stats().wavesTaken).toBe(3);

    // The history shows the skips too, with their reasons.
    expect(runs.some((r) => r.outcome === 'skipped' && /still in the PLC \(.*\); waiting for the PLC/.test(r.reason))).toBe(true);
  });
});

/** Presses "Hand over" whenever a wave-unconfirmed warning shows, as an operator watching the console would. */
function handOverHeldWaves(started: StartedEngine): { stop(): void } {
  const timer = setInterval(() => {
    void started.engine.snapshot().then(async (snapshot) => {
      if (!snapshot.warnings.some((w) => w.kind === 'wave-unconfirmed')) return;
      await started.backend.handlers.resolveWave({ action: 'hand-over', reason: 'the PLC shows the wave was not taken' });
    }).catch(() => undefined); // busy or already resolved: the next tick looks again
  }, 200);
  return { stop: () => clearInterval(timer) };
}
