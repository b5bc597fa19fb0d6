/**
 * `sync --once` and `run <task> --once` start their run with engine.runTask, so that the run log
 * names them `cli`; no access guard sees that call, so the command records its own audit line —
 * under the request names the console's Sync now and Run use, so that one filter finds both.
 * Every other acting command goes through the guarded handlers with CLI credentials instead.
 */
import type { RunRecord, TaskName } from '../../../shared/domain';
import type { StartedEngine } from '../../engine/start-engine';
import { errorMessage } from '../../engine/task-runner';
import type { AuditLine } from '../../engine/people/caller';
import type { CliIo } from './cli-io';

export async function auditedTaskRun(started: StartedEngine, user: string, task: TaskName, io: CliIo): Promise<RunRecord> {
  const line = (outcome: AuditLine['outcome'], detail: string): AuditLine => ({
    at: new Date().toISOString(),
    user,
    role: null,
    station: started.config.station,
    source: 'cli',
    // As the guard names the console's Sync now (no target) and Run (the task).
    action: task === 'mo-sync' ? 'syncNow' : 'runTask',
    target: task === 'mo-sync' ? null : task,
    reason: null,
    outcome,
    detail,
    signature: null,
  });
  let run: RunRecord;
  try {
    run = await started.engine.runTask(task, 'cli');
  } catch (error) {
    await record(started, line('failed', errorMessage(error)), io);
    throw error;
  }
  // A run that skipped or found nothing was done as asked; one in error, or one the authority could not even record (id 0), was not.
  const failed = run.outcome === 'error' || run.id === 0;
  await record(started, line(failed ? 'failed' : 'done', `${run.task} ${run.outcome}: ${run.reason}`), io);
  return run;
}

/** A trail that cannot be written (the authority is away) does not hide what the run did: the command says so and goes on. */
async function record(started: StartedEngine, line: AuditLine, io: CliIo): Promise<void> {
  try {
    await started.audit.record(line);
  } catch (error) {
    io.err(`audit: this ${line.action} by ${line.user} could not be recorded: ${errorMessage(error)}`);
  }
}
