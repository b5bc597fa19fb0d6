/**
 * One simulated OS process running the real engine: the console (timers on)
 * or a one-shot CLI command. Everything it does to the outside world — the
 * store, the PLC, Odoo — passes an await point where the schedule may kill
 * it; a killed process never runs another line, its timers die, its locks
 * are released by "the OS", and whatever it had on the wire still arrives.
 */
import { join } from 'node:path';
import type { EngineLog } from '../../electron/engine/engine-log';
import { Engine } from '../../electron/engine/engine';
import { loadConfig, type EngineConfig } from '../../electron/engine/config';
import { toRecipe } from '../../electron/odoo/mo-recipe';
import { OdooClient } from '../../electron/odoo/odoo-client';
import { FinsClient } from '../../electron/plc/fins-client';
import type { AuthorityStore, SyncLock } from '../../electron/store/authority-store';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import { simFinsTransport } from './sim-fins-transport';
import { SIM_ODOO_LOGIN, SIM_ODOO_URL } from './sim-odoo';
import type { World } from './world';

/** Settings of every simulated station: the plant's keys, at intervals that turn a wave in minutes. */
export const SIM_SETTINGS: Record<string, string> = {
  ODOO_BASE_URL: SIM_ODOO_URL,
  ODOO_DB: SIM_ODOO_LOGIN.db,
  ODOO_USERNAME: SIM_ODOO_LOGIN.username,
  ODOO_PASSWORD: SIM_ODOO_LOGIN.password,
  ODOO_TIMEOUT_SEC: '30',
  ODOO_RETRY_BASE_SEC: '10',
  ODOO_RETRY_MAX_MINUTES: '2',
  PLC_IP: '127.0.0.1',
  PLC_TIMEOUT_SEC: '2',
  PLC_ATTEMPTS: '3',
  ENABLE_AUTO_SYNC: 'true',
  SYNC_INTERVAL_MINUTES: '2',
  PLC_READ_INTERVAL_MINUTES: '0.2',
  PROCESS_COMPLETED_INTERVAL_MINUTES: '0.3',
  HEALTH_MONITOR_INTERVAL_MINUTES: '1',
  ENABLE_TASK_5_EQUIPMENT_FAILURE: 'false',
  ENABLE_TASK_6_LOG_CLEANUP: 'false',
  SMS_STATION: 'line-1',
};

/**
 * Where a dead process's code stops for good. A fresh promise each time: one
 * shared forever-pending promise would keep every dead engine reachable
 * through its list of waiting callbacks.
 */
const never = (): Promise<never> => new Promise<never>(() => undefined);

export class SimProcess {
  readonly engine: Engine;
  readonly config: EngineConfig;
  private live = true;
  private readonly sqlite: SqliteStore;
  private readonly plc: FinsClient;
  private readonly locks = new Set<SyncLock>();

  constructor(
    private readonly world: World,
    readonly name: string,
    readonly pid: number,
  ) {
    const clock = world.clock.forProcess(() => this.live);
    this.config = loadConfig({ env: { ...SIM_SETTINGS, ...world.settings, DATA_DIR: world.dataDir }, file: {} });
    this.sqlite = new SqliteStore({ file: join(world.dataDir, 'smart-mo-sync.db'), lockFile: join(world.dataDir, 'sync-gate.lock') });
    const ends = {
      who: name,
      alive: () => this.live,
      crashPoint: (where: string) => this.crashPoint(where),
    };
    this.plc = new FinsClient({
      host: '127.0.0.1',
      timeoutMs: 2_000,
      attempts: 3,
      clock,
      transport: simFinsTransport({ ...ends, clock: world.clock, plc: world.plc, faults: world.faults, trace: world.trace }),
    });
    const odoo = new OdooClient({ baseUrl: SIM_ODOO_URL, ...SIM_ODOO_LOGIN, timeoutMs: 30_000, fetch: world.odoo.fetchFor(ends), clock });
    this.engine = new Engine({
      config: this.config,
      store: world.mutation.store(this.guardedStore()),
      plc: world.mutation.plc(this.plc),
      odoo,
      toRecipe,
      clock,
      log: this.traceLog(),
      process: { pid, isAlive: (other) => world.isAlive(other) },
    });
    this.engine.bus.subscribe('run', (run) => world.onRun(this, run));
  }

  get alive(): boolean {
    return this.live;
  }

  /** The process dies here: no further line of it runs; the OS releases its file locks and sockets. */
  kill(why: string): void {
    if (!this.live) return;
    this.live = false;
    this.world.trace.add(this.name, `KILLED ${why}`);
    for (const lock of this.locks) void lock.release();
    this.locks.clear();
    void this.plc.close();
    void this.sqlite.close();
  }

  /** A clean exit (a CLI command that finished). */
  async exit(): Promise<void> {
    if (!this.live) return;
    await this.engine.stop();
    this.live = false;
    for (const lock of this.locks) await lock.release();
    await this.plc.close();
    await this.sqlite.close();
  }

  async crashPoint(where: string): Promise<void> {
    if (!this.live) return never();
    if (this.world.faults.crashHere()) {
      this.kill(where);
      return never();
    }
  }

  /** The authority as this process sees it: every call is an await point where it may die. */
  private guardedStore(): AuthorityStore {
    const store = this.sqlite;
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || property === 'constructor') return value;
        const name = String(property);
        return async (...args: unknown[]) => {
          await this.crashPoint(`before store.${name}`);
          // Another branch of this process may have died meanwhile (Promise.all): a dead process runs nothing more.
          if (!this.live) return never();
          const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
          if (name === 'tryAcquireSyncLock' && result) this.track(result as SyncLock);
          await this.crashPoint(`after store.${name}`);
          return result;
        };
      },
    });
  }

  private track(lock: SyncLock): void {
    this.locks.add(lock);
    const release = lock.release.bind(lock);
    lock.release = async () => {
      this.locks.delete(lock);
      await release();
    };
  }

  private traceLog(): EngineLog {
    const trace = this.world.trace;
    const log: EngineLog = {
      debug: () => undefined,
      info: () => undefined,
      warn: (message) => trace.add(this.name, `warn: ${message}`),
      error: (message) => trace.add(this.name, `error: ${message}`),
      child: () => log,
    };
    return log;
  }
}
