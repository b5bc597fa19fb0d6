/**
 * `--user NAME` and `smart-mo-sync audit`: what a person does from a terminal lands in the audit
 * trail with their name, their station and the outcome — in one data directory, and in plant
 * mode from two stations sharing one PostgreSQL. Real processes; the Odoo and PLC ports have
 * nothing listening, so every sync ends in error (and is recorded as failed, with why).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain';
import { osUser } from '../../../electron/engine/people/os-user';
import { runCli } from '../../support/cli-bundle';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { unreachablePlantEnv } from '../../support/unreachable-plant';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function stationEnv(station: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-cli-audit-'));
  dirs.push(dir);
  return { ...(await unreachablePlantEnv(dir, station)), ...extra };
}

async function auditJson(args: string[], env: Record<string, string>): Promise<AuditEntry[]> {
  const result = await runCli(['audit', '--json', ...args], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as AuditEntry[];
}

describe('the CLI in the audit trail (one data directory)', () => {
  it('sync --once --user NAME is listed by audit --json: who, where, from the CLI, failed and why', async () => {
    const env = await stationEnv('ST-1');

    const sync = await runCli(['sync', '--once', '--user', 'Sari'], env);
    expect(sync.code).toBe(1);

    const [entry, ...others] = await auditJson([], env);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ user: 'Sari', role: null, station: 'ST-1', source: 'cli', action: 'syncNow', target: null, outcome: 'failed', signature: null });
    expect(entry!.detail).toMatch(/^mo-sync error: PLC link failed \(127\.0\.0\.1:\d+\/tcp\)/);
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
  });

  it('without --user the OS user is named; audit filters by user (any case), action and limit, and prints lines for a person', async () => {
    const env = await stationEnv('ST-1');
    await runCli(['sync', '--once', '--user=Sari'], env);
    await runCli(['run', 'equipment-failure', '--once'], env);
    await runCli(['sync', '--once', '--user', 'Budi'], env);

    expect((await auditJson([], env)).map((e) => [e.user, e.action, e.target])).toEqual([
      ['Budi', 'syncNow', null],
      [osUser(), 'runTask', 'equipment-failure'],
      ['Sari', 'syncNow', null],
    ]);
    expect((await auditJson(['--user', 'sari'], env)).map((e) => e.user)).toEqual(['Sari']);
    expect((await auditJson(['--action', 'syncNow', '--limit', '1'], env)).map((e) => e.user)).toEqual(['Budi']);

    const human = await runCli(['audit', '--user', 'BUDI'], env);
    expect(human.code).toBe(0);
    expect(human.stdout.trim()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}failed {2}syncNow {2}by Budi @ ST-1 via cli — mo-sync error: PLC link failed/);
  });

  it('commands that act through the console\'s handlers (waves pause) are recorded once, as the --user who ran them', async () => {
    const env = await stationEnv('ST-1');

    const paused = await runCli(['waves', 'pause', '--reason', 'cleaning silo C', '--user', 'Budi'], env);
    expect(paused.code, paused.stderr).toBe(0);

    expect(await auditJson([], env)).toMatchObject([
      { user: 'Budi', role: null, station: 'ST-1', source: 'cli', action: 'setNewWavesPaused', target: 'pause', reason: 'cleaning silo C', outcome: 'done' },
    ]);
  });

  it('a wrong --user, --limit or --outcome is refused in one line before anything runs: exit 2', async () => {
    const env = await stationEnv('ST-1');
    const cases: [string[], string][] = [
      [['sync', '--once', '--user'], 'sync: --user needs a name'],
      [['sync', '--once', '--user', '   '], 'sync: --user: name who runs the command'],
      [['audit', '--limit', '0'], 'audit: --limit: Too small: expected number to be >=1'],
      [['audit', '--outcome', 'maybe'], 'audit: --outcome: Invalid option: expected one of "done"|"refused"|"failed"'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toBe(message);
    }
    expect(await auditJson([], env)).toEqual([]);
  });
});

describe('the CLI in the audit trail (plant mode: two stations, one PostgreSQL)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => server?.stop());

  it('the same action from two stations shows both, each with its station name, at either station', async () => {
    const database = { DATABASE_URL: await server.createDatabase() };
    const first = await stationEnv('ST-1', database);
    const second = await stationEnv('ST-2', database);

    await runCli(['sync', '--once', '--user', 'Sari'], first);
    await runCli(['sync', '--once', '--user', 'Budi'], second);

    for (const env of [first, second]) {
      expect((await auditJson(['--action', 'syncNow'], env)).map((e) => ({ user: e.user, station: e.station, source: e.source }))).toEqual([
        { user: 'Budi', station: 'ST-2', source: 'cli' },
        { user: 'Sari', station: 'ST-1', source: 'cli' },
      ]);
    }
  });
});
