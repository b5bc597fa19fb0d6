/**
 * Task 2 — read the PLC's feedback into the queue: one frame for the whole
 * READ area, store what changed, then acknowledge finished slots. The
 * acknowledgement comes only after the row is safely stored: a crash in
 * between leaves the slot unacknowledged, so the next reading stores it again.
 */
import type { PlcLink } from '../../../plc/plc-link';
import { acknowledgeFinished, readFeedback } from '../../../plc/wave-io';
import type { AuthorityStore } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { EngineLog } from '../../engine-log';
import type { TaskBody } from '../../task-runner';
import { judgeFeedback, type FeedbackLimits, type Finding, type SlotPhase } from './feedback-judgement';

export const PLC_READ_STEPS = ['read', 'stored', 'acknowledged'] as const;
export type PlcReadStep = (typeof PLC_READ_STEPS)[number];

export interface PlcReadDeps {
  store: AuthorityStore;
  plc: PlcLink;
  clock: Clock;
  limits: FeedbackLimits;
  log: EngineLog;
  /** Receives the implausible values of each reading (they become console warnings). */
  onFindings(findings: Finding[]): void;
  checkpoint?: (step: PlcReadStep) => void;
}

export function createPlcReadTask(deps: PlcReadDeps): TaskBody {
  return async () => {
    const queue = await deps.store.listQueue();
    if (queue.length === 0) {
      deps.onFindings([]);
      return { outcome: 'idle', reason: 'the queue is empty; nothing to read back' };
    }
    const feedback = await readFeedback(deps.plc);
    deps.checkpoint?.('read');
    const judgement = judgeFeedback(queue, feedback.slots, deps.limits);
    const changed = await deps.store.applyFeedback(judgement.updates, new Date(deps.clock.now()).toISOString());
    deps.checkpoint?.('stored');
    for (const slot of judgement.acks) await acknowledgeFinished(deps.plc, slot);
    if (judgement.acks.length) deps.checkpoint?.('acknowledged');

    deps.onFindings(judgement.implausible);
    for (const f of [...judgement.implausible, ...judgement.notices]) deps.log.warn(f.message, { moId: f.moId });
    const parts = [`${queue.length} in queue: ${describePhases(judgement.phases)}`, `${changed} changed`];
    if (judgement.acks.length) parts.push(`acknowledged slot${judgement.acks.length === 1 ? '' : 's'} ${judgement.acks.join(', ')}`);
    if (judgement.implausible.length) parts.push(`${judgement.implausible.length} implausible value(s) skipped: ${judgement.implausible[0]?.message}`);
    return {
      outcome: changed > 0 || judgement.acks.length > 0 ? 'done' : 'idle',
      reason: parts.join('; '),
      moIds: queue.filter((b) => judgement.phases.get(b.batchNo) !== 'waiting').map((b) => b.moId),
    };
  };
}

function describePhases(phases: Map<number, SlotPhase>): string {
  const counts = new Map<SlotPhase, number>();
  for (const phase of phases.values()) counts.set(phase, (counts.get(phase) ?? 0) + 1);
  return (['finished', 'dosing', 'failed', 'waiting'] as const)
    .filter((p) => counts.has(p))
    .map((p) => `${counts.get(p)} ${p}`)
    .join(', ');
}
