/**
 * One operator station as a process: the engine with its timers, on the
 * configuration in its environment, until it is killed. Prints one JSON line
 * whenever its role changes, so a test can follow who drives the PLC.
 */
import { startEngine } from '../../electron/engine/start-engine';

async function main(): Promise<void> {
  const started = await startEngine({ schedule: true });
  let drives: boolean | null = null;
  started.backend.subscribe('snapshot', (snapshot) => {
    if (snapshot.authority.drivesPlc === drives) return;
    drives = snapshot.authority.drivesPlc;
    process.stdout.write(`${JSON.stringify({ station: snapshot.station, drivesPlc: drives })}\n`);
  });
  process.stdout.write(`${JSON.stringify({ ready: started.describe() })}\n`);
  process.on('SIGTERM', () => void started.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
