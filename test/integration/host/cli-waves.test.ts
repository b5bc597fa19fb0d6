/**
 * `smart-mo-sync waves pause|resume`: the console's Pause new waves from a terminal, as real
 * processes on one data directory. The Odoo and PLC ports have nothing listening: while new waves
 * are paused, `sync --once` must not even try them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewWavesPause, RunRecord } from '../../../shared/domain';
import { runCli } from '../../support/cli-bundle';
import { unreachablePlantEnv } from '../../support/unreachable-plant';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function plantEnv(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-cli-waves-'));
  dirs.push(dir);
  return unreachablePlantEnv(dir, 'ST-1');
}

describe('waves pause | resume', () => {
  it('pause: recorded with station and reason; sync --once is then skipped without touching Odoo or the PLC; resume lifts it', async () => {
    const env = await plantEnv();

    const paused = await runCli(['waves', 'pause', '--reason', 'cleaning silo C', '--json'], env);
    expect(paused.stderr).toBe('');
    expect(paused.code).toBe(0);
    expect(JSON.parse(paused.stdout) as NewWavesPause).toMatchObject({ paused: true, changedBy: 'ST-1', reason: 'cleaning silo C' });

    const sync = await runCli(['sync', '--once', '--json'], env);
    expect(sync.code).toBe(0);
    const run = JSON.parse(sync.stdout) as RunRecord;
    expect(run).toMatchObject({ task: 'mo-sync', trigger: 'cli', outcome: 'skipped' });
    expect(run.reason).toMatch(/^New waves are paused \(since \d{4}-\d\d-\d\d \d\d:\d\d at station ST-1: cleaning silo C\); PLC reading and Odoo booking go on$/);

    const status = await runCli(['status'], env);
    expect(status.stdout).toMatch(/^New waves are paused \(since .* at station ST-1: cleaning silo C\)/m);

    const again = await runCli(['waves', 'pause', '--reason', 'someone else'], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^waves failed: nothing changed: New waves are paused \(since .* at station ST-1: cleaning silo C\)/);

    const resumed = await runCli(['waves', 'resume', '--reason', 'silo C clean'], { ...env, SMS_STATION: 'ST-2' });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim()).toBe('New waves resumed at station ST-2: silo C clean');
  });

  it('a reason is required, and only pause or resume: exit 2 with one line', async () => {
    const env = await plantEnv();

    const noReason = await runCli(['waves', 'pause'], env);
    const unknown = await runCli(['waves', 'stop', '--reason', 'cleaning'], env);

    expect(noReason.code).toBe(2);
    expect(noReason.stderr.trim()).toBe('waves: --reason: say why (at least 3 characters)');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('waves: use `waves pause --reason TEXT` or `waves resume --reason TEXT`');
  });
});
