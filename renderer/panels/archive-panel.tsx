import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, HistoryStatus, Page } from '../../shared/domain';
import { useConsoleApi } from '../console-context';
import { useFormat } from '../format/locale-format';
import { FilterSelect } from './filter-select';
import { archiveCsv, readArchiveForExport, type ArchiveFilter } from './history/archive-export';
import { csvFileName } from './history/csv';
import { DateRangeFields } from './history/date-range-fields';
import { ExportButton } from './history/export-button';
import { ArchiveStatusBadge } from './history/outcome-badge';
import { SearchForm } from './history/search-form';
import { Pager } from './pager';
import { RequestError } from './request-error';
import './history/history.css';
import { messageOf } from '../state/message-of';

const STATUSES: readonly HistoryStatus[] = ['completed', 'cancelled'];
const PAGE_SIZE = 25;

interface ArchiveQuery {
  page: number;
  search: string;
  status: HistoryStatus | undefined;
  from?: string;
  to?: string;
}

/** Batches that left the queue, completed or cancelled: by MO, status and period. */
export function ArchivePanel() {
  const { t } = useTranslation('history');
  const format = useFormat();
  const api = useConsoleApi();
  const [query, setQuery] = useState<ArchiveQuery>({ page: 1, search: '', status: undefined });
  const [answer, setAnswer] = useState<{ query: ArchiveQuery; shown: Page<HistoryEntry> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = answer?.shown ?? null;
  const filter = archiveFilter(query);

  useEffect(() => {
    let current = true;
    api.listHistory({ ...archiveFilter(query), page: query.page, pageSize: PAGE_SIZE }).then(
      (page) => {
        if (!current) return;
        setAnswer({ query, shown: page });
        setError(null);
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, query]);

  return (
    <section aria-label={t('archive.label')} data-testid="archive" data-search={answer?.query.search ?? ''} aria-busy={answer?.query !== query && error === null}>
      <div className="history-filters">
        <SearchForm
          formLabel={t('archive.searchButton')}
          label={t('archive.mo')}
          button={t('archive.searchButton')}
          placeholder="WH/MO/00011"
          maxLength={64}
          testId="archive-search"
          onSearch={(search) => setQuery({ ...query, page: 1, search })}
        />
        <FilterSelect
          label={t('archive.status')}
          testId="archive-filter-status"
          options={STATUSES}
          optionLabel={(status) => t(`status.${status}`)}
          value={query.status}
          onChange={(status) => setQuery({ ...query, page: 1, status })}
        />
        <DateRangeFields testId="archive-range" range={{ from: query.from, to: query.to }} onChange={(range) => setQuery({ ...query, page: 1, ...range })} />
        <ExportButton
          label={t('archive.export')}
          testId="archive-export"
          build={async (onProgress) => {
            const exportedAt = new Date().toISOString();
            const { rows, capped } = await readArchiveForExport(api, filter, onProgress);
            const csv = archiveCsv(rows, {
              header: [
                t('archive.archived'),
                t('archive.mo'),
                t('archive.slot'),
                t('archive.product'),
                t('archive.status'),
                t('archive.plannedKg'),
                t('archive.actualKg'),
                t('archive.notes'),
              ],
              status: (status) => t(`status.${status}`),
              equipmentKg: (name) => t('archive.equipmentKg', { name }),
            });
            return { fileName: csvFileName('archive', query.from, query.to, exportedAt), csv, rows: rows.length, capped };
          }}
        />
      </div>
      <RequestError error={error} />
      <table className="table stacking-table" aria-label={t('archive.table')}>
        <thead>
          <tr>
            <th scope="col">{t('archive.archived')}</th>
            <th scope="col">{t('archive.mo')}</th>
            <th scope="col">{t('archive.slot')}</th>
            <th scope="col">{t('archive.product')}</th>
            <th scope="col">{t('archive.status')}</th>
            <th scope="col" className="number">
              {t('archive.actualKg')}
            </th>
            <th scope="col">{t('archive.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {shown?.items.map((entry) => (
            <tr key={entry.id} data-testid="archive-row">
              <td data-label={t('archive.archived')}>
                <time dateTime={entry.archivedAt ?? undefined}>{format.dateTime(entry.archivedAt)}</time>
              </td>
              <td data-label={t('archive.mo')}>{entry.moId}</td>
              <td data-label={t('archive.slot')}>{entry.batchNo}</td>
              <td data-label={t('archive.product')}>{entry.finishedGoods}</td>
              <td data-label={t('archive.status')} data-value={entry.status}>
                <ArchiveStatusBadge status={entry.status} />
              </td>
              <td data-label={t('archive.actualKg')} className="number">
                {format.kg(entry.actualWeightKg)}
              </td>
              <td data-label={t('archive.notes')}>{entry.notes ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && shown.items.length === 0 && <p className="empty">{t('archive.empty')}</p>}
      {shown && <Pager page={query.page} pageSize={PAGE_SIZE} total={shown.total} onPage={(page) => setQuery({ ...query, page })} />}
    </section>
  );
}

function archiveFilter(query: ArchiveQuery): ArchiveFilter {
  return { search: query.search || undefined, status: query.status, from: query.from, to: query.to };
}
