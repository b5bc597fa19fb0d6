/**
 * The audit trail as the authority keeps it (table `audit_log`, append-only: the database itself
 * refuses to change or delete a line), shared by the SQLite and PostgreSQL stores.
 */
import type { AuditEntry, AuditOutcome, AuditPage, Role } from '../../shared/domain';
import type { AuditFilter, AuditLine } from '../engine/people/caller';

export interface AuditRow {
  id: number | string;
  at: string | Date;
  user_name: string;
  role: string | null;
  station: string;
  source: string;
  action: string;
  target: string | null;
  reason: string | null;
  outcome: string;
  detail: string | null;
  signature_meaning: string | null;
  signature_comment: string | null;
}

export const AUDIT_COLUMNS = [
  'at',
  'user_name',
  'role',
  'station',
  'source',
  'action',
  'target',
  'reason',
  'outcome',
  'detail',
  'signature_meaning',
  'signature_comment',
] as const;

/** The row of a line; `at` normalised to UTC ISO, so SQLite's text comparisons order it like PostgreSQL's times. */
export function auditLineToRow(line: AuditLine): Record<(typeof AUDIT_COLUMNS)[number], unknown> {
  return {
    at: new Date(line.at).toISOString(),
    user_name: line.user,
    role: line.role,
    station: line.station,
    source: line.source,
    action: line.action,
    target: line.target,
    reason: line.reason,
    outcome: line.outcome,
    detail: line.detail,
    signature_meaning: line.signature?.meaning ?? null,
    signature_comment: line.signature?.comment ?? null,
  };
}

export function rowToAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at instanceof Date ? row.at.toISOString() : row.at,
    user: row.user_name,
    role: row.role as Role | null,
    station: row.station,
    source: row.source as AuditEntry['source'],
    action: row.action,
    target: row.target,
    reason: row.reason,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail,
    signature: row.signature_meaning === null ? null : { meaning: row.signature_meaning, comment: row.signature_comment ?? '' },
  };
}

/** How a dialect binds a value (returning its placeholder) and matches a user name regardless of case. */
export interface AuditDialect {
  bind(value: unknown): string;
  sameUser(placeholder: string): string;
}

/** The WHERE clause of a page: older than the cursor, the filters, [from, to). */
export function auditWhere(filter: AuditFilter, dialect: AuditDialect): string {
  const where = [`id < ${dialect.bind(filter.before ?? Number.MAX_SAFE_INTEGER)}`];
  if (filter.user !== undefined) where.push(dialect.sameUser(dialect.bind(filter.user)));
  if (filter.action !== undefined) where.push(`action = ${dialect.bind(filter.action)}`);
  if (filter.outcome !== undefined) where.push(`outcome = ${dialect.bind(filter.outcome)}`);
  if (filter.from !== undefined) where.push(`at >= ${dialect.bind(new Date(filter.from).toISOString())}`);
  if (filter.to !== undefined) where.push(`at < ${dialect.bind(new Date(filter.to).toISOString())}`);
  return where.join(' AND ');
}

/** A page from up to `pageSize + 1` rows read newest first: the extra row says there is an older page. */
export function auditPage(rows: readonly AuditRow[], filter: AuditFilter): AuditPage {
  return { items: rows.slice(0, filter.pageSize).map(rowToAuditEntry), pageSize: filter.pageSize, hasOlder: rows.length > filter.pageSize };
}
