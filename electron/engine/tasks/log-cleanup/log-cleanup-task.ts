/** Task 6 — keeps the run history and the plant's system_log bounded: older than the retention, beyond the newest N. */
import type { AuthorityStore } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { TaskBody } from '../../task-runner';

export function createLogCleanupTask(deps: { store: AuthorityStore; clock: Clock; retentionDays: number; keepLast: number }): TaskBody {
  return async () => {
    const cutoff = new Date(deps.clock.now() - deps.retentionDays * 86_400_000).toISOString();
    const deleted = await deps.store.pruneHistory(cutoff, deps.keepLast);
    const total = deleted.runs + deleted.logs;
    return {
      outcome: total > 0 ? 'done' : 'idle',
      reason: `removed ${deleted.runs} run record(s) and ${deleted.logs} log row(s) older than ${deps.retentionDays} days (newest ${deps.keepLast} always kept)`,
    };
  };
}
