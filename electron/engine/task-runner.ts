/**
 * Every task run becomes a `sync_runs` row: started before the work, finished
 * with an outcome and a reason, even when the work throws. An exception is
 * an `error` outcome carrying the exception's message — never a silent
 * failure and never a crash of the engine.
 *
 * When the authority cannot be reached, the run still happens as far as it
 * can and is still shown and logged; its row is written when the authority
 * answers again (a run that could not even be started is shown with id 0).
 * Task 1 then ends `skipped`: the gate is never decided on the mirror.
 */
import type { RunRecord, TaskName, Trigger } from '../../shared/domain';
import { AuthorityUnavailableError, type AuthorityStore, type RunFinish } from '../store/authority-store';
import type { Clock } from './clock';

export interface TaskResult {
  outcome: RunRecord['outcome'];
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
  /** The process id recorded with each run (a simulated process has its own). */
  pid: number;
  onRun(record: RunRecord): void;
}

export class RunRecorder {
  /** Outcomes of runs whose finish could not be stored yet (authority unreachable). */
  private readonly pendingFinishes = new Map<number, RunFinish>();

  constructor(private readonly deps: TaskRunnerDeps) {}

  async run(task: TaskName, trigger: Trigger, body: TaskBody): Promise<RunRecord> {
    const { store, station, pid } = this.deps;
    const startedAt = this.now();
    let runId: number;
    try {
      await this.storePendingFinishes();
      runId = await store.startRun({ task, trigger, station, pid, startedAt });
    } catch (error) {
      if (!(error instanceof AuthorityUnavailableError)) throw error;
      return this.announce(unrecorded(task, trigger, station, startedAt, { ...whenUnavailable(task, error), finishedAt: this.now() }));
    }
    let result: TaskResult;
    try {
      result = await body({ runId, trigger });
    } catch (error) {
      result = error instanceof AuthorityUnavailableError ? whenUnavailable(task, error) : { outcome: 'error', reason: errorMessage(error) };
    }
    const finish: RunFinish = { ...result, finishedAt: this.now() };
    try {
      return this.announce(await store.finishRun(runId, finish));
    } catch (error) {
      if (!(error instanceof AuthorityUnavailableError)) throw error;
      this.pendingFinishes.set(runId, finish);
      return this.announce({ ...unrecorded(task, trigger, station, startedAt, finish), id: runId });
    }
  }

  private async storePendingFinishes(): Promise<void> {
    for (const [id, finish] of this.pendingFinishes) {
      await this.deps.store.finishRun(id, finish);
      this.pendingFinishes.delete(id);
    }
  }

  private announce(record: RunRecord): RunRecord {
    this.deps.onRun(record);
    return record;
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

function whenUnavailable(task: TaskName, error: AuthorityUnavailableError): TaskResult {
  return task === 'mo-sync'
    ? { outcome: 'skipped', reason: `${error.message}; nothing was fetched (the gate is never decided on the local mirror)` }
    : { outcome: 'error', reason: error.message };
}

function unrecorded(task: TaskName, trigger: Trigger, station: string, startedAt: string, finish: RunFinish): RunRecord {
  return {
    id: 0,
    task,
    trigger,
    station,
    startedAt,
    finishedAt: finish.finishedAt,
    outcome: finish.outcome,
    queueCount: finish.queueCount ?? null,
    moIds: finish.moIds ?? [],
    reason: finish.reason,
    durationMs: Date.parse(finish.finishedAt) - Date.parse(startedAt),
  };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
