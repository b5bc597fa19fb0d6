/** The audit entries matching the view's filter as a CSV file: every page, newest first, through the `before` cursor. */
import type { ConsoleApi, RequestInput } from '../../../shared/contract';
import type { AuditEntry } from '../../../shared/domain';
import { collectPages, type CollectedRows } from '../history/collect-pages';
import { csvDocument, csvTime } from '../history/csv';
import { EXPORT_CAP, EXPORT_PAGE_SIZE } from '../history/runs-export';
import type { AuditWords } from './audit-words';

export type AuditFilter = Omit<RequestInput<'listAudit'>, 'pageSize' | 'before'>;

export function readAuditForExport(
  api: Pick<ConsoleApi, 'listAudit'>,
  filter: AuditFilter,
  onProgress?: (rows: number) => void,
  cap = EXPORT_CAP,
): Promise<CollectedRows<AuditEntry>> {
  return collectPages<AuditEntry, number>(
    async (before) => {
      const page = await api.listAudit({ ...filter, pageSize: EXPORT_PAGE_SIZE, ...(before === null ? {} : { before }) });
      return { items: page.items, next: page.hasOlder ? (page.items.at(-1)?.id ?? null) : null };
    },
    cap,
    onProgress,
  );
}

export interface AuditCsvWords extends AuditWords {
  /** Time, user, role, station, source, action, action code, target, reason, outcome, details, signature meaning, signature comment. */
  header: readonly [string, string, string, string, string, string, string, string, string, string, string, string, string];
  role(role: AuditEntry['role']): string;
}

export function auditCsv(entries: readonly AuditEntry[], words: AuditCsvWords): string {
  return csvDocument(
    words.header,
    entries.map((entry) => [
      csvTime(entry.at),
      entry.user,
      words.role(entry.role),
      entry.station,
      words.source(entry.source),
      words.action(entry.action),
      // The code too: a spreadsheet filter or another tool reads it whatever the console's language.
      entry.action,
      entry.target,
      entry.reason,
      words.outcome(entry.outcome),
      entry.detail,
      entry.signature?.meaning,
      entry.signature?.comment,
    ]),
  );
}
