import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { useOlderPages } from '../../state/use-older-pages';
import { csvFileName } from '../history/csv';
import { ExportButton } from '../history/export-button';
import { RequestError } from '../request-error';
import { auditCsv, readAuditForExport, type AuditCsvWords, type AuditFilter } from './audit-export';
import { AuditFilters } from './audit-filters';
import { AuditOutcomeBadge } from './audit-outcome';
import { useAuditWords } from './audit-words';
import '../history/history.css';
import './control.css';

const PAGE_SIZE = 50;

/** The append-only audit trail, newest first: who did what, where, why and how it ended; Older adds the next page below. */
export function AuditView() {
  const { t } = useTranslation('audit');
  const api = useConsoleApi();
  const words = useAuditWords();
  const [filter, setFilter] = useState<AuditFilter>({});
  const readPage = useCallback(
    async (before: number | null) => {
      const page = await api.listAudit({ ...filter, pageSize: PAGE_SIZE, ...(before === null ? {} : { before }) });
      return { items: page.items, older: page.hasOlder ? (page.items.at(-1)?.id ?? null) : null };
    },
    [api, filter],
  );
  const { shown, loading, error, showNewest, showOlder } = useOlderPages(readPage);
  const entries = shown?.items ?? [];

  const csvWords: AuditCsvWords = {
    ...words,
    header: [
      t('csv.time'),
      t('csv.user'),
      t('csv.role'),
      t('csv.station'),
      t('csv.source'),
      t('csv.action'),
      t('csv.actionCode'),
      t('csv.target'),
      t('csv.reason'),
      t('csv.outcome'),
      t('csv.detail'),
      t('csv.meaning'),
      t('csv.comment'),
    ],
    role: (role) => (role === null ? '' : t(`role.${role}`)),
  };

  return (
    <section className="audit-view" aria-labelledby="audit-title" aria-busy={loading} data-testid="audit">
      <div className="card-header">
        <h2 id="audit-title">{t('heading')}</h2>
        <button type="button" data-testid="audit-newest" disabled={loading} onClick={showNewest}>
          {t('newest')}
        </button>
      </div>
      <p className="muted">{t('explain')}</p>
      <AuditFilters filter={filter} onChange={setFilter} />
      <ExportButton
        label={t('export')}
        testId="audit-export"
        build={async (onProgress) => {
          const exportedAt = new Date().toISOString();
          const { rows, capped } = await readAuditForExport(api, filter, onProgress);
          return { fileName: csvFileName('audit', filter.from, filter.to, exportedAt), csv: auditCsv(rows, csvWords), rows: rows.length, capped };
        }}
      />
      <RequestError error={error} />
      {entries.length === 0 && !loading && !error && <p className="empty">{t('empty')}</p>}
      {entries.length > 0 && (
        <table className="table compact stacking-table audit-table" aria-label={t('table')}>
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('who')}</th>
              <th scope="col">{t('where')}</th>
              <th scope="col">{t('what')}</th>
              <th scope="col">{t('target')}</th>
              <th scope="col">{t('reason')}</th>
              <th scope="col">{t('result')}</th>
              <th scope="col">{t('signature')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      )}
      {shown && shown.older !== null && (
        <button type="button" data-testid="audit-older" disabled={loading} onClick={showOlder}>
          {loading ? t('loading') : t('older')}
        </button>
      )}
      {shown && shown.older === null && entries.length > 0 && <p className="empty">{t('end')}</p>}
    </section>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation(['audit', 'common']);
  const format = useFormat();
  const words = useAuditWords();
  return (
    <tr data-testid="audit-entry" data-action={entry.action} data-outcome={entry.outcome}>
      <td data-label={t('time')}>
        <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
      </td>
      <td data-label={t('who')} data-testid="audit-who">
        {words.who(entry)}
      </td>
      <td data-label={t('where')}>
        {entry.station} <span className="muted">· {words.source(entry.source)}</span>
      </td>
      <td data-label={t('what')} data-testid="audit-action">
        {words.action(entry.action)}
      </td>
      <td data-label={t('target')} data-testid="audit-target">
        {entry.target ?? ''}
      </td>
      <td data-label={t('reason')} data-testid="audit-reason">
        {entry.reason ?? ''}
      </td>
      <td data-label={t('result')}>
        <AuditOutcomeBadge outcome={entry.outcome} />
        {entry.detail !== null && (
          <details className="engineer-details audit-detail">
            <summary>{t('common:details')}</summary>
            <p lang="en" data-testid="audit-detail">
              {entry.detail}
            </p>
          </details>
        )}
      </td>
      <td data-label={t('signature')} data-testid="audit-signature">
        {entry.signature && (
          <>
            <span className="audit-meaning">{t('signedMeaning', { meaning: entry.signature.meaning })}</span>{' '}
            <span className="muted">{t('signedComment', { comment: entry.signature.comment })}</span>
          </>
        )}
      </td>
    </tr>
  );
}
