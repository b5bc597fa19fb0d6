/** The alarm tables of the PostgreSQL authority (see ../alarm-records.ts); PgStore delegates to it. */
import type { AlarmEventPage } from '../../../shared/domain';
import {
  ALARM_COLUMNS,
  ALARM_EVENT_COLUMNS,
  ALARM_UPSERT_CONFLICT,
  alarmEventPage,
  alarmEventToRow,
  alarmRowChanges,
  alarmToRow,
  rowToAlarmRecord,
  type AlarmEventFilter,
  type AlarmEventRow,
  type AlarmRecord,
  type AlarmRow,
  type AlarmTransition,
} from '../alarm-records';
import type { PgQueryable, PgRow } from './pg-database';

const placeholders = (count: number, from = 1): string => Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

const upsertSql = `INSERT INTO alarms (${ALARM_COLUMNS.join(', ')}, updated_at)
  VALUES (${placeholders(ALARM_COLUMNS.length + 1)}) ${ALARM_UPSERT_CONFLICT}`;
const insertEventSql = `INSERT INTO alarm_events (${ALARM_EVENT_COLUMNS.join(', ')}) VALUES (${placeholders(ALARM_EVENT_COLUMNS.length)})`;

export interface PgAlarmAccess {
  query<R extends PgRow = PgRow>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  transaction<T>(work: (tx: PgQueryable) => Promise<T>): Promise<T>;
}

const listSql = 'SELECT * FROM alarms ORDER BY alarm_key';

export async function listPgAlarms(db: PgAlarmAccess): Promise<AlarmRecord[]> {
  return (await db.query<AlarmRow & PgRow>(listSql)).map(rowToAlarmRecord);
}

/**
 * The table lock (EXCLUSIVE: readers go on, every other writer waits) makes read-decide-write one
 * step: an acknowledgement from another station cannot slip between the driver's read and its write.
 */
export async function transitionPgAlarms<T extends AlarmTransition>(db: PgAlarmAccess, at: string, decide: (current: AlarmRecord[]) => T): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE alarms IN EXCLUSIVE MODE');
    const current = (await tx.query<AlarmRow & PgRow>(listSql)).rows.map(rowToAlarmRecord);
    const result = decide(current);
    const { upserts, removed } = alarmRowChanges(current, result.alarms);
    if (removed.length > 0) await tx.query('DELETE FROM alarms WHERE alarm_key = ANY($1)', [removed]);
    for (const alarm of upserts) {
      const row = alarmToRow(alarm);
      await tx.query(upsertSql, [...ALARM_COLUMNS.map((column) => row[column]), at]);
    }
    for (const event of result.events) {
      const row = alarmEventToRow(event);
      await tx.query(insertEventSql, ALARM_EVENT_COLUMNS.map((column) => row[column]));
    }
    return result;
  });
}

export async function listPgAlarmEvents(db: PgAlarmAccess, filter: AlarmEventFilter): Promise<AlarmEventPage> {
  const rows = await db.query<AlarmEventRow & PgRow>('SELECT * FROM alarm_events WHERE id < $1 ORDER BY id DESC LIMIT $2', [
    filter.before ?? Number.MAX_SAFE_INTEGER,
    filter.pageSize + 1,
  ]);
  return alarmEventPage(rows, filter);
}
