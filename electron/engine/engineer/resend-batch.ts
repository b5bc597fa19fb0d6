/**
 * An engineer writes one queued batch's recipe again to its WRITE slot (the
 * slot was overwritten or lost its recipe). A mo-sync run of its own, under the
 * sync lock like every other change to the WRITE area; the decision is
 * resend-decision.ts, the write is one send-once frame settled by reading the
 * slot back (slot-rewrite.ts). The hand-over word is never written.
 */
import { encodeWriteSlot } from '../../plc/slot-codec';
import { rewriteWriteSlot } from '../../plc/slot-rewrite';
import { readFeedback, readWriteArea } from '../../plc/wave-io';
import type { Caller } from '../people/caller';
import type { TaskBody } from '../task-runner';
import { actedBy } from './acted-by';
import type { EngineerDeps } from './engineer-deps';
import { decideResend } from './resend-decision';

export function createResend(deps: EngineerDeps, moId: string, reason: string, caller: Caller): TaskBody {
  return async () => {
    const what = `Re-send of ${moId} by ${actedBy(caller)} ("${reason}")`;
    const lock = await deps.store.tryAcquireSyncLock();
    if (!lock) return { outcome: 'busy', reason: `${what} refused: a sync is running right now; nothing was written, try again in a moment` };
    try {
      const queue = await deps.store.listQueue();
      const batch = queue.find((b) => b.moId === moId);
      if (!batch) return { outcome: 'skipped', reason: `${what} refused: ${moId} is not in the queue` };
      const area = await readWriteArea(deps.plc);
      const feedback = await readFeedback(deps.plc);
      const step = decideResend(batch, queue, area, feedback);
      if (step.kind === 'refuse') return { outcome: 'skipped', moIds: [moId], reason: `${what} refused: ${step.reason}` };

      const slot = batch.batchNo;
      const held = area.slots[slot - 1]?.moId || 'nothing';
      const written = await rewriteWriteSlot(deps.plc, slot, encodeWriteSlot(slot, batch));
      const settled = written.settledByReading ? ' (its answer was lost; the slot reads back as sent)' : '';
      return {
        outcome: 'done',
        moIds: [moId],
        reason: `${what}: WRITE slot ${slot} (held ${held}) rewritten once and read back${settled}, because ${step.because}; the hand-over word was not touched`,
      };
    } finally {
      await lock.release();
    }
  };
}
