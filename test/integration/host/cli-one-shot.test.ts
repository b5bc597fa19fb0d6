/**
 * One-shot commands that cannot do their job say why in one line and exit non-zero, and leave no
 * run record open; the ones that can (status on the mirror while PostgreSQL is down) still answer.
 * Real processes, real sockets: a port with nothing listening, a PLC that accepts and never answers.
 */
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { RunRecord } from '../../../shared/domain';
import { startEngine } from '../../../electron/engine/start-engine';
import { MirrorLocalFile } from '../../../electron/store/mirror/mirror-local';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { runCli } from '../../support/cli-bundle';
import { closedPort, unreachablePlantEnv } from '../../support/unreachable-plant';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A "PLC" that accepts the FINS/TCP connection and never says a word. */
async function silentPeer(): Promise<number> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = server.close.bind(server);
  server.close = (cb) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  };
  return (server.address() as { port: number }).port;
}

async function plantEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return { ...(await unreachablePlantEnv(mkdtempSync(join(tmpdir(), 'sms-cli-')), 'cli-test')), ...extra };
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/** Runs the authority left open (finished_at still empty), read straight from the file. */
function openRuns(dataDir: string): number {
  const db = new Database(join(dataDir, 'smart-mo-sync.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM sync_runs WHERE finished_at IS NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('one-shot commands that cannot do their job', () => {
  it('plc read over FINS/TCP with nothing listening: exit 1, one line naming the refused connection', async () => {
    const port = await closedPort();
    const result = await runCli(['plc', 'read', 'D7000', '2', '--protocol', 'tcp', '--port', String(port), '--timeout', '0.1'], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([
      `plc read failed: PLC link failed (127.0.0.1:${port}/tcp) reading D7000+2: cannot connect: connect ECONNREFUSED 127.0.0.1:${port} (3 attempts)`,
    ]);
  });

  it('plc write to a FINS/TCP peer that never answers: exit 1 after the timeouts, one line', async () => {
    const port = await silentPeer();
    const result = await runCli(['plc', 'write', 'D7076', '1', '--protocol', 'tcp', '--port', String(port), '--timeout', '0.1'], {});
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `plc write failed: PLC did not answer (127.0.0.1:${port}/tcp) writing D7076+1: no node address reply within 100 ms (3 attempts)`,
    ]);
  });

  it('sync --once with the PLC refusing FINS/TCP: the run ends in error, exit 1, and its record is closed', async () => {
    const env = await plantEnv();
    const result = await runCli(['sync', '--once', '--json'], env);
    expect(result.code, result.stderr).toBe(1);
    const run = JSON.parse(result.stdout) as RunRecord;
    expect(run.outcome).toBe('error');
    expect(run.reason).toMatch(/^PLC link failed \(127\.0\.0\.1:\d+\/tcp\) reading D7000.*ECONNREFUSED/);
    expect(openRuns(env.DATA_DIR!)).toBe(0);

    const human = await runCli(['run', 'equipment-failure', '--once'], env);
    expect(human.code).toBe(1);
    expect(lines(human.stdout)).toHaveLength(1);
    expect(human.stdout).toMatch(/equipment-failure error\s+cli\s+PLC link failed/);
    expect(openRuns(env.DATA_DIR!)).toBe(0);
  });

  it('a damaged database: sync --once refuses to dispatch from it, exit 1, one line naming the file', async () => {
    const env = await plantEnv();
    const file = join(env.DATA_DIR!, 'smart-mo-sync.db');
    await new SqliteStore({ file, lockFile: `${file}.lock` }).close();
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) db.prepare('INSERT INTO filler (text) VALUES (?)').run('x'.repeat(100));
    })();
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(pages / 2) * 4096);
    closeSync(fd);

    const result = await runCli(['sync', '--once'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(`sync failed: the database ${file} is damaged (`);
  });

  it('an interval of 1e-9 minutes is refused before anything starts: exit 2 naming the key and the minimum', async () => {
    const result = await runCli(['status'], await plantEnv({ PLC_READ_INTERVAL_MINUTES: '1e-9' }));
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual(['configuration: PLC_READ_INTERVAL_MINUTES="1e-9": must be at least 0.0017 minutes (0.1 s)']);
  });
});

describe('status with DATABASE_URL set and PostgreSQL down', () => {
  it("shows this station's mirrored queue with a line saying the authority is offline", async () => {
    const env = await plantEnv({ DATABASE_URL: `postgres://app:pw@127.0.0.1:${await closedPort()}/plant` });
    const mirror = new SqliteStore({ file: join(env.DATA_DIR!, 'mirror.db'), lockFile: join(env.DATA_DIR!, 'mirror.db.lock') });
    const local = new MirrorLocalFile(mirror.connection);
    local.upsert('mo_batch', [{ id: 'b-1', batch_no: 1, mo_id: 'WH/MO/00042', consumption: '1000', equipment_id_batch: 'PLC01', finished_goods: '[10092] JF SAPOT 1B' }]);
    local.saveState({ lastSyncAt: '2026-03-01T08:00:00.000Z' });
    await mirror.close();

    const result = await runCli(['status'], env);
    expect(result.code, result.stderr).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toMatch(
      /^authority: PostgreSQL offline since \d{4}-\d\d-\d\dT[\d:.]+Z; the queue and runs below are this station's mirror, last caught up 2026-03-01T08:00:00\.000Z$/,
    );
    expect(out[1]).toBe('queue: 1 batch(es) in the PLC');
    expect(out[2]).toContain('WH/MO/00042');
    expect(result.stdout).not.toContain('pw');

    const json = await runCli(['status', '--json'], env);
    expect(json.code).toBe(0);
    const snapshot = JSON.parse(json.stdout) as { queue: { count: number }; authority: { offlineSince: string | null } };
    expect(snapshot.queue.count).toBe(1);
    expect(snapshot.authority.offlineSince).not.toBeNull();
  });

  it('sync --once cannot pass the gate and says so: exit 1 (the gate is never decided on the mirror)', async () => {
    const pgPort = await closedPort();
    const result = await runCli(['sync', '--once'], await plantEnv({ DATABASE_URL: `postgres://app:pw@127.0.0.1:${pgPort}/plant` }));
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toHaveLength(1);
    expect(result.stdout).toMatch(/mo-sync\s+skipped\s+cli\s+PostgreSQL unreachable .*; nothing was fetched \(the gate is never decided on the local mirror\)/);
  });

  it('without a mirror to show: exit 1, one line saying PostgreSQL is unreachable', async () => {
    const pgPort = await closedPort();
    const result = await runCli(['status'], await plantEnv({ DATABASE_URL: `postgres://app:pw@127.0.0.1:${pgPort}/plant` }));
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([`status failed: PostgreSQL unreachable (127.0.0.1:${pgPort}/plant): connect ECONNREFUSED 127.0.0.1:${pgPort}`]);
  });
});

describe('credentials written into ODOO_BASE_URL', () => {
  it('appear neither in the serve banner line nor in the configuration sent to the console', async () => {
    const env = await plantEnv();
    const url = new URL(env.ODOO_BASE_URL!);
    const started = await startEngine({ env: { ...env, ODOO_BASE_URL: `http://scada:hunter2@${url.host}` }, schedule: false });
    try {
      expect(started.describe()).toContain(`Odoo http://${url.host} ·`);
      expect(started.describe()).not.toContain('hunter2');
      const shown = await started.backend.handlers.getConfig();
      expect(shown.odoo.baseUrl).toBe(`http://${url.host}`);
      expect(JSON.stringify(shown)).not.toContain('hunter2');
    } finally {
      await started.stop();
    }
  });
});
