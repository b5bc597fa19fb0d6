/**
 * Task 6 — keeps the run history and the plant's system_log bounded: older than the retention, beyond the newest N;
 * and the run history at most SMS_MAX_RUN_RECORDS long whatever its age, since fast timers fill 30 days with millions.
 */
import type { AuthorityStore } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { TaskBody } from '../../task-runner';

export interface LogCleanupDeps {
  store: AuthorityStore;
  clock: Clock;
  retentionDays: number;
  keepLast: number;
  maxRuns: number;
}

export function createLogCleanupTask(deps: LogCleanupDeps): TaskBody {
  return async () => {
    const cutoff = new Date(deps.clock.now() - deps.retentionDays * 86_400_000).toISOString();
    const deleted = await deps.store.pruneHistory(cutoff, deps.keepLast, deps.maxRuns);
    const total = deleted.runs + deleted.logs;
    return {
      outcome: total > 0 ? 'done' : 'idle',
      reason:
        `removed ${deleted.runs} run record(s) older than ${deps.retentionDays} days or beyond the newest ${deps.maxRuns.toLocaleString('en')}, ` +
        `and ${deleted.logs} log row(s) older than ${deps.retentionDays} days (newest ${deps.keepLast} of each always kept)`,
    };
  };
}
