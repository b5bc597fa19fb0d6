/**
 * An engineer cancels one queued batch: it leaves the queue for the archive as
 * `cancelled`, with notes naming the engineer, the reason and what Odoo gets
 * (cancel-odoo-plan.ts). Refused while the PLC is dosing it, unless the PLC
 * reports it failed. A batch the PLC has not started also loses its recipe
 * from its WRITE slot (one send-once write, read back), so that the PLC doses
 * nothing of it when its turn comes: dosed material of an archived batch would
 * never be booked. Under the sync lock: it writes the WRITE area.
 */
import type { HistoryEntry, QueueBatch } from '../../../shared/domain';
import { encodeEmptySlot } from '../../plc/slot-codec';
import { rewriteWriteSlot } from '../../plc/slot-rewrite';
import { readFeedback, readWriteArea } from '../../plc/wave-io';
import { OutboxBusyError } from '../../store/authority-store';
import type { Caller } from '../people/caller';
import { cancelledArchiveNote, sentMeanwhile } from '../tasks/complete/cancelled-archive';
import type { SlotPhase } from '../tasks/plc-read/feedback-judgement';
import { errorMessage } from '../task-runner';
import { actedBy } from './acted-by';
import { planCancelInOdoo } from './cancel-odoo-plan';
import type { EngineerDeps } from './engineer-deps';
import { batchPhase, dosedSoFar } from './plc-batch-state';
import { ActionRefusedError } from './refused-error';

export interface CancelRequest {
  moId: string;
  tellOdoo: boolean;
  reason: string;
}

export async function cancelBatch(deps: EngineerDeps, request: CancelRequest, caller: Caller): Promise<HistoryEntry> {
  const { store } = deps;
  const { moId } = request;
  const lock = await store.tryAcquireSyncLock();
  if (!lock) throw new ActionRefusedError(`${moId} was not cancelled: a sync is running right now; try again in a moment`);
  try {
    const batch = (await store.listQueue()).find((b) => b.moId === moId);
    if (!batch) throw new ActionRefusedError(`${moId} is not in the queue`);
    const phase = await phaseUnlessDosing(deps, batch);
    // Every refusal comes before the first write.
    const plan = planCancelInOdoo(moId, request.tellOdoo, await store.outboxEntry(moId, 'cancel'));
    const consumption = consumptionNote(deps, batch, await store.outboxEntry(moId, 'consumption'));
    const plcNote = await emptyUnstartedSlot(deps, batch, phase);
    if (plan.step === 'withdraw') await withdrawCancelCall(deps, moId);

    const at = new Date(deps.clock.now()).toISOString();
    const notes = `Cancelled by ${actedBy(caller)}: ${request.reason} — ${plan.note}; ${consumption}; ${plcNote}`;
    try {
      await store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes, at, withdrawConsumptionOf: moId });
    } catch (error) {
      throw error instanceof OutboxBusyError ? sentMeanwhile(moId) : error;
    }
    deps.queueChanged();
    if (plan.step === 'queue') await queueCancelCall(deps, moId, at);
    caller.noteForAudit(notes);
    const archived = (await store.listHistory({ page: 1, pageSize: 1, search: moId })).items[0];
    if (!archived) throw new Error(`${moId} was archived but cannot be read back`);
    return archived;
  } finally {
    await lock.release();
  }
}

/** Where the PLC is with the batch, by its READ slot; refuses while it is dosing it. */
async function phaseUnlessDosing(deps: EngineerDeps, batch: QueueBatch): Promise<SlotPhase> {
  const feedback = await readFeedback(deps.plc);
  const phase = batchPhase(batch, feedback);
  const readSlot = feedback.slots[batch.batchNo - 1];
  if (phase === 'dosing' && readSlot) {
    throw new ActionRefusedError(
      `the PLC is dosing ${batch.moId} (READ slot ${batch.batchNo}: ${dosedSoFar(readSlot)}): cancel it once the PLC has finished it or reports it failed`,
    );
  }
  return phase;
}

/** A batch the PLC has not started loses its recipe from its WRITE slot; says what was done to the PLC. */
async function emptyUnstartedSlot(deps: EngineerDeps, batch: QueueBatch, phase: SlotPhase): Promise<string> {
  const { moId, batchNo } = batch;
  const done = batch.statusManufacturing ? 'finished' : batch.statusOperation ? 'failed' : phase;
  if (done !== 'waiting') return `the PLC reports it ${done}; the PLC was not written`;
  const area = await readWriteArea(deps.plc);
  if (area.slots[batchNo - 1]?.moId !== moId) return `WRITE slot ${batchNo} no longer held its recipe; the PLC was not written`;
  try {
    await rewriteWriteSlot(deps.plc, batchNo, encodeEmptySlot());
  } catch (error) {
    throw new Error(`${moId} was not cancelled: its WRITE slot ${batchNo} could not be emptied (${errorMessage(error)})`);
  }
  return `not started by the PLC: WRITE slot ${batchNo} emptied so the PLC doses nothing of it`;
}

function consumptionNote(deps: EngineerDeps, batch: QueueBatch, push: Parameters<typeof cancelledArchiveNote>[1]): string {
  try {
    return `consumption: ${cancelledArchiveNote(batch.moId, push, deps.settleAfterMs)}`;
  } catch (error) {
    throw new ActionRefusedError(errorMessage(error));
  }
}

async function withdrawCancelCall(deps: EngineerDeps, moId: string): Promise<void> {
  const entry = await deps.store.outboxEntry(moId, 'cancel');
  if (!entry) return;
  const at = new Date(deps.clock.now()).toISOString();
  const after = await deps.store.updateOutbox(entry.id, { state: 'withdrawn', at, onlyIn: ['pending', 'quarantined'] });
  if (after.state !== 'withdrawn') {
    throw new ActionRefusedError(`Odoo is being asked to cancel ${moId} right now (Task 3 just sent it): wait for Odoo's answer, then try again`);
  }
}

/** After the archive: a crash before this line leaves the MO open in Odoo (visible as Odoo's backlog), never cancelled and booked. */
async function queueCancelCall(deps: EngineerDeps, moId: string, at: string): Promise<void> {
  const entry = await deps.store.enqueueOutbox({ moId, kind: 'cancel', payload: { mo_id: moId }, at });
  if (entry.state === 'withdrawn') {
    await deps.store.updateOutbox(entry.id, { state: 'pending', attempts: 0, nextAttemptAt: null, lastError: null, at, onlyIn: ['withdrawn'] });
  }
}
