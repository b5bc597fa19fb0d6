import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { finishedWave } from '../../support/finished-wave';
import { TestPlant } from '../../support/test-plant';
import { waitFor } from '../../support/wait-for';

/**
 * One MO at a time (ODOO_CONCURRENCY=1): these tests aim a one-shot Odoo fault at the first push,
 * WH/MO/00011; deliveries in parallel are tested in complete-task-lanes.test.ts and by the explorer.
 */
const readyToComplete = (env: Record<string, string> = {}) =>
  finishedWave({
    readBack: true,
    env: { ODOO_RETRY_BASE_SEC: '0.05', ODOO_RETRY_MAX_MINUTES: String(0.1 / 60), ODOO_SETTLE_AFTER_SEC: '0.05', ODOO_CONCURRENCY: '1', ...env },
  });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Task 3 and the Odoo outbox', () => {
  let plant: TestPlant | undefined;
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await plant?.stop();
    engine = plant = undefined;
  });

  it('a reply lost after Odoo booked is settled by reading the MO back, not by booking again', async () => {
    ({ plant, engine } = await readyToComplete());
    plant.odoo.faults.failNext('update-with-consumptions', 1, 'drop-reply');

    const first = await engine.engine.runTask('complete', 'manual');
    expect(first.moIds).toHaveLength(9);
    expect(first.reason).toMatch(/WH\/MO\/00011: .*Odoo may still be booking WH\/MO\/00011; checked again after \d\d:\d\d:\d\d/);

    await pause(100);
    const second = await engine.engine.runTask('complete', 'manual');
    expect(second.moIds).toEqual(['WH/MO/00011']);
    expect(plant.odoo.state.bookings('WH/MO/00011').count).toBe(1);
  });

  it('Odoo refusing a push three times quarantines it; the console shows it; Retry books it once', async () => {
    ({ plant, engine } = await readyToComplete());
    plant.odoo.faults.failNext('update-with-consumptions', 30, 'scada-error'); // every push of the wave, three times
    for (let i = 0; i < 3; i++) {
      await engine.engine.runTask('complete', 'manual');
      await pause(120);
    }
    const snapshot = await engine.engine.snapshot();
    expect(snapshot.queue.count).toBe(10);
    expect(snapshot.outbox.quarantined.map((e) => e.moId)).toContain('WH/MO/00011');
    expect(snapshot.warnings.some((w) => w.kind === 'quarantined-push' && /Simulated SCADA failure/.test(w.message))).toBe(true);

    for (const entry of snapshot.outbox.quarantined) await engine.backend.handlers.retryOutbox({ id: entry.id });
    const run = await engine.engine.runTask('complete', 'manual');
    expect(run.outcome).toBe('done');
    expect((await engine.engine.snapshot()).queue.count).toBe(0);
    for (const entry of snapshot.outbox.quarantined) expect(plant.odoo.state.bookings(entry.moId).count).toBe(1);
  });

  it('store-and-forward: the queue empties while Odoo is down, the outbox books everything once it is back', async () => {
    ({ plant, engine } = await readyToComplete({ RELEASE_QUEUE_BEFORE_ODOO: 'true' }));
    await plant.odoo.faults.setDown(true);

    const released = await engine.engine.runTask('complete', 'manual');
    expect(released.reason).toMatch(/^released WH\/MO\/00011, .* \(consumption waiting for Odoo\)/);
    let snapshot = await engine.engine.snapshot();
    expect(snapshot.queue.count).toBe(0);
    expect(snapshot.outbox.pending).toBe(10);

    await plant.odoo.faults.setDown(false);
    await pause(200);
    await waitFor(async () => {
      await engine!.engine.runTask('complete', 'manual');
      return (await engine!.engine.snapshot()).outbox.pending === 0;
    }, 20_000, 'the outbox to drain');
    snapshot = await engine.engine.snapshot();
    expect(snapshot.outbox.quarantined).toEqual([]);
    const history = (await engine.backend.handlers.listHistory({ page: 1, pageSize: 20 })).items;
    for (const h of history) expect(plant.odoo.state.bookings(h.moId).count).toBe(1);
  });

  it('a finished batch with nothing to report does not block the queue: it is shown and an operator archives it with a reason', async () => {
    ({ plant, engine } = await readyToComplete());
    const store = plant.openStore();
    store.connection.prepare(`UPDATE mo_batch SET ${columnsZeroed()} WHERE batch_no = 1`).run();
    await store.close();

    const run = await engine.engine.runTask('complete', 'manual');
    expect(run.reason).toContain('WH/MO/00011 finished but the PLC reported no consumption: archive it with a reason from the console');
    expect((await engine.engine.snapshot()).warnings.map((w) => w.kind)).toContain('unreportable-batch');

    await expect(engine.backend.handlers.archiveBatch({ moId: 'WH/MO/00099', reason: 'typo' })).rejects.toThrow('WH/MO/00099 is not in the queue');
    const archived = await engine.backend.handlers.archiveBatch({ moId: 'WH/MO/00011', reason: 'scale offline, weighed by hand' });
    expect(archived).toMatchObject({
      moId: 'WH/MO/00011',
      status: 'cancelled',
      notes: 'Archived by operator: scale offline, weighed by hand — Odoo was not told: nothing was booked',
    });
    expect(plant.odoo.state.bookings('WH/MO/00011').count).toBe(0);
    expect((await engine.engine.snapshot()).queue.count).toBe(0);
  });

  it('archiving a batch with a quarantined push as cancelled ends the push: no Retry, never booked, the archive says what Odoo answered', async () => {
    ({ plant, engine } = await readyToComplete());
    plant.odoo.faults.failNext('update-with-consumptions', 30, 'scada-error');
    for (let i = 0; i < 3; i++) {
      await engine.engine.runTask('complete', 'manual');
      await pause(120);
    }
    const quarantined = (await engine.engine.snapshot()).outbox.quarantined.find((e) => e.moId === 'WH/MO/00011');
    expect(quarantined).toBeDefined();

    const archived = await engine.backend.handlers.archiveBatch({ moId: 'WH/MO/00011', reason: 'batch dumped' });
    expect(archived.notes).toMatch(
      /^Archived by operator: batch dumped — its consumption push was stopped; Odoo's last answer: Odoo refused 3 times: .*Simulated SCADA failure/,
    );
    expect((await engine.engine.snapshot()).outbox.quarantined.map((e) => e.moId)).not.toContain('WH/MO/00011');
    await expect(engine.backend.handlers.retryOutbox({ id: quarantined!.id })).rejects.toThrow(
      /the consumption of WH\/MO\/00011 is not sent: its batch was archived as cancelled, so Odoo must not book it/,
    );

    // The other quarantined pushes keep their Retry.
    const other = (await engine.engine.snapshot()).outbox.quarantined.find((e) => e.moId === 'WH/MO/00012');
    await engine.backend.handlers.retryOutbox({ id: other!.id });
    await engine.engine.runTask('complete', 'manual');
    expect(plant.odoo.state.bookings('WH/MO/00011').count).toBe(0);
    expect(plant.odoo.state.bookings('WH/MO/00012').count).toBe(1);
  });

  it('a batch whose push is out with no answer yet cannot be archived as cancelled until Odoo is checked', async () => {
    ({ plant, engine } = await readyToComplete({ ODOO_SETTLE_AFTER_SEC: '150' }));
    plant.odoo.faults.failNext('update-with-consumptions', 1, 'drop-reply');
    await engine.engine.runTask('complete', 'manual');

    await expect(engine.backend.handlers.archiveBatch({ moId: 'WH/MO/00011', reason: 'dumped' })).rejects.toThrow(
      /^Odoo may have booked WH\/MO\/00011: its consumption was sent and no answer came back; wait for the check after \d\d:\d\d:\d\d, then archive it if Odoo did not book it$/,
    );
    expect((await engine.engine.snapshot()).queue.batches.map((b) => b.moId)).toEqual(['WH/MO/00011']);
    expect((await engine.backend.handlers.listHistory({ page: 1, pageSize: 20, status: 'cancelled' })).total).toBe(0);
  });

  it('a batch still in the PLC cannot be archived by hand', async () => {
    plant = await TestPlant.start({ moCount: 10, speed: 0.001 });
    engine = await startEngine({ env: plant.env(), schedule: false });
    await engine.engine.runTask('mo-sync', 'manual');
    await expect(engine.backend.handlers.archiveBatch({ moId: 'WH/MO/00011', reason: 'test' })).rejects.toThrow(/still in the PLC/);
  });
});

function columnsZeroed(): string {
  const letters = 'abcdefghijklm'.split('').map((l) => `actual_consumption_silo_${l} = 0`);
  return [...letters, 'actual_consumption_lq_tetes = 0', 'actual_consumption_lq_fml = 0'].join(', ');
}
