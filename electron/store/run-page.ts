/**
 * Keyset paging of the run log, shared by the SQLite and PostgreSQL stores: a
 * page is the runs of an id window, read through an index from one end, so its
 * cost is that of the page, not of the log (no OFFSET, no whole-table count).
 */
import type { Outcome, RunPage, RunRecord, TaskName } from '../../shared/domain';
import type { RunFilter } from './authority-store';

/** Finished runs strictly between two ids (either may be open), matching the filter's task and outcome. */
export interface RunWindow {
  task?: TaskName;
  outcome?: Outcome;
  above?: number;
  below?: number;
}

/** What a store answers for `readRunPage`, each through an index. */
export interface RunPageSource {
  /** Up to `limit` runs of the window, from its newest end or, with `oldestFirst`, its oldest. */
  window(window: RunWindow, limit: number, oldestFirst: boolean): Promise<RunRecord[]>;
  /** The newest run (finished or not) that started at or before `at` (ISO): where "jump to date" lands. */
  idStartedAtOrBefore(at: string): Promise<number | null>;
}

export async function readRunPage(source: RunPageSource, filter: RunFilter): Promise<RunPage> {
  const { task, outcome, pageSize } = filter;
  const anchor = filter.at === undefined ? undefined : await source.idStartedAtOrBefore(filter.at);
  // Landing on a run includes it; nothing started that early leaves an empty window (ids start at 1).
  const below = anchor === undefined ? filter.before : (anchor ?? 0) + 1;
  const above = filter.after;
  const oldestFirst = above !== undefined;
  const rows = await source.window({ task, outcome, above, below }, pageSize, oldestFirst);
  const items = oldestFirst ? rows.reverse() : rows;
  // An empty page still knows its window's edges: an empty Newer page has everything older than `after`.
  const olderThan = items.at(-1)?.id ?? (above !== undefined ? above + 1 : below);
  const newerThan = items[0]?.id ?? (below !== undefined ? below - 1 : above);
  const [older, newer] = await Promise.all([
    olderThan === undefined ? [] : source.window({ task, outcome, below: olderThan }, 1, false),
    newerThan === undefined ? [] : source.window({ task, outcome, above: newerThan }, 1, true),
  ]);
  return { items, pageSize, hasOlder: older.length > 0, hasNewer: newer.length > 0 };
}

/** The newest of some candidate runs (one indexed look-up per outcome, see the stores' lastRun). */
export function newestRun(candidates: readonly (RunRecord | null)[]): RunRecord | null {
  return candidates.reduce<RunRecord | null>((newest, run) => (run && (!newest || run.id > newest.id) ? run : newest), null);
}
