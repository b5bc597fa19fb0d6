import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../../shared/domain';
import { useEngineText } from '../../i18n/engine-text';
import { useFormat } from '../../format/locale-format';
import { AlarmActions } from './alarm-actions';
import { OccurrenceCount, PriorityBadge, useAlarmTitle } from './alarm-words';

/** One alarm in the operator's words; the engine's own sentences are under "Details" for the engineer. */
export function AlarmItem({ alarm, reference }: { alarm: Alarm; reference: string | undefined }) {
  const { t } = useTranslation('alarms');
  const format = useFormat();
  const engineText = useEngineText();
  const title = useAlarmTitle()(alarm);
  const detail = engineText(alarm.message);
  const time = (iso: string): string => format.dateTime(iso, reference);
  // A cause without batches (a connection, the PLC's age) names none: no empty "Affected:" line.
  const affected = alarm.affected
    .map((item) =>
      item.batchNo !== undefined && item.moId !== undefined
        ? t('affectedBatch', { slot: item.batchNo, mo: item.moId })
        : item.batchNo !== undefined
          ? t('affectedSlot', { slot: item.batchNo })
          : (item.moId ?? ''),
    )
    .filter((text) => text !== '');

  return (
    <li className={`alarm alarm-${alarm.priority} alarm-state-${alarm.state}`} data-testid="alarm" data-key={alarm.key} data-state={alarm.state}>
      <div className="alarm-head">
        <PriorityBadge priority={alarm.priority} />{' '}
        <h3 className="alarm-title" data-testid="alarm-title">
          {title}
        </h3>{' '}
        <span className="alarm-state" data-testid="alarm-state">
          {t(`state.${alarm.state}`)}
        </span>{' '}
        {alarm.occurrences > 1 && <OccurrenceCount count={alarm.occurrences} />}
      </div>
      <dl className="alarm-times">
        <div>
          <dt>{t('firstRaised')}</dt>
          <dd>
            <time dateTime={alarm.firstRaisedAt}>{time(alarm.firstRaisedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('lastRaised')}</dt>
          <dd>
            <time dateTime={alarm.lastRaisedAt}>{time(alarm.lastRaisedAt)}</time>
          </dd>
        </div>
      </dl>
      {alarm.returnedAt && <p className="alarm-note">{t('returnedAt', { time: time(alarm.returnedAt) })}</p>}
      {alarm.acknowledged && (
        <p className="alarm-note" data-testid="alarm-acknowledged">
          {t('acknowledgedBy', { time: time(alarm.acknowledged.at), station: alarm.acknowledged.by })}
          {alarm.acknowledged.note && ` — ${t('note', { note: alarm.acknowledged.note })}`}
        </p>
      )}
      {alarm.shelved && (
        <p className="alarm-note" data-testid="alarm-shelved">
          {t('shelvedUntil', { time: time(alarm.shelved.until), station: alarm.shelved.by, note: alarm.shelved.note })}
        </p>
      )}
      {affected.length > 0 && (
        <p className="alarm-affected" data-testid="alarm-affected">
          {t('affected')}: {affected.join(', ')}
        </p>
      )}
      <details className="alarm-details">
        <summary>{t('engineerDetails')}</summary>
        <p lang={detail.lang}>{detail.text}</p>
        {detail.translated && <p lang="en">{detail.original}</p>}
        {alarm.affected.length > 0 && (
          <ul>
            {alarm.affected.map((item, index) => (
              <li key={`${item.moId ?? ''}-${item.batchNo ?? index}`} lang="en">
                {item.message}
              </li>
            ))}
          </ul>
        )}
        <p className="alarm-key">{alarm.key}</p>
      </details>
      <AlarmActions alarm={alarm} title={title} />
    </li>
  );
}
