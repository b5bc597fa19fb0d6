/**
 * A throwaway PostgreSQL for integration tests (../shared/TOOLCHAIN.md):
 * `PG_URL` when set (a server URL whose user may CREATE DATABASE), otherwise
 * a fresh cluster from the installed binaries (PG_BIN_DIR, or the newest
 * /usr/lib/postgresql/<major>/bin) in a temporary directory on a free
 * loopback port, with fsync off (≈ 1 s up, ≈ 0.2 s down).
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const BIN_DIR = process.env.PG_BIN_DIR ?? newestInstalledBinDir();

/** Debian/Ubuntu install each major version under /usr/lib/postgresql/<major>/bin (this machine: 15). */
function newestInstalledBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, 'bin') : '/usr/lib/postgresql/15/bin';
}

export interface TestPostgres {
  /** URL of the server's `postgres` database, as a user allowed to create databases. */
  url: string;
  /** Creates an empty database (or a copy of `template`, a database nobody is connected to) and returns its URL. */
  createDatabase(name?: string, template?: string): Promise<string>;
  /** Immediate shutdown (like a crash or a pulled cable): every connection drops at once. */
  kill(): Promise<void>;
  /** Starts the killed server again on the same port with the same data. */
  restart(): Promise<void>;
  /** Shuts down and deletes everything this harness created. */
  stop(): Promise<void>;
}

/** Whether the tests run against an external server (PG_URL): it is never stopped, so outage tests skip. */
export const usesExternalPostgres = (): boolean => Boolean(process.env.PG_URL);

export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.PG_URL;
  return external ? externalPostgres(external) : await localCluster();
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const freshName = (): string => `smart_mo_sync_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

async function createDatabaseOn(serverUrl: string, name: string, template?: string): Promise<string> {
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return databaseUrl(serverUrl, name);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function externalPostgres(serverUrl: string): TestPostgres {
  const created: string[] = [];
  const refuse = async () => {
    throw new Error('PG_URL points at a shared server; this test needs the local throwaway cluster');
  };
  return {
    url: serverUrl,
    async createDatabase(name = freshName(), template?: string) {
      const url = await createDatabaseOn(serverUrl, name, template);
      created.push(name);
      return url;
    },
    kill: refuse,
    restart: refuse,
    async stop() {
      await withClient(serverUrl, async (client) => {
        for (const name of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}

async function localCluster(): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'smo-pg-'));
  const dataDir = join(root, 'data');
  // initdb refuses to run as root; the cluster's files must belong to its owner.
  const asOwner = ownerCommand(root);
  const pgCtl = (...args: string[]) => [...asOwner, join(BIN_DIR, 'pg_ctl'), '-D', dataDir, ...args];
  const stopNow = () => {
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      const [cmd, ...args] = pgCtl('-w', '-m', 'immediate', 'stop');
      spawnSync(cmd!, args, { stdio: 'ignore' });
    }
    rmSync(root, { recursive: true, force: true });
  };
  // A test process that dies mid-run still takes its cluster down with it.
  process.once('exit', stopNow);

  try {
    await exec([...asOwner, join(BIN_DIR, 'initdb'), '-D', dataDir, '-U', 'app', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const startServer = (port: number) =>
      exec(pgCtl('-w', '-t', '30', '-l', join(root, 'server.log'), '-o', serverOptions(root, port), 'start'));
    const port = await startOnFreePort(startServer);
    const url = `postgres://app@127.0.0.1:${port}/postgres`;
    return {
      url,
      createDatabase: (name = freshName(), template?: string) => createDatabaseOn(url, name, template),
      kill: async () => {
        await exec(pgCtl('-w', '-m', 'immediate', 'stop'));
      },
      restart: () => startServer(port),
      async stop() {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}

function ownerCommand(root: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(root, uid, gid);
  return ['runuser', '-u', 'postgres', '--'];
}

/**
 * fsync=off is safe here: `kill` stops the server, not the machine, so the
 * OS still holds every write. synchronous_commit stays on — with it off, an
 * immediate stop would lose the last commits and the outage tests with them.
 */
const serverOptions = (root: string, port: number): string =>
  `-p ${port} -h 127.0.0.1 -k ${root} -c fsync=off -c full_page_writes=off -c max_connections=300`;

/** A port found free can be taken before the server binds it; try a few. */
async function startOnFreePort(startServer: (port: number) => Promise<void>): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      await startServer(port);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`could not start the test PostgreSQL: ${String(lastError)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exec(command: string[]): Promise<void> {
  const [file, ...args] = command;
  await run(file!, args, { timeout: 60_000 });
}
