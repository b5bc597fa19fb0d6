/**
 * Every task run becomes a `sync_runs` row: started before the work, finished
 * with an outcome and a reason, even when the work throws. An exception is
 * an `error` outcome carrying the exception's message — never a silent
 * failure and never a crash of the engine.
 */
import type { Outcome, RunRecord, TaskName, Trigger } from '../../shared/domain';
import type { AuthorityStore } from '../store/authority-store';
import type { Clock } from './clock';

export interface TaskResult {
  outcome: Outcome;
  reason: string;
  moIds?: string[];
  queueCount?: number | null;
}

export type TaskBody = (context: TaskContext) => Promise<TaskResult>;

export interface TaskContext {
  runId: number;
  trigger: Trigger;
}

export interface TaskRunnerDeps {
  store: AuthorityStore;
  clock: Clock;
  station: string;
  onRun(record: RunRecord): void;
}

export async function runTask(deps: TaskRunnerDeps, task: TaskName, trigger: Trigger, body: TaskBody): Promise<RunRecord> {
  const iso = () => new Date(deps.clock.now()).toISOString();
  const runId = await deps.store.startRun({ task, trigger, station: deps.station, pid: process.pid, startedAt: iso() });
  let result: TaskResult;
  try {
    result = await body({ runId, trigger });
  } catch (error) {
    result = { outcome: 'error', reason: errorMessage(error) };
  }
  const record = await deps.store.finishRun(runId, { ...result, finishedAt: iso() });
  deps.onRun(record);
  return record;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
