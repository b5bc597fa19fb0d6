/**
 * Task 3 booking a finished wave of 10 in the Odoo simulator over HTTP with
 * 20 ms per reply: the engine's lanes (ODOO_CONCURRENCY=4, and 10), one MO
 * after another (the plant middleware's way), and the minimum — the two calls
 * one MO needs in sequence (baseline read, then push), which is what the whole
 * wave would cost if every MO went at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../electron/engine/clock';
import { createCompleteTask } from '../../electron/engine/tasks/complete/complete-task';
import { OutboxCourier } from '../../electron/engine/tasks/complete/outbox-courier';
import { consumptionPayload } from '../../electron/odoo/consumption-payload';
import { toRecipe } from '../../electron/odoo/mo-recipe';
import type { OdooClient } from '../../electron/odoo/odoo-client';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import type { BatchRecipe } from '../../shared/domain';
import { startOdooPair } from '../../test/support/odoo-sim-pair';
import { formatMs, ratio } from '../bench-report';
import { REPETITIONS, type SectionResult } from '../bench-section';
import { median } from '../measure-contender';

const WAVE_SIZE = 10;
const ODOO_LATENCY_MS = 20;
const WEIGHT_KEY = 'actual_weight_finished_goods';

export async function benchBooking(): Promise<SectionResult> {
  const title = `Booking ${WAVE_SIZE} finished batches in Odoo (Task 3), ${ODOO_LATENCY_MS} ms per Odoo reply`;
  const dir = mkdtempSync(join(tmpdir(), 'sms-bench-booking-'));
  const { sim, client } = await startOdooPair({ moCount: WAVE_SIZE });
  try {
    const wave = (await client.listMos(WAVE_SIZE, 0)).map((mo, i) => {
      const made = toRecipe(mo, i + 1);
      if (!made.ok) throw new Error(made.reason);
      return made.recipe;
    });
    sim.faults.latencyMs = ODOO_LATENCY_MS;
    let runs = 0;
    const book = (concurrency: number) => () => bookWave(join(dir, `run-${++runs}.db`), client, wave, concurrency);
    const [first] = wave;
    const minimum = () => bookOneMo(client, first!);
    const contenders = [
      { label: `minimum: one MO's 2 calls in sequence (mo-detail, push) ≈ 2 × ${ODOO_LATENCY_MS} ms`, run: minimum, times: [] as number[] },
      { label: 'Smart MO Sync, ODOO_CONCURRENCY=4 (default)', run: book(4), times: [] as number[] },
      { label: 'Smart MO Sync, ODOO_CONCURRENCY=10', run: book(10), times: [] as number[] },
      { label: 'naive: one MO after another (ODOO_CONCURRENCY=1)', run: book(1), times: [] as number[] },
    ];
    for (const contender of contenders) await contender.run(); // warm-up: login, JIT
    for (let round = 0; round < REPETITIONS.naive; round++) {
      for (const contender of contenders) contender.times.push(await contender.run());
    }
    const base = median(contenders[0]!.times);
    return {
      kind: 'table',
      title,
      header: ['wall ms', 'ratio'],
      rows: contenders.map((c) => [c.label, formatMs(median(c.times)), ratio(median(c.times), base)]),
      notes: [
        `Median of ${REPETITIONS.naive} runs after one warm-up; the simulator delays every reply by ${ODOO_LATENCY_MS} ms (faults.latencyMs). Each Task 3 run books a fresh SQLite queue of ${WAVE_SIZE} finished batches: per batch the outbox claim, mo-detail (baseline), sending, update-with-consumptions, archive.`,
        'Minimum = the two calls that must follow each other for one MO; the other MOs could go at the same time. With 4 lanes a wave of 10 needs three rounds of two calls.',
      ],
    };
  } catch (error) {
    return { kind: 'failed', title, reason: (error as Error).message };
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One Task 3 run over a queue of `wave`, all finished as planned; returns its wall time in ms. */
async function bookWave(file: string, odoo: OdooClient, wave: readonly BatchRecipe[], odooConcurrency: number): Promise<number> {
  const store = new SqliteStore({ file, lockFile: `${file}.lock` });
  try {
    await finishWave(store, wave);
    const courier = new OutboxCourier({
      store,
      odoo,
      clock: systemClock,
      retry: { baseMs: 30_000, maxMs: 1_800_000, maxRejections: 3 },
      claimant: `bench pid ${process.pid} #${file.length.toString(36)}`,
      claimMs: 150_000,
      settleAfterMs: 150_000,
    });
    const task = createCompleteTask({ store, courier, clock: systemClock, finishedWeightKey: WEIGHT_KEY, releaseQueueBeforeOdoo: false, markDone: false, odooConcurrency });
    const started = performance.now();
    const result = await task({ runId: 1, trigger: 'manual' });
    const ms = performance.now() - started;
    if (result.moIds?.length !== wave.length) throw new Error(`ODOO_CONCURRENCY=${odooConcurrency}: booked ${result.moIds?.length ?? 0} of ${wave.length} (${result.reason})`);
    return ms;
  } finally {
    await store.close();
  }
}

async function bookOneMo(odoo: OdooClient, recipe: BatchRecipe): Promise<number> {
  const payload = consumptionPayload(recipe.moId, plannedKg(recipe), recipe.quantityKg, WEIGHT_KEY)!;
  const started = performance.now();
  await odoo.moDetail(recipe.moId);
  await odoo.updateWithConsumptions(payload);
  return performance.now() - started;
}

async function finishWave(store: SqliteStore, wave: readonly BatchRecipe[]): Promise<void> {
  const at = new Date().toISOString();
  const lock = await store.tryAcquireSyncLock();
  if (!lock) throw new Error('the bench store is locked');
  const intent = await store.recordIntent(1, 'bench', [...wave], at, lock.epoch);
  await store.commitWave(intent.id, 'committed', at, lock.epoch);
  await lock.release();
  const byMo = new Map(wave.map((r) => [r.moId, r]));
  await store.applyFeedback(
    (await store.listQueue()).map((batch) => {
      const recipe = byMo.get(batch.moId)!;
      return { batchId: batch.id, statusManufacturing: true, statusOperation: false, actualWeightKg: recipe.quantityKg, actualKg: plannedKg(recipe) };
    }),
    at,
  );
}

/** The PLC dosed exactly the plan. */
function plannedKg(recipe: BatchRecipe): Record<number, number> {
  return Object.fromEntries(Object.entries(recipe.components).map(([id, c]) => [Number(id), c!.plannedKg]));
}
