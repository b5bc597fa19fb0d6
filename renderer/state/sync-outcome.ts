/**
 * What the operator reads after pressing "Sync now": the gate's decision in
 * plain words, in the operator's language, from the RunRecord the engine returned.
 * The engine's own reason is translated where it is known (engine-text.ts).
 */
import type { TFunction } from 'i18next';
import type { RunRecord } from '../../shared/domain';
import type { EngineText } from '../i18n/engine-text';

export type Tone = 'good' | 'neutral' | 'warning' | 'bad';

export interface OutcomeMessage {
  tone: Tone;
  text: string;
}

/** The words a sentence is built from: the 'sync' messages and the engine's sentences translated. */
export interface SyncWords {
  t: TFunction;
  engineText(sentence: string): EngineText;
}

export function describeSyncOutcome(run: RunRecord, { t, engineText }: SyncWords): OutcomeMessage {
  switch (run.outcome) {
    case 'fetched':
      return { tone: 'good', text: t('sync:outcome.fetched', { count: run.moIds.length, list: moList(run.moIds) }) };
    case 'skipped':
      // The gate's first rule: a new wave waits until every batch of the last one left the queue.
      // Whether they wait for the PLC, Odoo or an operator is the engine's reason, shown after this.
      return run.queueCount !== null && run.queueCount > 0
        ? { tone: 'neutral', text: t('sync:outcome.skippedQueue', { count: run.queueCount }) }
        : { tone: 'neutral', text: t('sync:outcome.skipped', { reason: engineText(run.reason).text }) };
    case 'busy':
      return { tone: 'warning', text: t('sync:outcome.busy') };
    case 'empty':
      return { tone: 'neutral', text: t('sync:outcome.empty') };
    case 'error':
      return { tone: 'bad', text: t('sync:outcome.error', { reason: engineText(run.reason).text }) };
    case 'recovered':
      return { tone: 'warning', text: t('sync:outcome.recovered', { reason: engineText(run.reason).text }) };
    case 'done':
    case 'idle':
      return { tone: 'neutral', text: engineText(run.reason).text };
  }
}

/** Who made the gate decide: "by timer on A-12", "by Sync now on FAKE-01". */
export function describeTrigger(run: RunRecord, t: TFunction): string {
  const trigger = t(`sync:trigger.${run.trigger}`);
  return run.station ? t('sync:byOn', { trigger, station: run.station }) : t('sync:by', { trigger });
}

/** A call that never reached a decision (engine unreachable, request refused). */
export function describeSyncFailure(message: string, t: TFunction): OutcomeMessage {
  return { tone: 'bad', text: t('sync:outcome.error', { reason: message }) };
}

/** Up to two MO ids in full; a longer wave as its first id and an ellipsis. */
function moList(moIds: readonly string[]): string {
  if (moIds.length === 0) return '';
  if (moIds.length <= 2) return ` (${moIds.join(', ')})`;
  return ` (${moIds[0]} …)`;
}
