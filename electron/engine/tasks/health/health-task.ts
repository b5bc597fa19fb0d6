/** Task 4 — records the health evaluation as a run, so the history shows when a problem began and ended. */
import type { HealthWarning } from '../../../../shared/domain';
import type { TaskBody } from '../../task-runner';

export function createHealthTask(evaluate: () => Promise<HealthWarning[]>): TaskBody {
  return async () => {
    const warnings = await evaluate();
    if (warnings.length === 0) return { outcome: 'idle', reason: 'all healthy' };
    const moIds = [...new Set(warnings.flatMap((w) => (w.moId ? [w.moId] : [])))];
    return { outcome: 'done', reason: `${warnings.length} warning(s): ${warnings.map((w) => w.message).join('; ')}`, moIds };
  };
}
