/**
 * Where pruning cuts the run log (Task 6): finished runs with an id below the cut are deleted, one
 * range of the primary key. The bounds come from three look-ups that never read the whole log: the
 * newest run started before the retention cut-off (the started_at index), and the oldest of the
 * newest `keepLast` and of the newest `maxRuns` finished runs (a walk down the primary key that stops
 * there). Ids grow with time, so "older than the retention" is "started before it"; the newest
 * `keepLast` always stay; anything beyond the newest `maxRuns` goes whatever its age.
 */
export interface RunPruneBounds {
  /** The newest run started before the retention cut-off (null: none). */
  startedBefore: number | null;
  /** The oldest of the newest `keepLast` finished runs (null: fewer than that exist). */
  keepFrom: number | null;
  /** The oldest of the newest `maxRuns` finished runs (null: fewer than that exist). */
  capFrom: number | null;
}

/** Finished runs with an id below this are deleted (0: none). */
export function runPruneCut(bounds: RunPruneBounds): number {
  const byAge = bounds.startedBefore === null || bounds.keepFrom === null ? 0 : Math.min(bounds.startedBefore + 1, bounds.keepFrom);
  return Math.max(byAge, bounds.capFrom ?? 0);
}
