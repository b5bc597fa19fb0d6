/**
 * Builds a running engine from configuration: the one composition used by
 * every host (Electron main, headless host, CLI). In the demo it starts the
 * simulators first and points the engine at them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleBackend } from '../../shared/contract';
import { startDemoPeers, type DemoPeers } from '../host/demo-peers';
import { toRecipe } from '../odoo/mo-recipe';
import { OdooClient } from '../odoo/odoo-client';
import { FinsClient } from '../plc/fins-client';
import { systemClock } from './clock';
import { configFromLayers, readConfigLayers, type ConfigSource, type EngineConfig } from './config';
import { Engine } from './engine';
import type { EngineLog } from './engine-log';
import { parseEngineFlags } from './engine-flags';
import { EventBus } from './event-bus';
import { createLogger } from './logger';
import { openAuthority, type OpenedAuthority } from './open-authority';
import { createAuditTrail } from './people/audit-trail';
import type { AuditTrail } from './people/caller';
import type { Checkpoints } from './engine-tasks';
import { errorMessage } from './task-runner';

export interface StartEngineOptions {
  /** Command-line arguments; the engine's flags (--demo, --data-dir …) are picked out of them. */
  argv?: string[];
  /** Configuration values with the precedence of flags (programmatic hosts, tests). */
  flags?: ConfigSource;
  env?: NodeJS.ProcessEnv;
  /** Absolute path of a better-sqlite3 binary built for the current runtime (Electron's ABI). */
  sqliteNativeBinding?: string;
  /** false: no timers (one-shot CLI commands). */
  schedule?: boolean;
  /** Echo logs on stderr. */
  logToStderr?: boolean;
  /** Crash tests only: called at each named step of Tasks 1–3. */
  checkpoints?: Checkpoints;
}

export interface StartedEngine {
  engine: Engine;
  backend: ConsoleBackend;
  config: EngineConfig;
  /** The engine's log (DATA_DIR/logs), for the host's own messages. */
  log: EngineLog;
  /** The authority's audit trail, for a host that acts outside the guarded handlers (the CLI's task runs). */
  audit: AuditTrail;
  /** One line for the operator: station, authority, Odoo and PLC endpoints, demo or not. */
  describe(): string;
  stop(): Promise<void>;
}

export async function startEngine(options: StartEngineOptions = {}): Promise<StartedEngine> {
  const flags = { ...parseEngineFlags(options.argv ?? []), ...options.flags };
  const configInputs = { env: options.env ?? process.env, flags };
  const layers = readConfigLayers(configInputs);
  const loaded = configFromLayers(layers);
  mkdirSync(loaded.dataDir, { recursive: true });
  const bus = new EventBus();
  const logDir = join(loaded.dataDir, 'logs');
  const logger = await createLogger({
    level: loaded.logLevel,
    dir: logDir,
    onEntry: (entry) => bus.emit('log', entry),
    stderr: options.logToStderr ?? false,
  });
  const { log } = logger;
  if (layers.envFile?.ignored.length) {
    log.info(`ENV_FILE ${layers.envFile.path}: ignored the keys this app does not use: ${layers.envFile.ignored.join(', ')}`);
  }

  let demo: DemoPeers | null = null;
  try {
    if (loaded.demo) demo = await startDemoPeers({ dataDir: loaded.dataDir, speed: loaded.simSpeed, shareable: options.schedule !== false });
  } catch (error) {
    await logger.close();
    throw error;
  }
  const config: EngineConfig = demo
    ? { ...loaded, odoo: { ...loaded.odoo, baseUrl: demo.odooUrl }, plc: { ...loaded.plc, host: '127.0.0.1', port: demo.plcPort, protocol: 'udp' } }
    : loaded;

  let authority: OpenedAuthority;
  try {
    authority = await openAuthority(config, { clock: systemClock, log, nativeBinding: options.sqliteNativeBinding, oneShot: options.schedule === false });
  } catch (error) {
    await demo?.stop();
    await logger.close();
    throw error;
  }
  const { store } = authority;
  const odoo = new OdooClient({
    baseUrl: config.odoo.baseUrl,
    db: config.odoo.db,
    username: config.odoo.username,
    password: config.odoo.password,
    timeoutMs: config.odoo.timeoutMs,
    maxReplyBytes: config.odoo.maxReplyBytes,
  });
  const plc = new FinsClient({
    host: config.plc.host,
    port: config.plc.port,
    protocol: config.plc.protocol,
    timeoutMs: config.plc.timeoutMs,
    attempts: config.plc.attempts,
    clientNode: config.plc.clientNode,
    plcNode: config.plc.plcNode,
    onWarning: (message) => log.warn(message, { peer: 'plc' }),
  });
  const engine = new Engine({
    config,
    store,
    plc,
    odoo,
    toRecipe,
    clock: systemClock,
    log,
    logDir,
    bus,
    ...(authority.role ? { role: authority.role } : {}),
    ...(authority.reader ? { reader: authority.reader } : {}),
    ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
    configInputs,
  });
  try {
    await engine.start({ schedule: options.schedule ?? true });
    // A newcomer opening the demo should see the first wave at once, not after the first interval.
    if (config.demo && options.schedule !== false && config.autoSync) {
      engine.runTask('mo-sync', 'schedule').catch((error: unknown) => log.error('the first demo sync failed', { error: errorMessage(error) }));
    }
  } catch (error) {
    await Promise.allSettled([plc.close(), authority.close(), demo?.stop(), logger.close()]);
    throw error;
  }

  return {
    engine,
    backend: engine.backend,
    config,
    log,
    audit: createAuditTrail(store),
    describe: () =>
      [
        `station ${config.station}`,
        `data ${config.dataDir} (${store.kind === 'postgres' ? 'PostgreSQL authority, local mirror' : 'SQLite'})`,
        `Odoo ${config.odoo.baseUrl}`,
        `PLC ${config.plc.host}:${config.plc.port}/${config.plc.protocol}`,
        demo ? (demo.borrowed ? 'demo (simulators of the running console)' : 'demo (built-in simulators)') : 'plant',
      ].join(' · '),
    async stop() {
      await engine.stop();
      await Promise.allSettled([plc.close(), demo?.stop()]);
      await authority.close();
      await logger.close();
    },
  };
}
