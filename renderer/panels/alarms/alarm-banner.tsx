import { useTranslation } from 'react-i18next';
import { ALARM_STATES } from '../../../shared/domain';
import { useConsoleState } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { useShowView } from '../../state/current-view';
import { alarmTotals, bannerAlarm } from './alarm-summary';
import { OccurrenceCount, PriorityBadge, useAlarmTitle } from './alarm-words';
import './alarms.css';

const NO_ALARMS: never[] = [];

/**
 * On every view: the most urgent alarm still waiting for an acknowledgement,
 * the totals by state, and the way to the alarm list. Shelved alarms are kept
 * out (that is what shelving is for) but counted. Nothing when no alarm is listed.
 */
export function AlarmBanner() {
  const showView = useShowView();
  const { t } = useTranslation('alarms');
  const format = useFormat();
  const title = useAlarmTitle();
  const alarms = useConsoleState((state) => state.snapshot?.alarms ?? NO_ALARMS);
  const generatedAt = useConsoleState((state) => state.snapshot?.generatedAt);
  const linkDown = useConsoleState((state) => state.connection !== 'open');
  if (alarms.every((alarm) => alarm.state === 'shelved')) return null;

  const top = bannerAlarm(alarms);
  const totals = alarmTotals(alarms);
  const tone = top ? `alarm-banner-${top.priority}` : 'alarm-banner-calm';
  return (
    <section className={`alarm-banner ${tone}${linkDown ? ' alarm-banner-stale' : ''}`} aria-label={t('banner.label')} data-testid="alarm-banner">
      <div className="alarm-banner-lead">
        {top ? (
          <p className="alarm-banner-top" data-testid="alarm-banner-top">
            <PriorityBadge priority={top.priority} />{' '}
            <strong className="alarm-title">{title(top)}</strong>{' '}
            <span className="alarm-banner-when">
              {t(`state.${top.state}`)} · <time dateTime={top.lastRaisedAt}>{format.dateTime(top.lastRaisedAt, generatedAt)}</time>
            </span>{' '}
            {top.occurrences > 1 && <OccurrenceCount count={top.occurrences} />}
          </p>
        ) : (
          <p className="alarm-banner-top">{t('banner.allAcknowledged')}</p>
        )}
        <p className="alarm-banner-totals" data-testid="alarm-banner-totals">
          {ALARM_STATES.filter((state) => totals[state] > 0)
            .map((state) => t(`total.${state}`, { count: totals[state] }))
            .join(' · ')}
        </p>
        {linkDown && (
          <p className="alarm-banner-last-known" data-testid="alarm-banner-last-known">
            {t('banner.lastKnown')}
          </p>
        )}
      </div>
      <button type="button" className="alarm-banner-show" data-testid="alarm-banner-show" onClick={() => showView('alarms')}>
        {t('banner.showCount', { count: alarms.length - totals.shelved })}
      </button>
    </section>
  );
}
