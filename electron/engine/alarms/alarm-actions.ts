/**
 * What an operator does to an alarm, from any station (pure; the store runs it under its write lock,
 * so two stations acting at once see each other's result). Refusals say what happened instead.
 */
import type { AlarmRecord, AlarmTransition } from '../../store/alarm-records';
import { clockTime } from '../clock-time';
import { alarmEvent, unshelved } from './alarm-event';

export class AlarmActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlarmActionError';
  }
}

export interface OperatorAct {
  at: string;
  /** The operator's station. */
  by: string;
}

/** The transition and the alarm it acted on, as it is afterwards (even when it left the list). */
export type AlarmAction = AlarmTransition & { alarm: AlarmRecord };

function listed(current: readonly AlarmRecord[], key: string, doing: string): AlarmRecord {
  const alarm = current.find((a) => a.key === key);
  if (!alarm) throw new AlarmActionError(`nothing to ${doing}: the alarm ${key} is back to normal (it is no longer listed)`);
  return alarm;
}

const replace = (current: readonly AlarmRecord[], key: string, next: AlarmRecord | null): AlarmRecord[] =>
  current.flatMap((a) => (a.key !== key ? [a] : next ? [next] : []));

/** An alarm that already went back to normal leaves the list once acknowledged (ISA-18.2 returned-unacknowledged → normal). */
export function acknowledgeAlarm(current: readonly AlarmRecord[], key: string, act: OperatorAct & { note: string | null }): AlarmAction {
  const alarm = listed(current, key, 'acknowledge');
  if (alarm.acknowledged) {
    const { by, at } = alarm.acknowledged;
    throw new AlarmActionError(`the alarm ${key} was already acknowledged ${by.includes(' @ ') ? 'by' : 'at station'} ${by} at ${clockTime(Date.parse(at))}`);
  }
  const acknowledged = { ...alarm, acknowledged: { at: act.at, by: act.by, note: act.note } };
  const leaves = !alarm.active && !alarm.shelved;
  return {
    alarm: acknowledged,
    alarms: replace(current, key, leaves ? null : acknowledged),
    events: [alarmEvent(acknowledged, 'acknowledged', act.at, act.by, act.note)],
  };
}

/** Shelving a shelved alarm again sets its new end (an operator extends or shortens it). */
export function shelveAlarm(current: readonly AlarmRecord[], key: string, act: OperatorAct & { until: string; note: string }): AlarmAction {
  const shelved = { ...listed(current, key, 'shelve'), shelved: { until: act.until, by: act.by, note: act.note } };
  return {
    alarm: shelved,
    alarms: replace(current, key, shelved),
    events: [alarmEvent(shelved, 'shelved', act.at, act.by, act.note)],
  };
}

export function unshelveAlarm(current: readonly AlarmRecord[], key: string, act: OperatorAct): AlarmAction {
  const alarm = listed(current, key, 'unshelve');
  if (!alarm.shelved) throw new AlarmActionError(`the alarm ${key} is not shelved`);
  const after = unshelved(alarm);
  return {
    alarm: after ?? { ...alarm, shelved: null },
    alarms: replace(current, key, after),
    events: [alarmEvent(alarm, 'unshelved', act.at, act.by)],
  };
}
