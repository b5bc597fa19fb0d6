/**
 * Task 3 — batches leave the queue: a finished batch once Odoo has booked its
 * actual consumption (archived `completed`), a failed one once Odoo has
 * cancelled its MO (archived `cancelled`). Archive and delete happen in one
 * transaction with closing the outbox entry, so nothing is lost or doubled
 * whatever moment the process dies (../shared/plant/README.md §7, §8; P9, P10).
 *
 * With `releaseQueueBeforeOdoo` (store-and-forward) a finished batch leaves
 * the queue as soon as its consumption is safely in the outbox, so the next
 * wave is not held up by an Odoo outage; the price is that Odoo's stock lags
 * behind the plant until the outbox drains, and a quarantined push must then
 * be followed up from the console rather than by a visibly stuck queue.
 */
import type { OutboxEntry, QueueBatch } from '../../../../shared/domain';
import { consumptionPayload } from '../../../odoo/consumption-payload';
import type { AuthorityStore } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { TaskBody, TaskResult } from '../../task-runner';
import { inMoLanes } from './mo-lanes';
import type { OutboxCourier } from './outbox-courier';

export interface CompleteDeps {
  store: AuthorityStore;
  courier: OutboxCourier;
  clock: Clock;
  finishedWeightKey: string;
  releaseQueueBeforeOdoo: boolean;
  markDone: boolean;
  /** Deliveries of different MOs in flight at once (ODOO_CONCURRENCY); one MO's always one after another (mo-lanes.ts). */
  odooConcurrency: number;
}

export const AUTO_CANCEL_NOTE = 'Auto-cancelled: status_operation=1 (failed) detected from PLC';

interface Tally {
  completed: string[];
  cancelled: string[];
  forwarded: string[];
  problems: string[];
}

const emptyTally = (): Tally => ({ completed: [], cancelled: [], forwarded: [], problems: [] });

export function createCompleteTask(deps: CompleteDeps): TaskBody {
  const now = () => new Date(deps.clock.now()).toISOString();

  async function complete(batch: QueueBatch, tally: Tally): Promise<void> {
    let entry = await deps.store.outboxEntry(batch.moId, 'consumption');
    if (!entry) {
      const payload = consumptionPayload(batch.moId, batch.actualKg, batch.actualWeightKg, deps.finishedWeightKey);
      if (!payload) {
        tally.problems.push(`${batch.moId} finished but the PLC reported no consumption: archive it with a reason from the console`);
        return;
      }
      entry = await deps.store.enqueueOutbox({ moId: batch.moId, kind: 'consumption', payload, at: now() });
    }
    if (deps.releaseQueueBeforeOdoo) {
      await deps.store.archiveBatch({ batchId: batch.id, status: 'completed', notes: 'consumption waiting in the outbox for Odoo', at: now() });
      tally.forwarded.push(batch.moId);
      return;
    }
    const delivery = await deps.courier.deliver(entry);
    if (delivery.state !== 'booked') {
      tally.problems.push(`${batch.moId}: ${delivery.reason}`);
      return;
    }
    if (delivery.alreadyRecorded) return; // another courier booked and archived it since this run listed the queue
    await deps.store.archiveBatch({ batchId: batch.id, status: 'completed', notes: null, at: now(), outboxId: entry.id });
    tally.completed.push(batch.moId);
    if (deps.markDone) await enqueueMarkDone(batch);
  }

  async function cancel(batch: QueueBatch, tally: Tally): Promise<void> {
    const entry = await deps.store.enqueueOutbox({ moId: batch.moId, kind: 'cancel', payload: { mo_id: batch.moId }, at: now() });
    if (!batch.odooCancelled) {
      const delivery = await deps.courier.deliver(entry);
      if (delivery.state !== 'booked') {
        tally.problems.push(`cancel ${batch.moId}: ${delivery.reason}`);
        return;
      }
      if (delivery.alreadyRecorded) return;
      await deps.store.markOdooCancelled(batch.id);
    }
    await deps.store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes: AUTO_CANCEL_NOTE, at: now(), outboxId: entry.id });
    tally.cancelled.push(batch.moId);
  }

  async function enqueueMarkDone(batch: QueueBatch): Promise<void> {
    if (batch.actualWeightKg === null || batch.actualWeightKg <= 0) return;
    await deps.store.enqueueOutbox({
      moId: batch.moId,
      kind: 'mark-done',
      payload: { mo_id: batch.moId, finished_qty: batch.actualWeightKg, date_end: now() },
      at: now(),
    });
  }

  async function deliverDetached(entry: OutboxEntry, tally: Tally): Promise<void> {
    const delivery = await deps.courier.deliver(entry);
    if (delivery.state === 'booked' && delivery.alreadyRecorded) return;
    if (delivery.state === 'booked') {
      await deps.store.updateOutbox(entry.id, { state: 'done', at: now() });
      if (entry.kind === 'consumption') tally.completed.push(entry.moId);
    } else {
      tally.problems.push(`${entry.kind} ${entry.moId}: ${delivery.reason}`);
    }
  }

  /** Each item gets its own tally; they are merged in the items' order (slots, then outbox ids), whichever finished first. */
  async function inLanes<T extends { moId: string }>(items: readonly T[], tally: Tally, work: (item: T, tally: Tally) => Promise<void>): Promise<void> {
    const tallies = await inMoLanes(items, (item) => item.moId, deps.odooConcurrency, async (item) => {
      const own = emptyTally();
      await work(item, own);
      return own;
    });
    for (const own of tallies) for (const key of Object.keys(tally) as (keyof Tally)[]) tally[key].push(...own[key]);
  }

  return async (): Promise<TaskResult> => {
    const tally = emptyTally();
    const queue = await deps.store.listQueue();
    await inLanes(queue, tally, async (batch, own) => {
      if (batch.statusManufacturing) await complete(batch, own);
      else if (batch.statusOperation) await cancel(batch, own);
    });
    // Entries whose batch already left the queue: store-and-forward consumption, mark-done (after its consumption
    // above), failure reports. The outbox lists them by id, so one MO's consumption comes before its mark-done.
    const queued = new Set((await deps.store.listQueue()).map((b) => b.moId));
    const detached = (await deps.store.listOutbox(['pending', 'sending'])).filter(
      (entry) => !(queued.has(entry.moId) && (entry.kind === 'consumption' || entry.kind === 'cancel')),
    );
    await inLanes(detached, tally, deliverDetached);
    return summarise(tally);
  };
}

function summarise(tally: Tally): TaskResult {
  const parts: string[] = [];
  if (tally.completed.length) parts.push(`completed ${tally.completed.join(', ')}`);
  if (tally.cancelled.length) parts.push(`cancelled ${tally.cancelled.join(', ')}`);
  if (tally.forwarded.length) parts.push(`released ${tally.forwarded.join(', ')} (consumption waiting for Odoo)`);
  parts.push(...tally.problems);
  const moved = [...tally.completed, ...tally.cancelled, ...tally.forwarded];
  if (moved.length > 0) return { outcome: 'done', reason: parts.join('; '), moIds: moved };
  if (tally.problems.length > 0) return { outcome: 'error', reason: parts.join('; ') };
  return { outcome: 'idle', reason: 'no finished or failed batch to report' };
}
