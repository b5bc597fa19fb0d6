import { useEffect, useState, type FormEvent } from 'react';
import type { HistoryEntry, HistoryStatus, Page } from '../../shared/domain';
import { useConsoleApi } from '../console-context';
import { kilograms, localTime } from '../format/display';
import { FilterSelect } from './filter-select';
import { Pager } from './pager';

const STATUSES: readonly HistoryStatus[] = ['completed', 'cancelled'];
const PAGE_SIZE = 25;

interface ArchiveQuery {
  page: number;
  search: string;
  status: HistoryStatus | undefined;
}

/** mo_histories: batches that left the queue, completed or cancelled. */
export function ArchivePanel() {
  const api = useConsoleApi();
  const [query, setQuery] = useState<ArchiveQuery>({ page: 1, search: '', status: undefined });
  const [draft, setDraft] = useState('');
  const [answer, setAnswer] = useState<{ query: ArchiveQuery; shown: Page<HistoryEntry> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = answer?.shown ?? null;

  useEffect(() => {
    let current = true;
    api
      .listHistory({ page: query.page, pageSize: PAGE_SIZE, search: query.search || undefined, status: query.status })
      .then(
        (page) => {
          if (!current) return;
          setAnswer({ query, shown: page });
          setError(null);
        },
        (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
      );
    return () => {
      current = false;
    };
  }, [api, query]);

  const search = (event: FormEvent): void => {
    event.preventDefault();
    setQuery({ ...query, page: 1, search: draft.trim() });
  };

  return (
    <section aria-label="Archive" data-testid="archive" data-search={answer?.query.search ?? ''} aria-busy={answer?.query !== query && error === null}>
      <form className="filters" role="search" onSubmit={search}>
        <label>
          MO{' '}
          <input
            type="search"
            value={draft}
            maxLength={64}
            placeholder="WH/MO/00011"
            data-testid="archive-search"
            onChange={(event) => setDraft(event.target.value)}
          />
        </label>
        <button type="submit">Search</button>
        <FilterSelect label="Status" options={STATUSES} value={query.status} onChange={(status) => setQuery({ ...query, page: 1, status })} />
      </form>
      {error && (
        <p role="alert" className="tone-bad">
          {error}
        </p>
      )}
      <table className="table" aria-label="Archived batches">
        <thead>
          <tr>
            <th scope="col">Archived</th>
            <th scope="col">MO</th>
            <th scope="col">Slot</th>
            <th scope="col">Product</th>
            <th scope="col">Status</th>
            <th scope="col" className="number">Actual kg</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {shown?.items.map((entry) => (
            <tr key={entry.id} data-testid="archive-row">
              <td>{localTime(entry.archivedAt)}</td>
              <td>{entry.moId}</td>
              <td>{entry.batchNo}</td>
              <td>{entry.finishedGoods}</td>
              <td>
                <span className={`badge archive-${entry.status}`}>{entry.status}</span>
              </td>
              <td className="number">{kilograms(entry.actualWeightKg)}</td>
              <td>{entry.notes ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && shown.items.length === 0 && <p className="empty">Nothing archived matches.</p>}
      {shown && <Pager page={query.page} pageSize={PAGE_SIZE} total={shown.total} onPage={(page) => setQuery({ ...query, page })} />}
    </section>
  );
}
