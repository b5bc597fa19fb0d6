/**
 * "Reset the start of Task 1" (../shared/plant/README.md §12, reset-task1-start):
 * the WRITE slots emptied, the hand-over word D7076 := 1 ("taken") and the
 * queue emptied, so the next sync starts afresh. Unlike the plant's endpoint it
 * deletes nothing: every queued batch is archived as `cancelled` with notes,
 * and, being archived, is never fetched again (decision Q1). Odoo is told
 * nothing. A mo-sync run under the sync lock, done only when
 *  - no wave is held for an operator (it must be handed over or withdrawn first),
 *  - the PLC is idle: no READ slot shows a batch being dosed (plc-batch-state.ts),
 *  - no queued batch is finished or failed (Task 3 still has to book or cancel
 *    it in Odoo) and no Odoo call for a queued MO is pending or being sent.
 */
import { plcMemoryMap } from '../../plc/memory-map';
import { clearWave, readFeedback, readWriteArea } from '../../plc/wave-io';
import { slotList } from '../../plc/wave-readiness';
import { encodeBool } from '../../plc/word-codec';
import type { Caller } from '../people/caller';
import { abbreviate } from '../tasks/mo-sync/wave-selection';
import type { TaskBody, TaskResult } from '../task-runner';
import { actedBy } from './acted-by';
import type { EngineerDeps } from './engineer-deps';
import { batchPhase, dosedSoFar, dosingSlots } from './plc-batch-state';

export function createResetTask1(deps: EngineerDeps, reason: string, caller: Caller): TaskBody {
  return async () => {
    const what = `Reset of Task 1 by ${actedBy(caller)} ("${reason}")`;
    const refused = (why: string): TaskResult => ({ outcome: 'skipped', reason: `${what} refused: ${why}; nothing was changed` });
    const { store, plc } = deps;
    const lock = await store.tryAcquireSyncLock();
    if (!lock) return { outcome: 'busy', reason: `${what} refused: a sync is running right now; nothing was changed, try again in a moment` };
    try {
      const held = await store.unresolvedIntents();
      if (held.length > 0) {
        const ids = held.flatMap((intent) => intent.recipes.map((r) => r.moId));
        return refused(`a wave (${abbreviate(ids)}) waits for an operator to hand it over or withdraw it; resolve it first`);
      }
      const queue = await store.listQueue();
      const queued = new Set(queue.map((b) => b.moId));
      const calls = (await store.listOutbox(['pending', 'sending'])).filter((entry) => queued.has(entry.moId));
      if (calls.length > 0) {
        return refused(`Odoo calls for queued batches are still to be made (${calls.map((c) => `${c.kind} of ${c.moId}, ${c.state}`).join('; ')}); let Task 3 deliver them first`);
      }
      const area = await readWriteArea(plc);
      const feedback = await readFeedback(plc);
      const dosing = dosingSlots(feedback);
      if (dosing.length > 0) {
        const shown = dosing.map((s) => `${s.moId} in ${slotList([s.slot])}, ${dosedSoFar(s)}`).join('; ');
        return refused(`the PLC is not idle: its READ area shows a batch being dosed (${shown})`);
      }
      const unreported = queue.filter((b) => b.statusManufacturing || b.statusOperation || batchPhase(b, feedback) !== 'waiting');
      if (unreported.length > 0) {
        return refused(`${abbreviate(unreported.map((b) => b.moId))} finished or failed in the PLC and must first be booked or cancelled in Odoo by Task 3 (or archived or cancelled one by one)`);
      }

      await clearWave(plc, area);
      // "Taken": the next sync may write a wave. Writing 1 again is harmless, so the link may repeat this frame.
      await plc.writeDm(plcMemoryMap.handshake.writeAreaAck, [encodeBool(true)]);
      const at = new Date(deps.clock.now()).toISOString();
      for (const batch of queue) {
        // Only batches the PLC never started are left here: none of them has a consumption to book.
        const notes = `${what} — Odoo was not told: nothing was booked; the PLC had not started it and its WRITE slot was emptied`;
        await store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes, at, withdrawConsumptionOf: batch.moId });
      }
      if (queue.length > 0) deps.queueChanged();
      const ids = queue.map((b) => b.moId);
      const archived =
        ids.length === 0
          ? 'the queue was already empty'
          : `${ids.length} queued batch${ids.length === 1 ? '' : 'es'} (${abbreviate(ids)}) archived as cancelled, never deleted; Odoo was not told and they are not fetched again`;
      return {
        outcome: 'done',
        moIds: ids,
        reason: `${what}: the PLC was idle; WRITE slots emptied and D${plcMemoryMap.handshake.writeAreaAck} := 1, so the next sync starts afresh; ${archived}`,
      };
    } finally {
      await lock.release();
    }
  };
}
