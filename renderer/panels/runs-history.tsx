import { useTranslation } from 'react-i18next';
import { OUTCOMES, TASK_NAMES } from '../../shared/domain';
import { useConsoleApi, useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import type { RunsQuery } from '../state/live-runs';
import { FilterSelect } from './filter-select';
import { csvFileName } from './history/csv';
import { DateRangeFields } from './history/date-range-fields';
import { EngineSentence } from './history/engine-sentence';
import { ExportButton } from './history/export-button';
import { OutcomeBadge } from './history/outcome-badge';
import { readRunsForExport, runsCsv, type RunsFilter } from './history/runs-export';
import { SearchForm } from './history/search-form';
import { RunsPager } from './runs-pager';
import { RequestError } from './request-error';
import './history/history.css';

/** Every fetch, skip and error with its reason, by task, outcome, MO and period; new runs arrive by push. */
export function RunsHistory() {
  const { t } = useTranslation('history');
  const format = useFormat();
  const api = useConsoleApi();
  const runs = useConsoleState((state) => state.runs);
  const showRuns = useConsoleState((state) => state.showRuns);
  const { query } = runs;
  // The filter without its cursor: a new filter or a jump starts from its own newest runs.
  const filter: RunsQuery = { pageSize: query.pageSize, task: query.task, outcome: query.outcome, moId: query.moId, from: query.from, to: query.to };
  const exportFilter: RunsFilter = { task: query.task, outcome: query.outcome, moId: query.moId, from: query.from, to: query.to };

  const csvWords = {
    header: [
      t('runs.csv.started'),
      t('runs.csv.finished'),
      t('runs.csv.task'),
      t('runs.csv.trigger'),
      t('runs.csv.outcome'),
      t('runs.csv.reason'),
      t('runs.csv.mos'),
      t('runs.csv.queue'),
      t('runs.csv.duration'),
      t('runs.csv.station'),
    ],
    task: (task: string) => t(`task.${task}`),
    trigger: (trigger: string) => t(`trigger.${trigger}`),
    outcome: (outcome: string) => t(`outcome.${outcome}`),
  } as const;

  return (
    <section aria-label={t('runs.label')} data-testid="runs" aria-busy={runs.loading}>
      <div className="history-filters">
        <FilterSelect
          label={t('runs.taskFilter')}
          testId="runs-filter-task"
          options={TASK_NAMES}
          optionLabel={(task) => t(`task.${task}`)}
          value={query.task}
          onChange={(task) => void showRuns({ ...filter, task })}
        />
        <FilterSelect
          label={t('runs.outcomeFilter')}
          testId="runs-filter-outcome"
          options={OUTCOMES}
          optionLabel={(outcome) => t(`outcome.${outcome}`)}
          value={query.outcome}
          onChange={(outcome) => void showRuns({ ...filter, outcome })}
        />
        <SearchForm
          formLabel={t('runs.mo')}
          label={t('runs.mo')}
          button={t('search')}
          placeholder={t('runs.moPlaceholder')}
          maxLength={64}
          testId="runs-search-mo"
          initial={query.moId}
          onSearch={(moId) => void showRuns({ ...filter, moId: moId || undefined })}
        />
        <DateRangeFields testId="runs-range" range={{ from: query.from, to: query.to }} onChange={(range) => void showRuns({ ...filter, ...range })} />
        <ExportButton
          label={t('runs.export')}
          testId="runs-export"
          build={async (onProgress) => {
            const exportedAt = new Date().toISOString();
            const { rows, capped } = await readRunsForExport(api, exportFilter, onProgress);
            return { fileName: csvFileName('runs', query.from, query.to, exportedAt), csv: runsCsv(rows, csvWords), rows: rows.length, capped };
          }}
        />
      </div>
      <RequestError error={runs.error} />
      <table className="table stacking-table" aria-label={t('runs.table')}>
        <thead>
          <tr>
            <th scope="col">{t('runs.time')}</th>
            <th scope="col">{t('runs.task')}</th>
            <th scope="col">{t('runs.trigger')}</th>
            <th scope="col">{t('runs.outcome')}</th>
            <th scope="col">{t('runs.reason')}</th>
            <th scope="col">{t('runs.mos')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.shown?.items.map((run) => (
            <tr key={run.id} data-testid="run-row">
              <td data-label={t('runs.time')}>
                <time dateTime={run.startedAt}>{format.dateTime(run.startedAt)}</time>
              </td>
              <td data-label={t('runs.task')} data-value={run.task}>
                {t(`task.${run.task}`)}
              </td>
              <td data-label={t('runs.trigger')} data-value={run.trigger}>
                {t(`trigger.${run.trigger}`)}
              </td>
              <td data-label={t('runs.outcome')} data-value={run.outcome}>
                <OutcomeBadge outcome={run.outcome} />
              </td>
              <td data-label={t('runs.reason')}>
                <EngineSentence text={run.reason} />
              </td>
              <td data-label={t('runs.mos')} className="mo-ids">
                {run.moIds.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.shown && runs.shown.items.length === 0 && <p className="empty">{t('runs.empty')}</p>}
      {runs.shown && (
        <RunsPager
          shown={runs.shown}
          at={query.at}
          onNewer={() => void showRuns({ ...filter, after: runs.shown?.items[0]?.id ?? 0 })}
          onOlder={() => void showRuns(olderThan(filter, runs.shown?.items.at(-1)?.id))}
          onJump={(at) => void showRuns(at === undefined ? filter : { ...filter, at })}
        />
      )}
    </section>
  );
}

/** The page older than the last run shown; with none shown (all of them newer), the newest page. */
function olderThan(filter: RunsQuery, lastId: number | undefined): RunsQuery {
  return lastId === undefined ? filter : { ...filter, before: lastId };
}
