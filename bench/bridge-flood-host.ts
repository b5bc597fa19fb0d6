/**
 * The host under the bridge-flood bench, as a process of its own so that its
 * memory is measured apart from the flooding client: the headless host on a
 * console backend holding a wave of 10 (a snapshot of about 6 kB), with the
 * bridge's limits (`limited`) or without any (`unlimited`). Prints its port as
 * one JSON line, then serves until killed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessHost } from '../electron/host/http-host';
import { createFakeBackend } from '../test/support/fake-backend';

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'limited' && mode !== 'unlimited') throw new Error('usage: bridge-flood-host.ts limited|unlimited');
  const rendererDir = mkdtempSync(join(tmpdir(), 'sms-bench-flood-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Smart MO Sync</title>');
  process.on('exit', () => rmSync(rendererDir, { recursive: true, force: true }));
  const fake = createFakeBackend();
  await fake.backend.handlers.syncNow();
  const host = await startHeadlessHost({
    backend: fake.backend,
    rendererDir,
    log: { warn: (message) => process.stderr.write(`${message}\n`) },
    ...(mode === 'unlimited' ? { bridgeLimits: { callsInFlight: Infinity, unsentBytes: Infinity } } : {}),
  });
  process.stdout.write(`${JSON.stringify({ port: host.port })}\n`);
  process.on('SIGTERM', () => void host.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
