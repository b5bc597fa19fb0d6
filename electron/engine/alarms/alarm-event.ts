import type { AlarmEventKind } from '../../../shared/domain';
import type { AlarmRecord, NewAlarmEvent } from '../../store/alarm-records';

/** A history line about `alarm` as it is after the transition. */
export function alarmEvent(alarm: AlarmRecord, event: AlarmEventKind, at: string, station: string, note: string | null = null): NewAlarmEvent {
  return { key: alarm.key, kind: alarm.kind, priority: alarm.priority, event, at, station, note, message: alarm.message };
}

/**
 * Ends a shelve: the alarm shows its real state again, or leaves the list when it went back to
 * normal while shelved and had been acknowledged (nothing is left for the operator to see).
 */
export function unshelved(alarm: AlarmRecord): AlarmRecord | null {
  if (!alarm.active && alarm.acknowledged) return null;
  return { ...alarm, shelved: null };
}
