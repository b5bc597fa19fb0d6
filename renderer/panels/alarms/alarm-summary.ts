/**
 * What the alarm banner leads with (ISA-18.2: the operator sees first what
 * still needs an acknowledgement, the most urgent of it) and the totals beside it.
 */
import { ALARM_PRIORITIES, ALARM_STATES, type Alarm, type AlarmState } from '../../../shared/domain';

/** Waiting for an operator: active and unacknowledged, or back to normal but never acknowledged. */
export function needsAcknowledgement(alarm: Alarm): boolean {
  return alarm.state === 'unacknowledged' || alarm.state === 'returned-unacknowledged';
}

/**
 * The alarm the banner names: among those needing acknowledgement, the highest
 * priority, a still-active one before one already back to normal, then the most
 * recently raised. Null when nothing waits for an acknowledgement.
 */
export function bannerAlarm(alarms: readonly Alarm[]): Alarm | null {
  const rank = (alarm: Alarm): [number, number, number] => [
    ALARM_PRIORITIES.indexOf(alarm.priority),
    alarm.state === 'unacknowledged' ? 0 : 1,
    -Date.parse(alarm.lastRaisedAt),
  ];
  let best: Alarm | null = null;
  for (const alarm of alarms) {
    if (!needsAcknowledgement(alarm)) continue;
    if (best === null || compare(rank(alarm), rank(best)) < 0) best = alarm;
  }
  return best;
}

export function alarmTotals(alarms: readonly Alarm[]): Record<AlarmState, number> {
  const totals = Object.fromEntries(ALARM_STATES.map((state) => [state, 0])) as Record<AlarmState, number>;
  for (const alarm of alarms) totals[alarm.state] += 1;
  return totals;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
