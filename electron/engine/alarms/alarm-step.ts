/**
 * The driving station's alarm step (pure): from the alarms as stored, the causes present now and
 * the time, the alarms afterwards and the history lines to append. ISA-18.2 transitions:
 * - normal → raised (unacknowledged), and returned-unacknowledged → raised again: occurrences + 1;
 * - acknowledged → condition clears → normal (leaves the list, event `normal`);
 * - unacknowledged → condition clears → returned-unacknowledged (event `returned`);
 * - shelved: stays listed as shelved whatever the condition does (its raises and returns are still
 *   recorded) until `shelved.until`, then unshelved (see alarm-event.ts `unshelved`).
 * A raise always asks for a new acknowledgement: a cause that came back is news.
 */
import type { AlarmRecord, AlarmTransition, NewAlarmEvent } from '../../store/alarm-records';
import type { AlarmCause } from './alarm-causes';
import { alarmEvent, unshelved } from './alarm-event';

export function stepAlarms(current: readonly AlarmRecord[], causes: readonly AlarmCause[], now: number, station: string): AlarmTransition {
  const at = new Date(now).toISOString();
  const expired = expireShelves(current, now, station);
  const events: NewAlarmEvent[] = [...expired.events];
  const pending = new Map(causes.map((cause) => [cause.key, cause]));
  const alarms: AlarmRecord[] = [];
  for (const alarm of expired.alarms) {
    const cause = pending.get(alarm.key);
    pending.delete(alarm.key);
    const latest = cause ? { ...alarm, priority: cause.priority, message: cause.message, affected: cause.affected } : alarm;
    if (cause && alarm.active) {
      alarms.push(latest);
    } else if (cause) {
      const raised = { ...latest, active: true, occurrences: alarm.occurrences + 1, lastRaisedAt: at, returnedAt: null, acknowledged: null };
      alarms.push(raised);
      events.push(alarmEvent(raised, 'raised', at, station));
    } else if (!alarm.active) {
      alarms.push(alarm);
    } else if (alarm.acknowledged && !alarm.shelved) {
      events.push(alarmEvent(alarm, 'normal', at, station));
    } else {
      const returned = { ...alarm, active: false, returnedAt: at };
      alarms.push(returned);
      events.push(alarmEvent(returned, 'returned', at, station));
    }
  }
  for (const cause of pending.values()) {
    const raised: AlarmRecord = {
      ...cause,
      active: true,
      occurrences: 1,
      firstRaisedAt: at,
      lastRaisedAt: at,
      returnedAt: null,
      acknowledged: null,
      shelved: null,
    };
    alarms.push(raised);
    events.push(alarmEvent(raised, 'raised', at, station));
  }
  return { alarms, events };
}

/** Shelves whose time is up end (event `unshelved`, noted as expired). */
export function expireShelves(current: readonly AlarmRecord[], now: number, station: string): AlarmTransition {
  const at = new Date(now).toISOString();
  const alarms: AlarmRecord[] = [];
  const events: NewAlarmEvent[] = [];
  for (const alarm of current) {
    if (!alarm.shelved || Date.parse(alarm.shelved.until) > now) {
      alarms.push(alarm);
      continue;
    }
    const after = unshelved(alarm);
    if (after) alarms.push(after);
    events.push(alarmEvent(alarm, 'unshelved', at, station, `the shelve set by ${alarm.shelved.by} ran out`));
  }
  return { alarms, events };
}
