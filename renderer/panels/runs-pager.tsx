import { useTranslation } from 'react-i18next';
import type { RunPage } from '../../shared/domain';
import { DateField } from './history/date-field';
import { fromInputValue, toInputValue } from './history/datetime-input';

interface RunsPagerProps {
  shown: RunPage;
  /** The moment jumped to (ISO), when the page was found by date. */
  at: string | undefined;
  onNewer(): void;
  onOlder(): void;
  /** An ISO moment, or undefined for the newest runs. */
  onJump(at: string | undefined): void;
}

/**
 * Older/Newer by run, and a jump to a date: the run log holds months of runs, so
 * it is paged from a run (keyset), never counted or numbered.
 */
export function RunsPager({ shown, at, onNewer, onOlder, onJump }: RunsPagerProps) {
  const { t } = useTranslation('history');
  return (
    <nav className="pager" aria-label={t('runs.pages')}>
      <button type="button" disabled={!shown.hasNewer} onClick={onNewer}>
        {t('runs.newer')}
      </button>
      <DateField label={t('runs.jumpTo')} type="datetime-local" testId="runs-jump-to" value={toInputValue(at)} onChange={(value) => onJump(fromInputValue(value))} />
      <button type="button" disabled={!shown.hasOlder} onClick={onOlder}>
        {t('runs.older')}
      </button>
    </nav>
  );
}
