/**
 * Folds a pushed run into the page of runs on screen, so the history grows
 * live without polling. A page that shows the newest runs takes it on top; a
 * deeper page keeps its rows (its Newer button already says there is more).
 */
import type { ParsedInput } from '../../shared/contract';
import type { RunPage, RunRecord } from '../../shared/domain';

/** The runs list's request: a filter and at most one cursor, as the contract's listRuns takes it. */
export type RunsQuery = ParsedInput<'listRuns'>;

export function matchesRunsQuery(run: RunRecord, query: RunsQuery): boolean {
  const started = Date.parse(run.startedAt);
  return (
    (query.task === undefined || run.task === query.task) &&
    (query.outcome === undefined || run.outcome === query.outcome) &&
    (query.moId === undefined || run.moIds.includes(query.moId)) &&
    (query.from === undefined || started >= Date.parse(query.from)) &&
    (query.to === undefined || started < Date.parse(query.to))
  );
}

export function withLiveRun(shown: RunPage, query: RunsQuery, run: RunRecord): RunPage {
  if (!matchesRunsQuery(run, query)) return shown;
  // The reply to Sync now and its push carry the same run: shown once, as last told.
  if (shown.items.some((item) => item.id === run.id)) return { ...shown, items: shown.items.map((item) => (item.id === run.id ? run : item)) };
  const newest = shown.items[0];
  if (shown.hasNewer && (!newest || run.id > newest.id)) return shown;
  // By id, as the store orders them: a long run that started earlier finishes after shorter ones.
  const items = [...shown.items, run].sort((a, b) => b.id - a.id);
  const kept = items.slice(0, shown.pageSize);
  return { ...shown, items: kept, hasOlder: shown.hasOlder || kept.length < items.length };
}
