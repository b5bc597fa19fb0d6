/**
 * Keyset paging of the run log, shared by the SQLite and PostgreSQL stores: a
 * page is the runs of an id window, read through an index from one end, so its
 * cost is that of the page, not of the log (no OFFSET, no whole-table count).
 */
import type { Outcome, RunPage, RunRecord, TaskName } from '../../shared/domain';
import type { RunFilter } from './authority-store';

/** Finished runs strictly between two ids (either may be open), matching the filter. */
export interface RunWindow {
  task?: TaskName;
  outcome?: Outcome;
  above?: number;
  below?: number;
  /** Only runs that name this MO: read through the runs of that MO (sync_run_mos), never the log. */
  moId?: string;
  /** Only runs started in [startedFrom, startedTo) (ISO, UTC): the id window holds the period, this keeps it exact. */
  startedFrom?: string;
  startedTo?: string;
}

/** What a store answers for `readRunPage`, each through an index. */
export interface RunPageSource {
  /** Up to `limit` runs of the window, from its newest end or, with `oldestFirst`, its oldest. */
  window(window: RunWindow, limit: number, oldestFirst: boolean): Promise<RunRecord[]>;
  /** The newest run (finished or not) that started at or before `at` (ISO): where "jump to date" lands. */
  idStartedAtOrBefore(at: string): Promise<number | null>;
}

export async function readRunPage(source: RunPageSource, filter: RunFilter): Promise<RunPage> {
  const { pageSize } = filter;
  const period = await periodWindow(source, filter.from, filter.to);
  if (period === null) return { items: [], pageSize, hasOlder: false, hasNewer: false };
  const match: RunWindow = {
    task: filter.task,
    outcome: filter.outcome,
    moId: filter.moId,
    startedFrom: filter.from === undefined ? undefined : utc(filter.from),
    startedTo: filter.to === undefined ? undefined : utc(filter.to),
  };
  const anchor = filter.at === undefined ? undefined : await source.idStartedAtOrBefore(filter.at);
  // Landing on a run includes it; nothing started that early leaves an empty window (ids start at 1).
  const below = narrowest(anchor === undefined ? filter.before : (anchor ?? 0) + 1, period.below, Math.min);
  const above = narrowest(filter.after, period.above, Math.max);
  const oldestFirst = filter.after !== undefined;
  const rows = await source.window({ ...match, above, below }, pageSize, oldestFirst);
  const items = oldestFirst ? rows.reverse() : rows;
  // An empty page still knows its window's edges: an empty Newer page has everything older than `after`.
  const olderThan = items.at(-1)?.id ?? (above !== undefined ? above + 1 : below);
  const newerThan = items[0]?.id ?? (below !== undefined ? below - 1 : above);
  const [older, newer] = await Promise.all([
    olderThan === undefined ? [] : source.window({ ...match, above: period.above, below: olderThan }, 1, false),
    newerThan === undefined ? [] : source.window({ ...match, above: newerThan, below: period.below }, 1, true),
  ]);
  return { items, pageSize, hasOlder: older.length > 0, hasNewer: newer.length > 0 };
}

/**
 * Runs get their id as they start, so a period's runs are an id window, found with two seeks on
 * the start-time index. Stations' clocks differ, though: a run recorded just after another may
 * carry an earlier start. The window is widened by this much each side, and the start-time
 * condition on the window (RunWindow.startedFrom/To) keeps the period exact. One case stays open:
 * when no run at all started in the margin after `to` (the log's newest runs, or the plant idle),
 * a run of a lagging clock recorded after the last one before that gap falls outside the window.
 */
export const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

/** The id window holding every run started in [from, to); null when no run can lie in it. */
async function periodWindow(source: RunPageSource, from?: string, to?: string): Promise<{ above?: number; below?: number } | null> {
  const shifted = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();
  const above = from === undefined ? undefined : ((await source.idStartedAtOrBefore(shifted(from, -CLOCK_SKEW_MARGIN_MS))) ?? 0);
  const below = to === undefined ? undefined : ((await source.idStartedAtOrBefore(shifted(to, CLOCK_SKEW_MARGIN_MS))) ?? 0) + 1;
  if (above !== undefined && below !== undefined && above + 1 >= below) return null;
  return { above, below };
}

/** The tighter of a cursor's bound and the period's (either may be open). */
function narrowest(cursor: number | undefined, period: number | undefined, pick: (a: number, b: number) => number): number | undefined {
  if (cursor === undefined) return period;
  return period === undefined ? cursor : pick(cursor, period);
}

/** Stored times are UTC ISO text (SQLite compares them as text): any offset the console sent names the same moment. */
const utc = (at: string): string => new Date(at).toISOString();

/** The newest of some candidate runs (one indexed look-up per outcome, see the stores' lastRun). */
export function newestRun(candidates: readonly (RunRecord | null)[]): RunRecord | null {
  return candidates.reduce<RunRecord | null>((newest, run) => (run && (!newest || run.id > newest.id) ? run : newest), null);
}
