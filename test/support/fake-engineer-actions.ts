/**
 * The fake engine's engineer actions (re-send a batch, cancel a batch, reset the start of Task 1),
 * each signed and audited as the engine's guard does it, with the engine's refusals in its words.
 */
import type { ConsoleHandlers, Credentials } from '../../shared/contract';
import type { ElectronicSignature, HistoryEntry, QueueBatch, RunRecord, TaskName } from '../../shared/domain';
import type { FakeAudit, FakeCaller } from './fake-audit';

export interface FakeEngineerParts {
  queue: QueueBatch[];
  history: HistoryEntry[];
  audit: FakeAudit;
  now(): string;
  record(task: TaskName, outcome: RunRecord['outcome'], reason: string, moIds: string[]): RunRecord;
  /** Who is calling (the guard in front has checked the role and the signature's PIN). */
  callerOf(credentials: Credentials | undefined): FakeCaller;
  changed(): void;
}

export interface FakeEngineerActions {
  handlers: Pick<ConsoleHandlers, 'resendBatch' | 'cancelBatch' | 'resetTask1'>;
  /** A batch is dosing: reset Task 1 is refused until the PLC reports idle again. */
  setPlcBusy(busy: boolean): void;
}

export function createFakeEngineerActions(parts: FakeEngineerParts): FakeEngineerActions {
  let plcBusy = false;

  function batchOf(moId: string): QueueBatch {
    const batch = parts.queue.find((candidate) => candidate.moId === moId);
    if (!batch) throw new Error(`${moId} is not in the queue`);
    return batch;
  }

  const signed = (signature: { meaning: string; comment: string }): ElectronicSignature => ({ meaning: signature.meaning, comment: signature.comment });

  return {
    setPlcBusy(busy) {
      plcBusy = busy;
    },
    handlers: {
      async resendBatch({ moId, reason, signature }, credentials) {
        const caller = parts.callerOf(credentials);
        return parts.audit.audited(caller, { action: 'resendBatch', target: moId, reason, signature: signed(signature) }, async () => {
          const batch = batchOf(moId);
          return parts.record('mo-sync', 'recovered', `re-sent ${moId} to WRITE slot ${batch.batchNo}: ${reason}`, [moId]);
        });
      },
      async cancelBatch({ moId, tellOdoo, reason, signature }, credentials) {
        const caller = parts.callerOf(credentials);
        const target = `${moId} (${tellOdoo ? 'Odoo told' : 'Odoo not told'})`;
        return parts.audit.audited(caller, { action: 'cancelBatch', target, reason, signature: signed(signature) }, async () => {
          const batch = batchOf(moId);
          parts.queue.splice(parts.queue.indexOf(batch), 1);
          const entry: HistoryEntry = { ...batch, status: 'cancelled', notes: reason, archivedAt: parts.now() };
          parts.history.unshift(entry);
          parts.record('complete', 'done', `cancelled ${moId} by an engineer (${tellOdoo ? 'Odoo told' : 'Odoo not told'}): ${reason}`, [moId]);
          parts.changed();
          return entry;
        });
      },
      async resetTask1({ reason, signature }, credentials) {
        const caller = parts.callerOf(credentials);
        return parts.audit.audited(caller, { action: 'resetTask1', target: null, reason, signature: signed(signature) }, async () => {
          if (plcBusy) throw new Error('the PLC is not idle (a batch is dosing); reset the start of Task 1 only when the PLC reports idle');
          const cleared = parts.queue.splice(0, parts.queue.length).map((batch) => batch.moId);
          const run = parts.record('mo-sync', 'recovered', `reset the start of Task 1: cleared ${cleared.length} batches and the handshake`, cleared);
          parts.changed();
          return run;
        });
      },
    },
  };
}
