import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../console-context';

/** The number an operator reads from across the room: how many batches the PLC still holds. */
export function QueueCount() {
  const { t } = useTranslation('queue');
  const count = useConsoleState((state) => state.snapshot?.queue.count ?? null);
  return (
    <div className="queue-count">
      <output className="queue-count-value" data-testid="queue-count" aria-describedby="queue-count-caption">
        {count ?? '–'}
      </output>
      <p id="queue-count-caption" className="queue-count-caption">
        {t('count.caption', { count: count ?? 0 })}
      </p>
    </div>
  );
}
