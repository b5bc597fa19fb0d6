/**
 * Folds a pushed run into the page of runs on screen, so the history grows
 * live without polling. Only the first page shows new runs; deeper pages just
 * learn that the total grew (their rows shift only when the operator pages).
 */
import type { Outcome, Page, RunRecord, TaskName } from '../../shared/domain';

export interface RunsQuery {
  page: number;
  pageSize: number;
  task?: TaskName;
  outcome?: Outcome;
}

export function matchesRunsQuery(run: RunRecord, query: RunsQuery): boolean {
  return (query.task === undefined || run.task === query.task) && (query.outcome === undefined || run.outcome === query.outcome);
}

export function withLiveRun(shown: Page<RunRecord>, query: RunsQuery, run: RunRecord): Page<RunRecord> {
  if (!matchesRunsQuery(run, query)) return shown;
  const known = shown.items.some((item) => item.id === run.id);
  if (query.page !== 1) return known ? shown : { ...shown, total: shown.total + 1 };
  const items = [run, ...shown.items.filter((item) => item.id !== run.id)].slice(0, shown.pageSize);
  return { ...shown, items, total: known ? shown.total : shown.total + 1 };
}
