import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { useOlderPages } from '../../state/use-older-pages';
import { PriorityBadge, useAlarmTitle } from './alarm-words';
import { RequestError } from '../request-error';
import '../history/history.css';

const PAGE_SIZE = 25;

/** The append-only alarm log, newest first; Older adds the next page below (keyset by event id). */
export function AlarmHistory() {
  const { t } = useTranslation('alarms');
  const api = useConsoleApi();
  const format = useFormat();
  const title = useAlarmTitle();
  const readPage = useCallback(
    async (before: number | null) => {
      const page = await api.listAlarmHistory(before === null ? { pageSize: PAGE_SIZE } : { pageSize: PAGE_SIZE, before });
      return { items: page.items, older: page.hasOlder ? (page.items.at(-1)?.id ?? null) : null };
    },
    [api],
  );
  const { shown, loading, error, showNewest, showOlder } = useOlderPages(readPage);
  const events = shown?.items ?? [];

  return (
    <section className="alarm-history" aria-labelledby="alarm-history-title" aria-busy={loading} data-testid="alarm-history">
      <div className="card-header">
        <h3 id="alarm-history-title">{t('history.heading')}</h3>
        <button type="button" data-testid="alarm-history-newest" disabled={loading} onClick={showNewest}>
          {t('history.newest')}
        </button>
      </div>
      <RequestError error={error} />
      {events.length === 0 && !loading && !error && <p className="empty">{t('history.empty')}</p>}
      {events.length > 0 && (
        <table className="table compact stacking-table" aria-labelledby="alarm-history-title">
          <thead>
            <tr>
              <th scope="col">{t('history.time')}</th>
              <th scope="col">{t('history.event')}</th>
              <th scope="col">{t('history.priority')}</th>
              <th scope="col">{t('history.alarm')}</th>
              <th scope="col">{t('history.station')}</th>
              <th scope="col">{t('history.note')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-testid="alarm-event" data-event={event.event}>
                <td data-label={t('history.time')}>
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                </td>
                <td data-label={t('history.event')}>{t(`history.eventName.${event.event}`)}</td>
                <td data-label={t('history.priority')}>
                  <PriorityBadge priority={event.priority} />
                </td>
                <td data-label={t('history.alarm')}>{title(event)}</td>
                <td data-label={t('history.station')}>{event.station}</td>
                <td data-label={event.note ? t('history.note') : undefined}>{event.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && shown.older !== null && (
        <button type="button" data-testid="alarm-history-older" disabled={loading} onClick={showOlder}>
          {t('history.older')}
        </button>
      )}
    </section>
  );
}
