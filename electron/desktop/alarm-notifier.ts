/**
 * A native notification for each new high-priority alarm, once per raise: an alarm that returns
 * and is raised again is news again (its lastRaisedAt changes), a snapshot that merely repeats it
 * is not. Alarms already standing when the app opens are on the console's own banner, not
 * notified. A notification is withdrawn once its alarm is acknowledged, shelved or gone.
 */
import type { Alarm, Snapshot } from '../../shared/domain';
import type { DesktopText } from './desktop-text';

/** The part of Electron's Notification used here. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export interface AlarmNotifierOptions {
  notify(content: { title: string; body: string }): NotificationLike;
  text: DesktopText;
  /** The operator clicked a notification: bring the console forward on its alarm list. */
  showAlarms(): void;
}

/** Returns the function that takes each snapshot. */
export function notifyNewHighAlarms(options: AlarmNotifierOptions): (snapshot: Snapshot) => void {
  /*
   * Raises notified (or standing at start), by raise; null: seen at start, not notified. Holding
   * the notification keeps its click handler alive and lets it be withdrawn; entries leave with
   * their raise, so the map never outgrows the alarm list.
   */
  let shown: Map<string, NotificationLike | null> | null = null;
  return (snapshot) => {
    const raises = new Map(snapshot.alarms.filter(needsNotice).map((alarm) => [raiseOf(alarm), alarm]));
    if (shown === null) {
      shown = new Map([...raises.keys()].map((raise) => [raise, null]));
      return;
    }
    for (const [raise, notification] of shown) {
      if (raises.has(raise)) continue;
      notification?.close();
      shown.delete(raise);
    }
    for (const [raise, alarm] of raises) {
      if (shown.has(raise)) continue;
      const notification = options.notify(options.text.alarmNotification(alarm));
      notification.on('click', () => options.showAlarms());
      notification.show();
      shown.set(raise, notification);
    }
  };
}

const needsNotice = (alarm: Alarm): boolean => alarm.priority === 'high' && alarm.state === 'unacknowledged';

const raiseOf = (alarm: Alarm): string => `${alarm.key}@${alarm.lastRaisedAt}`;
