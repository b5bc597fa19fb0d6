/** The audit trail of the SQLite authority (see ../audit-rows.ts); SqliteStore delegates to it. */
import type Database from 'better-sqlite3';
import type { AuditPage } from '../../../shared/domain';
import type { AuditFilter, AuditLine } from '../../engine/people/caller';
import { AUDIT_COLUMNS, auditLineToRow, auditPage, auditWhere, type AuditRow } from '../audit-rows';

const insertSql = `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map((c) => `@${c}`).join(', ')})`;

/** The store's cached statement for this SQL. */
type Prepare = (sql: string) => Database.Statement;

export function appendSqliteAudit(prepare: Prepare, line: AuditLine): void {
  prepare(insertSql).run(auditLineToRow(line));
}

export function listSqliteAudit(prepare: Prepare, filter: AuditFilter): AuditPage {
  const params: unknown[] = [];
  const where = auditWhere(filter, {
    bind: (value) => {
      params.push(value);
      return '?';
    },
    // NOCASE matches the users table's names and the index on (user_name COLLATE NOCASE, id).
    sameUser: (placeholder) => `user_name = ${placeholder} COLLATE NOCASE`,
  });
  const rows = prepare(`SELECT * FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT ?`).all(...params, filter.pageSize + 1) as AuditRow[];
  return auditPage(rows, filter);
}
