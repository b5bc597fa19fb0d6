/** One run as a line an operator reads in a terminal. */
import type { RunRecord } from '../../../shared/domain';

export function formatRun(run: RunRecord): string {
  const time = run.finishedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return `${time}  ${run.task.padEnd(17)} ${run.outcome.padEnd(9)} ${run.trigger.padEnd(8)} ${run.reason}`;
}
