/** The audit trail of the PostgreSQL authority (see ../audit-rows.ts); PgStore delegates to it. */
import type { AuditPage } from '../../../shared/domain';
import type { AuditFilter, AuditLine } from '../../engine/people/caller';
import { AUDIT_COLUMNS, auditLineToRow, auditPage, auditWhere, type AuditRow } from '../audit-rows';
import type { PgRow } from './pg-database';

type Query = <R extends PgRow = PgRow>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

const insertSql = `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

export async function appendPgAudit(query: Query, line: AuditLine): Promise<void> {
  const row = auditLineToRow(line);
  await query(insertSql, AUDIT_COLUMNS.map((column) => row[column]));
}

export async function listPgAudit(query: Query, filter: AuditFilter): Promise<AuditPage> {
  const params: unknown[] = [];
  const where = auditWhere(filter, {
    bind: (value) => `$${params.push(value)}`,
    // lower() on both sides, as the users table compares names; the index is on (lower(user_name), id).
    sameUser: (placeholder) => `lower(user_name) = lower(${placeholder})`,
  });
  const rows = await query<AuditRow & PgRow>(`SELECT * FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT $${params.length + 1}`, [
    ...params,
    filter.pageSize + 1,
  ]);
  return auditPage(rows, filter);
}
