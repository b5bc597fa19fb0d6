/** The alarm tables of the SQLite authority (see ../alarm-records.ts); SqliteStore delegates to it. */
import type Database from 'better-sqlite3';
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

const upsertSql = `INSERT INTO alarms (${ALARM_COLUMNS.join(', ')}, updated_at)
  VALUES (${ALARM_COLUMNS.map((c) => `@${c}`).join(', ')}, @updated_at) ${ALARM_UPSERT_CONFLICT}`;
const insertEventSql = `INSERT INTO alarm_events (${ALARM_EVENT_COLUMNS.join(', ')})
  VALUES (${ALARM_EVENT_COLUMNS.map((c) => `@${c}`).join(', ')})`;

export class SqliteAlarms {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  list(): AlarmRecord[] {
    return (this.statement('SELECT * FROM alarms ORDER BY alarm_key').all() as AlarmRow[]).map(rowToAlarmRecord);
  }

  /** An immediate transaction: no other process writes between the read `decide` sees and the write. */
  transition<T extends AlarmTransition>(at: string, decide: (current: AlarmRecord[]) => T): T {
    return this.db.transaction(() => {
      const current = this.list();
      const result = decide(current);
      const { upserts, removed } = alarmRowChanges(current, result.alarms);
      for (const key of removed) this.statement('DELETE FROM alarms WHERE alarm_key = ?').run(key);
      for (const alarm of upserts) {
        const row = alarmToRow(alarm);
        this.statement(upsertSql).run({ ...row, active: row.active ? 1 : 0, updated_at: at });
      }
      for (const event of result.events) this.statement(insertEventSql).run(alarmEventToRow(event));
      return result;
    }).immediate();
  }

  events(filter: AlarmEventFilter): AlarmEventPage {
    const rows = this.statement('SELECT * FROM alarm_events WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(filter.before ?? Number.MAX_SAFE_INTEGER, filter.pageSize + 1) as AlarmEventRow[];
    return alarmEventPage(rows, filter);
  }

  private statement(sql: string): Database.Statement {
    let compiled = this.statements.get(sql);
    if (!compiled) {
      compiled = this.db.prepare(sql);
      this.statements.set(sql, compiled);
    }
    return compiled;
  }
}
