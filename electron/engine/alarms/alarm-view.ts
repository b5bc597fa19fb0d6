/** The ISA-18.2 state of a listed alarm, and the order the console lists them in. */
import { ALARM_PRIORITIES, type Alarm, type AlarmState } from '../../../shared/domain';
import type { AlarmRecord } from '../../store/alarm-records';
import { expireShelves } from './alarm-step';

/** Derived, never stored: active, acknowledged and shelved say it all (acknowledged and inactive is normal and not listed). */
export function alarmState(alarm: AlarmRecord): AlarmState {
  if (alarm.shelved) return 'shelved';
  if (alarm.acknowledged) return 'acknowledged';
  return alarm.active ? 'unacknowledged' : 'returned-unacknowledged';
}

export const toAlarm = (record: AlarmRecord): Alarm => ({ ...record, state: alarmState(record) });

/** What needs the operator comes first: unacknowledged, then acknowledged, then shelved (out of sight on purpose). */
const STATE_RANK: Record<AlarmState, number> = { unacknowledged: 0, 'returned-unacknowledged': 0, acknowledged: 1, shelved: 2 };

/**
 * The alarms as `now` sees them, in the console's order: unacknowledged first, then by priority,
 * then the most recently raised. A shelve that ran out shows its real state even before the
 * driving station has recorded its end (a monitoring station, or no driver at all).
 */
export function visibleAlarms(records: readonly AlarmRecord[], now: number): Alarm[] {
  return expireShelves(records, now, '')
    .alarms.map(toAlarm)
    .sort(
      (a, b) =>
        STATE_RANK[a.state] - STATE_RANK[b.state] ||
        ALARM_PRIORITIES.indexOf(a.priority) - ALARM_PRIORITIES.indexOf(b.priority) ||
        Date.parse(b.lastRaisedAt) - Date.parse(a.lastRaisedAt) ||
        a.key.localeCompare(b.key),
    );
}
