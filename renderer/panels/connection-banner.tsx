import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';

/**
 * Only the WebSocket link can drop; inside Electron the status stays 'open' and nothing shows.
 * While it is down the screen is the last known state, and says as of when.
 */
export function ConnectionBanner() {
  const { t } = useTranslation('shell');
  const format = useFormat();
  const connection = useConsoleState((state) => state.connection);
  const lastKnownAt = useConsoleState((state) => state.snapshot?.generatedAt ?? null);
  // The date is written only when the last known state is from another day than today.
  const today = new Date().toISOString();
  if (connection === 'open') return null;
  return (
    <div role="alert" className={`banner banner-${connection}`} data-testid="engine-connection-banner">
      <span aria-hidden="true">{connection === 'lost' ? '✕ ' : '◌ '}</span>
      <span data-testid="engine-connection-text">{t(`banner.${connection}`)}</span>
      {lastKnownAt && (
        <span className="banner-time" data-testid="last-known">
          {' '}
          {t('lastKnownAt', { time: format.dateTime(lastKnownAt, today) })}
        </span>
      )}
    </div>
  );
}
