/**
 * What the operator reads after pressing "Sync now": the gate's decision in
 * plain words, from the RunRecord the engine returned.
 */
import type { RunRecord } from '../../shared/domain';

export type Tone = 'good' | 'neutral' | 'warning' | 'bad';

export interface OutcomeMessage {
  tone: Tone;
  text: string;
}

export function describeSyncOutcome(run: RunRecord): OutcomeMessage {
  switch (run.outcome) {
    case 'fetched':
      return { tone: 'good', text: `Fetched ${plural(run.moIds.length, 'MO', 'MOs')}${moList(run.moIds)}` };
    case 'skipped':
      // The gate's first rule: a new wave waits until every batch of the last one left the queue.
      // Whether they wait for the PLC, Odoo or an operator is the engine's reason, shown after this.
      return run.queueCount !== null && run.queueCount > 0
        ? { tone: 'neutral', text: `Skipped: ${plural(run.queueCount, 'batch is', 'batches are')} still in the queue` }
        : { tone: 'neutral', text: `Skipped: ${run.reason}` };
    case 'busy':
      return { tone: 'warning', text: 'Busy: another sync is running' };
    case 'empty':
      return { tone: 'neutral', text: 'Nothing to fetch' };
    case 'error':
      return { tone: 'bad', text: `Failed: ${run.reason}` };
    case 'recovered':
      return { tone: 'warning', text: `Recovered: ${run.reason}` };
    case 'done':
    case 'idle':
      return { tone: 'neutral', text: run.reason };
  }
}

const TRIGGER_WORDS: Record<RunRecord['trigger'], string> = {
  schedule: 'timer',
  manual: 'Sync now',
  cli: 'command line',
  startup: 'start-up check',
};

/** The gate's latest decision whoever triggered it, with the engine's own reason — what an operator reads first. */
export function describeLastSync(run: RunRecord): OutcomeMessage {
  const headline = describeSyncOutcome(run);
  const reason = headline.text.includes(run.reason) ? '' : ` — ${run.reason}`;
  return { tone: headline.tone, text: `by ${TRIGGER_WORDS[run.trigger]}${run.station ? ` on ${run.station}` : ''}: ${headline.text}${reason}` };
}

/** A call that never reached a decision (engine unreachable, request refused). */
export function describeSyncFailure(error: unknown): OutcomeMessage {
  return { tone: 'bad', text: `Failed: ${error instanceof Error ? error.message : String(error)}` };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Up to two MO ids in full; a longer wave as its first id and an ellipsis. */
function moList(moIds: readonly string[]): string {
  if (moIds.length === 0) return '';
  if (moIds.length <= 2) return ` (${moIds.join(', ')})`;
  return ` (${moIds[0]} …)`;
}
