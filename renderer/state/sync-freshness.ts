/**
 * A Sync now answer stays on screen only while it is true. The gate's later decision (a timer, another
 * station) replaces it; a queue that no longer holds what the answer left behind — another count, or the
 * same batches further on (all ten finished under "Skipped: 10 batches are still in the queue") — marks it
 * old; a call that failed while the engine link was down is old once the link is back. Pure: the screen
 * and the tests agree.
 */
import type { RunRecord, Snapshot } from '../../shared/domain';
import { batchStatus } from './batch-status';

/** What this screen's last press of Sync now got back. */
export type SyncAnswer =
  /** `queueSeen`: the queue's signature in the first snapshot taken after this decision; null until one arrives. */
  | { kind: 'run'; run: RunRecord; queueSeen: string | null }
  /** The call never reached a decision; `lastRunId` is the newest gate decision known when it failed. */
  | { kind: 'failed'; message: string; at: string; lastRunId: number; linkEpoch: number };

export type ShownDecision =
  | { kind: 'none' }
  /** This screen's answer; `old` when the screen now shows a queue it no longer describes. */
  | { kind: 'answer'; answer: SyncAnswer; old: boolean }
  /** The gate decided again since (or nothing was pressed here yet): its latest decision, whoever triggered it. */
  | { kind: 'latest'; run: RunRecord };

/** How many batches the queue held right after this decision; null when the decision says nothing about it. */
export function queueLeftBy(run: RunRecord): number | null {
  if (run.queueCount === null) return null;
  switch (run.outcome) {
    case 'fetched':
      return run.queueCount + run.moIds.length;
    case 'skipped':
    case 'empty':
      return run.queueCount;
    default:
      return null;
  }
}

/** Which batches the queue holds and how far each one is: equal signatures, the same queue to the operator. */
export function queueSignature(queue: Snapshot['queue']): string {
  return [String(queue.count), ...queue.batches.map((batch) => `${batch.moId}:${batchStatus(batch)}`)].join('|');
}

/**
 * The answer with the queue it speaks of, taken from the first snapshot built after the decision (the one
 * whose latest decision is this one): an earlier snapshot may predate it, a later one may already differ.
 */
export function withQueueSeen(answer: SyncAnswer, snapshot: Snapshot | null): SyncAnswer;
export function withQueueSeen(answer: SyncAnswer | null, snapshot: Snapshot | null): SyncAnswer | null;
export function withQueueSeen(answer: SyncAnswer | null, snapshot: Snapshot | null): SyncAnswer | null {
  if (answer?.kind !== 'run' || answer.queueSeen !== null || !snapshot || snapshot.lastSync?.id !== answer.run.id) return answer;
  return { ...answer, queueSeen: queueSignature(snapshot.queue) };
}

export function shownDecision(answer: SyncAnswer | null, snapshot: Snapshot | null, linkEpoch: number): ShownDecision {
  const latest = snapshot?.lastSync ?? null;
  if (answer === null) return latest ? { kind: 'latest', run: latest } : { kind: 'none' };
  const answeredId = answer.kind === 'run' ? answer.run.id : answer.lastRunId;
  if (latest && latest.id > answeredId) return { kind: 'latest', run: latest };
  if (answer.kind === 'failed') return { kind: 'answer', answer, old: linkEpoch > answer.linkEpoch };
  return { kind: 'answer', answer, old: snapshot !== null && queueMovedOn(answer, snapshot.queue) };
}

/**
 * "Fetched 10 MOs" tells what happened and stays true while that wave is all still queued, dosing or
 * not; "Skipped: … waiting for the PLC" and "no new MOs" describe the queue as it was, so any change
 * to a batch ends them.
 */
function queueMovedOn(answer: Extract<SyncAnswer, { kind: 'run' }>, queue: Snapshot['queue']): boolean {
  const left = queueLeftBy(answer.run);
  if (left === null) return false;
  if (queue.count !== left) return true;
  return answer.run.outcome !== 'fetched' && answer.queueSeen !== null && queueSignature(queue) !== answer.queueSeen;
}
