import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../console-context';
import { beep } from './alarm-sound';
import { useAlarmTitle } from './alarm-words';
import { alarmNews } from './new-alarms';

const NO_ALARMS: never[] = [];

/**
 * Tells a screen reader (assertively: an alarm interrupts) about each newly
 * raised alarm once, and beeps for a new high-priority one when the operator
 * turned the sound on. Rendered once, in the shell; always present, because a
 * live region that appears together with its text is not announced.
 */
export function AlarmLiveRegion() {
  const { t } = useTranslation('alarms');
  const title = useAlarmTitle();
  const alarms = useConsoleState((state) => state.snapshot?.alarms ?? NO_ALARMS);
  const hasSnapshot = useConsoleState((state) => state.snapshot !== null);
  const seen = useRef<ReadonlySet<string> | null>(null);
  // Each announcement is a new node: a screen reader then speaks it even when the words repeat an earlier one.
  const [message, setMessage] = useState({ text: '', serial: 0 });

  useEffect(() => {
    if (!hasSnapshot) return;
    const news = alarmNews(seen.current, alarms);
    seen.current = news.seen;
    if (news.announce.length === 0) return;
    const text = news.announce.map((alarm) => t('announce', { priority: t(`priority.${alarm.priority}`), title: title(alarm) })).join('. ');
    setMessage((shown) => ({ text, serial: shown.serial + 1 }));
    if (news.announce.some((alarm) => alarm.priority === 'high')) beep();
  }, [alarms, hasSnapshot, t, title]);

  return (
    <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="alarm-live-region">
      <span key={message.serial}>{message.text}</span>
    </div>
  );
}
