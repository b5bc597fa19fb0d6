import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCompleteTask } from '../../../../electron/engine/tasks/complete/complete-task';
import { OutboxCourier } from '../../../../electron/engine/tasks/complete/outbox-courier';
import type { TaskResult } from '../../../../electron/engine/task-runner';
import { SqliteStore } from '../../../../electron/store/sqlite/sqlite-store';
import { recipe } from '../../../support/authority-store-contract';
import { ManualClock } from '../../../support/manual-clock';
import { SlowOdoo } from '../../../support/slow-odoo';

/** Odoo answers every call 10 s after it was made: a loaded plant server. */
const ROUND_TRIP_MS = 10_000;
const WAVE = Array.from({ length: 10 }, (_, i) => `WH/MO/${String(11 + i).padStart(5, '0')}`);

describe('Task 3 books the MOs of a wave side by side, one MO in order, at most ODOO_CONCURRENCY at once', () => {
  let dir: string;
  let store: SqliteStore;
  let clock: ManualClock;
  let odoo: SlowOdoo;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sms-lanes-'));
    store = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
    clock = new ManualClock();
    odoo = new SlowOdoo(clock);
    odoo.roundTripMs = ROUND_TRIP_MS;
    await finishedWave(store, clock);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function completeTask(odooConcurrency: number) {
    const courier = new OutboxCourier({
      store,
      odoo: odoo.calls(),
      clock,
      retry: { baseMs: 5_000, maxMs: 60_000, maxRejections: 3 },
      claimant: 'test-station pid 1 #00',
      claimMs: 150_000,
      settleAfterMs: 150_000,
    });
    return createCompleteTask({ store, courier, clock, finishedWeightKey: 'actual_weight_finished_goods', releaseQueueBeforeOdoo: false, markDone: true, odooConcurrency });
  }

  /** Runs the task and returns its result with the virtual seconds it took. */
  async function timedRun(odooConcurrency: number): Promise<{ result: TaskResult; seconds: number }> {
    const started = clock.now();
    let finishedAt: number | null = null;
    const run = completeTask(odooConcurrency)({ runId: 1, trigger: 'manual' }).then((result) => {
      finishedAt = clock.now();
      return result;
    });
    while (finishedAt === null) await clock.advance(1_000);
    return { result: await run, seconds: (finishedAt - started) / 1000 };
  }

  it('ten finished batches at 10 s Odoo replies: four in flight at once, never two for one MO, each booked before it is marked done', async () => {
    // The first MO's push takes longest, so the MOs finish out of slot order.
    odoo.plans.push({ applyAfterMs: 15_000, timeoutMs: null });

    const { result, seconds } = await timedRun(4);

    expect(odoo.maxInFlight).toBe(4);
    expect(odoo.sameMoOverlaps).toBe(0);
    for (const moId of WAVE) {
      expect(odoo.booked(moId)).toBe(1);
      expect(odoo.started.indexOf(`push ${moId}`)).toBeLessThan(odoo.started.indexOf(`mark-done ${moId}`));
    }
    expect(odoo.marksDone.sort()).toEqual(WAVE);
    // Per MO two round trips to book (baseline read, push) and two to mark done (state read, mark): in three rounds of
    // four lanes each, instead of ten MOs one after another (400 s).
    expect(seconds).toBeLessThanOrEqual(3 * 20 + 15 + 3 * 20 + 1);
    // The reason names the MOs in slot order, whichever Odoo answered first.
    expect(result).toMatchObject({ outcome: 'done', reason: `completed ${WAVE.join(', ')}`, moIds: WAVE });
    expect(await store.listQueue()).toEqual([]);
    expect((await store.listOutbox(['pending', 'sending', 'quarantined'])).length).toBe(0);
  });

  it("one MO's entries left in the outbox go one after another in the order they were recorded, other MOs' beside them", async () => {
    // A store-and-forward station's outbox after an Odoo outage: each MO's consumption, then its mark-done.
    for (const batch of await store.listQueue()) await store.archiveBatch({ batchId: batch.id, status: 'completed', notes: null, at: new Date(clock.now()).toISOString() });
    for (const moId of WAVE) {
      const at = new Date(clock.now()).toISOString();
      await store.enqueueOutbox({ moId, kind: 'consumption', payload: { mo_id: moId, silo103: 300, lq114: 33 }, at });
      await store.enqueueOutbox({ moId, kind: 'mark-done', payload: { mo_id: moId, finished_qty: 990, date_end: at }, at });
    }

    const { result } = await timedRun(4);

    expect(odoo.maxInFlight).toBe(4);
    expect(odoo.sameMoOverlaps).toBe(0);
    for (const moId of WAVE) {
      expect(odoo.booked(moId)).toBe(1);
      expect(odoo.started.indexOf(`push ${moId}`)).toBeLessThan(odoo.started.indexOf(`mark-done ${moId}`));
    }
    expect(result.reason).toBe(`completed ${WAVE.join(', ')}`);
  });

  it('ODOO_CONCURRENCY=1 delivers one call at a time, as the plant middleware did', async () => {
    const { result, seconds } = await timedRun(1);

    expect(odoo.maxInFlight).toBe(1);
    expect(seconds).toBeGreaterThanOrEqual(10 * 4 * (ROUND_TRIP_MS / 1000));
    expect(result.reason).toBe(`completed ${WAVE.join(', ')}`);
  });
});

async function finishedWave(store: SqliteStore, clock: ManualClock): Promise<void> {
  const at = new Date(clock.now()).toISOString();
  const lock = await store.tryAcquireSyncLock();
  const intent = await store.recordIntent(1, 'test-station', WAVE.map((_, i) => recipe(i + 1, 11 + i)), at, lock!.epoch);
  await store.commitWave(intent.id, 'committed', at, lock!.epoch);
  await lock!.release();
  const queue = await store.listQueue();
  await store.applyFeedback(
    queue.map((batch) => ({ batchId: batch.id, statusManufacturing: true, statusOperation: false, actualWeightKg: 990, actualKg: { 103: 300, 114: 33 } })),
    at,
  );
}
