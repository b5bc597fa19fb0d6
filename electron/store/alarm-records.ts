/**
 * Alarms as the authority keeps them (tables `alarms` and `alarm_events`), shared by the SQLite and
 * PostgreSQL stores. The ISA-18.2 state is not stored: it follows from active, acknowledged and
 * shelved (electron/engine/alarms/alarm-view.ts), so no row can hold a state its fields contradict.
 */
import type { Alarm, AlarmEvent, AlarmEventKind, AlarmEventPage, AlarmKind, AlarmPriority } from '../../shared/domain';

/** A listed alarm (every alarm not back to normal), without its derived state. */
export type AlarmRecord = Omit<Alarm, 'state'>;

export type NewAlarmEvent = Omit<AlarmEvent, 'id'>;

/** What a transition makes of the alarms: the whole list afterwards and the history lines it appends. */
export interface AlarmTransition {
  alarms: AlarmRecord[];
  events: NewAlarmEvent[];
}

export interface AlarmEventFilter {
  pageSize: number;
  /** Events older than this event id (the Older button); with none, the newest. */
  before?: number;
}

export interface AlarmRow {
  alarm_key: string;
  kind: string;
  priority: string;
  active: boolean | number;
  message: string;
  affected: string | unknown[];
  occurrences: number;
  first_raised_at: string | Date;
  last_raised_at: string | Date;
  returned_at: string | Date | null;
  acked_at: string | Date | null;
  acked_by: string | null;
  ack_note: string | null;
  shelved_until: string | Date | null;
  shelved_by: string | null;
  shelve_note: string | null;
}

export interface AlarmEventRow {
  id: number | string;
  alarm_key: string;
  kind: string;
  priority: string;
  event: string;
  at: string | Date;
  station: string;
  note: string | null;
  message: string;
}

export const ALARM_COLUMNS = [
  'alarm_key',
  'kind',
  'priority',
  'active',
  'message',
  'affected',
  'occurrences',
  'first_raised_at',
  'last_raised_at',
  'returned_at',
  'acked_at',
  'acked_by',
  'ack_note',
  'shelved_until',
  'shelved_by',
  'shelve_note',
] as const;

export const ALARM_EVENT_COLUMNS = ['alarm_key', 'kind', 'priority', 'event', 'at', 'station', 'note', 'message'] as const;

/** An alarm row written again takes every new value but its key, and the time of the write. */
export const ALARM_UPSERT_CONFLICT = `ON CONFLICT (alarm_key) DO UPDATE SET ${[...ALARM_COLUMNS.slice(1), 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`;

const iso = (value: string | Date): string => (value instanceof Date ? value.toISOString() : value);
const isoOrNull = (value: string | Date | null): string | null => (value === null ? null : iso(value));

/**
 * One affected batch or MO with its keys in one order: PostgreSQL's jsonb reorders keys, and
 * unchanged alarms must compare equal (nothing is written when nothing changed).
 */
export function affectedEntry(entry: { batchNo?: number; moId?: string; message: string }): Alarm['affected'][number] {
  return {
    ...(entry.batchNo !== undefined ? { batchNo: entry.batchNo } : {}),
    ...(entry.moId !== undefined ? { moId: entry.moId } : {}),
    message: entry.message,
  };
}

export function rowToAlarmRecord(row: AlarmRow): AlarmRecord {
  const affected = (typeof row.affected === 'string' ? JSON.parse(row.affected) : row.affected) as Alarm['affected'];
  return {
    key: row.alarm_key,
    kind: row.kind as AlarmKind,
    priority: row.priority as AlarmPriority,
    active: Boolean(row.active),
    message: row.message,
    affected: affected.map(affectedEntry),
    occurrences: Number(row.occurrences),
    firstRaisedAt: iso(row.first_raised_at),
    lastRaisedAt: iso(row.last_raised_at),
    returnedAt: isoOrNull(row.returned_at),
    acknowledged: row.acked_at === null ? null : { at: iso(row.acked_at), by: row.acked_by ?? '', note: row.ack_note },
    shelved: row.shelved_until === null ? null : { until: iso(row.shelved_until), by: row.shelved_by ?? '', note: row.shelve_note ?? '' },
  };
}

/** The row of an alarm, column by column (`affected` as JSON text, `active` as a boolean). */
export function alarmToRow(alarm: AlarmRecord): Record<(typeof ALARM_COLUMNS)[number], unknown> {
  return {
    alarm_key: alarm.key,
    kind: alarm.kind,
    priority: alarm.priority,
    active: alarm.active,
    message: alarm.message,
    affected: JSON.stringify(alarm.affected.map(affectedEntry)),
    occurrences: alarm.occurrences,
    first_raised_at: alarm.firstRaisedAt,
    last_raised_at: alarm.lastRaisedAt,
    returned_at: alarm.returnedAt,
    acked_at: alarm.acknowledged?.at ?? null,
    acked_by: alarm.acknowledged?.by ?? null,
    ack_note: alarm.acknowledged?.note ?? null,
    shelved_until: alarm.shelved?.until ?? null,
    shelved_by: alarm.shelved?.by ?? null,
    shelve_note: alarm.shelved?.note ?? null,
  };
}

export function alarmEventToRow(event: NewAlarmEvent): Record<(typeof ALARM_EVENT_COLUMNS)[number], unknown> {
  return {
    alarm_key: event.key,
    kind: event.kind,
    priority: event.priority,
    event: event.event,
    at: event.at,
    station: event.station,
    note: event.note,
    message: event.message,
  };
}

export function rowToAlarmEvent(row: AlarmEventRow): AlarmEvent {
  return {
    id: Number(row.id),
    key: row.alarm_key,
    kind: row.kind as AlarmKind,
    priority: row.priority as AlarmPriority,
    event: row.event as AlarmEventKind,
    at: iso(row.at),
    station: row.station,
    note: row.note,
    message: row.message,
  };
}

/** A page of history from up to `pageSize + 1` rows read newest first below `filter.before`: the extra row says there is an older page. */
export function alarmEventPage(rows: readonly AlarmEventRow[], filter: AlarmEventFilter): AlarmEventPage {
  return { items: rows.slice(0, filter.pageSize).map(rowToAlarmEvent), pageSize: filter.pageSize, hasOlder: rows.length > filter.pageSize };
}

/** The rows to write to go from `current` to `next`: alarms new or changed, and the keys of those that left. */
export function alarmRowChanges(current: readonly AlarmRecord[], next: readonly AlarmRecord[]): { upserts: AlarmRecord[]; removed: string[] } {
  const before = new Map(current.map((alarm) => [alarm.key, JSON.stringify(alarmToRow(alarm))]));
  const kept = new Set(next.map((alarm) => alarm.key));
  return {
    upserts: next.filter((alarm) => before.get(alarm.key) !== JSON.stringify(alarmToRow(alarm))),
    removed: current.filter((alarm) => !kept.has(alarm.key)).map((alarm) => alarm.key),
  };
}
