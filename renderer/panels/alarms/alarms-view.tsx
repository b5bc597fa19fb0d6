import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../console-context';
import { AlarmHistory } from './alarm-history';
import { AlarmItem } from './alarm-item';
import { useAlarmSound } from './alarm-sound';
import './alarms.css';

const NO_ALARMS: never[] = [];

/** The alarm list as the engine keeps it (the same on every station), what to do about each, and the alarm history. */
export function AlarmsView() {
  const { t } = useTranslation('alarms');
  const alarms = useConsoleState((state) => state.snapshot?.alarms ?? NO_ALARMS);
  const generatedAt = useConsoleState((state) => state.snapshot?.generatedAt);
  const linkDown = useConsoleState((state) => state.connection !== 'open');
  const sound = useAlarmSound();

  return (
    <section className="alarms-view" aria-labelledby="alarms-title" data-testid="alarms">
      <div className="card-header alarms-header">
        <h2 id="alarms-title">{t('heading')}</h2>
        <label className="alarm-sound">
          <input type="checkbox" checked={sound.on} data-testid="alarm-sound" onChange={(event) => sound.setOn(event.target.checked)} />
          {t('sound')}
        </label>
      </div>
      {linkDown && <p className="alarm-banner-last-known">{t('banner.lastKnown')}</p>}
      {alarms.length === 0 ? (
        <p className="empty" data-testid="alarms-none">
          {t('none')}
        </p>
      ) : (
        <ul className="alarm-list">
          {alarms.map((alarm) => (
            <AlarmItem key={alarm.key} alarm={alarm} reference={generatedAt} />
          ))}
        </ul>
      )}
      <AlarmHistory />
    </section>
  );
}
