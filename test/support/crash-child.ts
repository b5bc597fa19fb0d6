/**
 * A process that runs Task 1 once and kills itself (SIGKILL: no cleanup, no
 * finally blocks) when the step named in SMS_CRASH_AT is reached.
 */
import { startEngine } from '../../electron/engine/start-engine';

async function main(): Promise<void> {
  const crashAt = process.env.SMS_CRASH_AT;
  const started = await startEngine({
    schedule: false,
    checkpoints: {
      moSync: (step) => {
        if (step === crashAt) process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  const run = await started.engine.runTask('mo-sync', 'cli');
  process.stdout.write(JSON.stringify(run));
  await started.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
