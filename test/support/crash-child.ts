/**
 * A process that runs one task once and kills itself (SIGKILL: no cleanup, no
 * finally blocks) when the step named in SMS_CRASH_AT is reached.
 * SMS_CRASH_TASK: mo-sync (default), plc-read or complete.
 */
import type { TaskName } from '../../shared/domain';
import { startEngine } from '../../electron/engine/start-engine';

async function main(): Promise<void> {
  const crashAt = process.env.SMS_CRASH_AT;
  const task = (process.env.SMS_CRASH_TASK ?? 'mo-sync') as TaskName;
  const crash = (step: string) => {
    if (step === crashAt) process.kill(process.pid, 'SIGKILL');
  };
  const started = await startEngine({ schedule: false, checkpoints: { moSync: crash, plcRead: crash, complete: crash } });
  const run = await started.engine.runTask(task, 'cli');
  process.stdout.write(JSON.stringify(run));
  await started.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
