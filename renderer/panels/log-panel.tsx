import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../shared/domain';
import { useConsoleApi, useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { useOlderPages } from '../state/use-older-pages';
import { FilterSelect } from './filter-select';
import { SearchForm } from './history/search-form';
import { LOG_LEVELS, matchesLogFilter, mergeLogEntries, type LogFilter } from './log/log-filter';
import { RequestError } from './request-error';
import './history/history.css';
import './log/log.css';

const PAGE_SIZE = 100;
const LEVEL_SHAPE: Record<LogEntry['level'], string> = { debug: '·', info: 'ℹ', warn: '⚠', error: '✕' };

/** The engine's log: what it pushes live on top, and page after page from its rotating files below. */
export function LogPanel() {
  const { t } = useTranslation('log');
  const format = useFormat();
  const api = useConsoleApi();
  const live = useConsoleState((state) => state.logs);
  const [filter, setFilter] = useState<LogFilter>({});
  const readPage = useCallback(
    async (older: string | null) => {
      const page = await api.listLogs({
        pageSize: PAGE_SIZE,
        ...(older === null ? {} : { older }),
        ...(filter.minLevel ? { minLevel: filter.minLevel } : {}),
        ...(filter.search ? { search: filter.search } : {}),
      });
      return { items: page.items, older: page.older, filter };
    },
    [api, filter],
  );
  const { shown: pages, loading, error, showOlder } = useOlderPages(readPage);

  const entries = useMemo(
    () => mergeLogEntries(live.filter((entry) => matchesLogFilter(entry, filter)), pages?.items ?? []),
    [live, filter, pages],
  );

  return (
    <section
      aria-label={t('label')}
      data-testid="log"
      aria-busy={loading}
      data-loaded={pages ? `${pages.filter.minLevel ?? ''}|${pages.filter.search ?? ''}` : undefined}
    >
      <div className="history-filters">
        <FilterSelect
          label={t('minLevel')}
          testId="log-filter-level"
          options={LOG_LEVELS}
          optionLabel={(level) => t('atLeast', { level: t(`level.${level}`) })}
          value={filter.minLevel}
          onChange={(minLevel) => setFilter({ ...filter, minLevel })}
        />
        <SearchForm
          formLabel={t('searchLabel')}
          label={t('search')}
          button={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          maxLength={100}
          testId="log-search"
          onSearch={(text) => setFilter({ ...filter, search: text || undefined })}
        />
      </div>
      <RequestError error={error} />
      {entries.length === 0 && !loading && <p className="empty">{t('empty')}</p>}
      <ol className="log-list" aria-label={t('label')}>
        {entries.map((entry, index) => (
          <li key={`${entry.time}-${entry.message}-${index}`} className={`log-line log-line-${entry.level}`} data-testid="log-entry" data-level={entry.level}>
            <time dateTime={entry.time}>{format.dateTime(entry.time)}</time>
            <span className={`log-level log-level-${entry.level}`}>
              <span aria-hidden="true">{LEVEL_SHAPE[entry.level]}</span> {t(`level.${entry.level}`)}
            </span>
            <span className="log-message" lang="en">
              {entry.message}
            </span>
          </li>
        ))}
      </ol>
      {pages && pages.older !== null && (
        <button type="button" className="log-older" data-testid="log-older" disabled={loading} onClick={showOlder}>
          {loading ? t('loading') : t('older')}
        </button>
      )}
      {pages && pages.older === null && pages.items.length > 0 && <p className="empty">{t('end')}</p>}
    </section>
  );
}
