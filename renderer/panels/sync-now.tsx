import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { useEngineText } from '../i18n/engine-text';
import { shownDecision, type ShownDecision } from '../state/sync-freshness';
import { describeSyncFailure, describeSyncOutcome, describeTrigger, type OutcomeMessage } from '../state/sync-outcome';
import { EngineSentence } from './engine-sentence';
import { GuardedButton } from './people/guarded-button';

const SYMBOL: Record<OutcomeMessage['tone'], string> = { good: '✓', neutral: '●', warning: '▲', bad: '✕' };

/**
 * "Sync now" goes through the same gate as the timer. The store refuses a
 * second call while one runs; the button says so but stays focusable (a
 * disabled button would drop the operator's focus to the page).
 * Beside it, the gate's latest decision while it is true (sync-freshness.ts).
 */
export function SyncNow() {
  const { t } = useTranslation('sync');
  const engineText = useEngineText();
  const format = useFormat();
  const sync = useConsoleState((state) => state.sync);
  const syncNow = useConsoleState((state) => state.syncNow);
  const snapshot = useConsoleState((state) => state.snapshot);
  const linkEpoch = useConsoleState((state) => state.linkEpoch);
  const shown = shownDecision(sync.answer, snapshot, linkEpoch);
  const message = describe(shown, { t, engineText });

  return (
    <div className="sync-now">
      <GuardedButton request="syncNow" className="sync-button" data-testid="sync-now" aria-disabled={sync.running} aria-busy={sync.running} onClick={() => void syncNow()}>
        {sync.running ? t('syncing') : t('syncNow')}
      </GuardedButton>
      <div className={`sync-decision${shown.kind === 'answer' && shown.old ? ' old' : ''}`} data-testid="last-sync">
        <p role="status" className={`sync-outcome tone-${message?.tone ?? 'neutral'}`}>
          {!sync.running && message && <span aria-hidden="true">{SYMBOL[message.tone]} </span>}
          <span data-testid="sync-outcome" data-sync-count={sync.completed}>
            {sync.running ? t('asking') : (message?.text ?? t('noneYet'))}
          </span>
        </p>
        {!sync.running && <DecisionMeta shown={shown} format={format} referenceTime={snapshot?.generatedAt} />}
      </div>
    </div>
  );
}

function describe(shown: ShownDecision, words: Parameters<typeof describeSyncOutcome>[1]): OutcomeMessage | null {
  if (shown.kind === 'none') return null;
  if (shown.kind === 'latest') return describeSyncOutcome(shown.run, words);
  return shown.answer.kind === 'run' ? describeSyncOutcome(shown.answer.run, words) : describeSyncFailure(shown.answer.message, words.t);
}

/** When, by whom, whether it is still true, and the engine's reason (its English under Details). */
function DecisionMeta({ shown, format, referenceTime }: { shown: ShownDecision; format: ReturnType<typeof useFormat>; referenceTime?: string }) {
  const { t } = useTranslation('sync');
  if (shown.kind === 'none') return null;
  const run = shown.kind === 'latest' ? shown.run : shown.answer.kind === 'run' ? shown.answer.run : null;
  const at = run ? run.finishedAt : shown.kind === 'answer' && shown.answer.kind === 'failed' ? shown.answer.at : null;
  const old = shown.kind === 'answer' && shown.old;
  return (
    <>
      <p className="sync-meta" data-testid="sync-meta">
        {at && <time dateTime={at}>{format.dateTime(at, referenceTime)}</time>}
        {run && <span> · {describeTrigger(run, t)}</span>}
        {old && (
          <span className="old-mark" data-testid="sync-old">
            {' '}
            · <span aria-hidden="true">◷</span> {t(shown.answer.kind === 'run' ? 'olderThanQueue' : 'olderThanLink')}
          </span>
        )}
      </p>
      {run && run.reason && <EngineSentence sentence={run.reason} className="sync-reason" testId="sync-reason" brief />}
    </>
  );
}
