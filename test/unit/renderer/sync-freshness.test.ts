import { describe, expect, it } from 'vitest';
import { shownDecision, withQueueSeen, type SyncAnswer } from '../../../renderer/state/sync-freshness';
import type { QueueBatch, RunRecord, Snapshot } from '../../../shared/domain';
import { queueBatch } from '../../support/queue-batch';
import { runRecord } from '../../support/run-record';

const run = (patch: Partial<RunRecord>): RunRecord =>
  runRecord({ id: 5, outcome: 'skipped', queueCount: 10, reason: '10 batches still in the PLC (10 waiting); waiting for the PLC to finish them', ...patch });

const waiting = (count: number): QueueBatch[] => Array.from({ length: count }, (_, i) => queueBatch(i + 1));
const finished = (batches: QueueBatch[]): QueueBatch[] => batches.map((batch) => ({ ...batch, statusManufacturing: true }));

/** Only what the judgement reads: the queue and the gate's latest decision. */
const snapshot = (batches: QueueBatch[], lastSync: RunRecord | null): Snapshot =>
  ({ queue: { count: batches.length, batches }, lastSync }) as unknown as Snapshot;

/** The answer as the store keeps it once the snapshot taken after the decision arrived. */
const answered = (decision: RunRecord, after: QueueBatch[]): SyncAnswer => withQueueSeen({ kind: 'run', run: decision, queueSeen: null }, snapshot(after, decision));

describe('a Sync now answer stays only while it is true', () => {
  const skip = run({});
  const skipped = answered(skip, waiting(10));

  it('is shown as current while the queue still holds what it described', () => {
    expect(shownDecision(skipped, snapshot(waiting(10), skip), 0)).toEqual({ kind: 'answer', answer: skipped, old: false });
  });

  it('is marked old once the queue changed under it (a batch left, a new wave came)', () => {
    expect(shownDecision(skipped, snapshot(waiting(9), skip), 0)).toMatchObject({ kind: 'answer', old: true });
    const fetch = run({ outcome: 'fetched', queueCount: 0, moIds: ['A', 'B', 'C'] });
    const fetched = answered(fetch, waiting(3));
    expect(shownDecision(fetched, snapshot(waiting(3), fetch), 0)).toMatchObject({ old: false });
    expect(shownDecision(fetched, snapshot(waiting(2), fetch), 0)).toMatchObject({ old: true });
  });

  it('is marked old once the batches it spoke of moved on, though their count did not', () => {
    expect(shownDecision(skipped, snapshot(finished(waiting(10)), skip), 0)).toMatchObject({ kind: 'answer', old: true });
    const oneFailed = waiting(10).map((batch, i) => (i === 2 ? { ...batch, statusOperation: true } : batch));
    expect(shownDecision(skipped, snapshot(oneFailed, skip), 0)).toMatchObject({ old: true });
  });

  it('keeps "Fetched 10 MOs" current while its wave doses and finishes in the queue', () => {
    const fetch = run({ outcome: 'fetched', queueCount: 0, moIds: ['A', 'B', 'C'] });
    const fetched = answered(fetch, waiting(3));
    expect(shownDecision(fetched, snapshot(finished(waiting(3)), fetch), 0)).toMatchObject({ old: false });
  });

  it('takes the queue it speaks of from the snapshot built after the decision, not from one before it', () => {
    const before = snapshot(finished(waiting(10)), run({ id: 4 }));
    const pressed: SyncAnswer = { kind: 'run', run: skip, queueSeen: null };
    expect(withQueueSeen(pressed, before)).toBe(pressed);

    const seen = withQueueSeen(pressed, snapshot(waiting(10), skip));
    expect(withQueueSeen(seen, snapshot(finished(waiting(10)), skip))).toBe(seen);
    expect(shownDecision(seen, snapshot(finished(waiting(10)), skip), 0)).toMatchObject({ old: true });
  });

  it('gives way to the gate\'s newer decision, whoever triggered it', () => {
    const timer = run({ id: 9, trigger: 'schedule', outcome: 'fetched', queueCount: 0, moIds: ['A'] });
    expect(shownDecision(skipped, snapshot(waiting(1), timer), 0)).toEqual({ kind: 'latest', run: timer });
  });

  it('shows the latest decision when nothing was pressed on this screen, and nothing before the first', () => {
    expect(shownDecision(null, snapshot(waiting(10), skip), 0)).toEqual({ kind: 'latest', run: skip });
    expect(shownDecision(null, snapshot([], null), 0)).toEqual({ kind: 'none' });
  });

  it('marks a call that failed while the link was down as old once the link is back', () => {
    const failed: SyncAnswer = { kind: 'failed', message: 'connection to the engine lost', at: '2026-11-28T08:01:00Z', lastRunId: 5, linkEpoch: 1 };
    expect(shownDecision(failed, snapshot(waiting(10), skip), 1)).toMatchObject({ kind: 'answer', old: false });
    expect(shownDecision(failed, snapshot(waiting(10), skip), 2)).toMatchObject({ kind: 'answer', old: true });
    expect(shownDecision(failed, snapshot(waiting(10), run({ id: 6 })), 2)).toMatchObject({ kind: 'latest' });
  });

  it('makes no claim about the queue for decisions that say nothing about it', () => {
    const busy = run({ outcome: 'busy', queueCount: null });
    expect(shownDecision(answered(busy, waiting(3)), snapshot(finished(waiting(3)), busy), 0)).toMatchObject({ old: false });
  });
});
