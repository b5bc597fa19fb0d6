/**
 * The fake engine's alarms: a small in-memory stand-in for the engine's
 * ISA-18.2 alarm state (electron/engine/alarms/), enough for the console's tests
 * to raise, clear, acknowledge and shelve alarms and read their history.
 */
import type { ConsoleHandlers } from '../../shared/contract';
import type { Alarm, AlarmEvent, AlarmEventKind, AlarmKind, AlarmPriority } from '../../shared/domain';

export interface RaiseAlarm {
  kind: AlarmKind;
  /** Default: the kind (`connection-down:plc` for a lost connection). */
  key?: string;
  priority?: AlarmPriority;
  message?: string;
  affected?: Alarm['affected'];
}

type AlarmHandlers = Pick<ConsoleHandlers, 'acknowledgeAlarm' | 'shelveAlarm' | 'unshelveAlarm' | 'listAlarmHistory'>;

export interface FakeAlarms {
  /** As the snapshot lists them: needing acknowledgement first, then by priority. */
  list(): Alarm[];
  /** The cause is active (again); returns the alarm. */
  raise(alarm: RaiseAlarm): Alarm;
  /** The cause is gone. */
  clear(key: string): void;
  handlers: AlarmHandlers;
}

const PRIORITY_ORDER: AlarmPriority[] = ['high', 'medium', 'low'];

export function createFakeAlarms(now: () => string, station: string, changed: () => void): FakeAlarms {
  const alarms = new Map<string, Alarm>();
  const events: AlarmEvent[] = [];

  function log(alarm: Alarm, event: AlarmEventKind, note: string | null = null): void {
    events.unshift({ id: events.length + 1, key: alarm.key, kind: alarm.kind, priority: alarm.priority, event, at: now(), station, note, message: alarm.message });
  }

  function find(key: string): Alarm {
    const alarm = alarms.get(key);
    if (!alarm) throw new Error(`no alarm '${key}' is listed: it is back to normal and acknowledged`);
    return alarm;
  }

  function leaveOrKeep(alarm: Alarm): void {
    if (!alarm.active && alarm.acknowledged) {
      alarms.delete(alarm.key);
      log(alarm, 'normal');
    }
  }

  function stateOf(alarm: Alarm): Alarm['state'] {
    if (alarm.shelved) return 'shelved';
    if (alarm.acknowledged) return 'acknowledged';
    return alarm.active ? 'unacknowledged' : 'returned-unacknowledged';
  }

  const handlers: AlarmHandlers = {
    async acknowledgeAlarm({ key, note }) {
      const alarm = find(key);
      if (alarm.acknowledged) throw new Error(`the alarm '${key}' is already acknowledged`);
      alarm.acknowledged = { at: now(), by: station, note: note ?? null };
      alarm.state = stateOf(alarm);
      log(alarm, 'acknowledged', note ?? null);
      leaveOrKeep(alarm);
      changed();
      return { ...alarm };
    },
    async shelveAlarm({ key, minutes, note }) {
      const alarm = find(key);
      alarm.shelved = { until: new Date(Date.parse(now()) + minutes * 60_000).toISOString(), by: station, note };
      alarm.state = 'shelved';
      log(alarm, 'shelved', note);
      changed();
      return { ...alarm };
    },
    async unshelveAlarm({ key }) {
      const alarm = find(key);
      if (!alarm.shelved) throw new Error(`the alarm '${key}' is not shelved`);
      alarm.shelved = null;
      alarm.state = stateOf(alarm);
      log(alarm, 'unshelved');
      changed();
      return { ...alarm };
    },
    async listAlarmHistory({ pageSize, before }) {
      const older = events.filter((event) => before === undefined || event.id < before);
      return { items: older.slice(0, pageSize), pageSize, hasOlder: older.length > pageSize };
    },
  };

  return {
    list() {
      const rank = (alarm: Alarm): number =>
        (alarm.state === 'unacknowledged' || alarm.state === 'returned-unacknowledged' ? 0 : 10) + PRIORITY_ORDER.indexOf(alarm.priority);
      return [...alarms.values()].sort((a, b) => rank(a) - rank(b)).map((alarm) => ({ ...alarm, affected: [...alarm.affected] }));
    },
    raise({ kind, key = kind, priority = 'medium', message = `${kind} (fake)`, affected = [] }) {
      const at = now();
      const known = alarms.get(key);
      const alarm: Alarm = known ?? {
        key,
        kind,
        priority,
        state: 'unacknowledged',
        active: false,
        message,
        affected,
        occurrences: 0,
        firstRaisedAt: at,
        lastRaisedAt: at,
        returnedAt: null,
        acknowledged: null,
        shelved: null,
      };
      if (!alarm.active) {
        alarm.occurrences += 1;
        alarm.acknowledged = null;
        log(alarm, 'raised');
      }
      Object.assign(alarm, { active: true, message, affected, lastRaisedAt: at, returnedAt: null });
      alarm.state = stateOf(alarm);
      alarms.set(key, alarm);
      changed();
      return { ...alarm };
    },
    clear(key) {
      const alarm = find(key);
      Object.assign(alarm, { active: false, returnedAt: now() });
      alarm.state = stateOf(alarm);
      log(alarm, 'returned');
      leaveOrKeep(alarm);
      changed();
    },
    handlers,
  };
}
