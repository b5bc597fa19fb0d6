/**
 * Opens the authority the configuration names: SQLite in the data directory
 * (standalone), or the plant's PostgreSQL with the station's local mirror and
 * its PLC lease. A PostgreSQL that is down at start-up does not stop the
 * console: it opens on the mirror, offline, and catches up later. A database
 * the app cannot use (missing columns, no permission) stops start-up with
 * one message.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorityUnavailableError, type AuthorityStore } from '../store/authority-store';
import { StationLease } from '../store/lease/station-lease';
import { Mirror } from '../store/mirror/mirror';
import type { MirrorReader } from '../store/mirror/mirror-reader';
import { PgStore } from '../store/postgres/pg-store';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import type { Clock } from './clock';
import type { EngineConfig } from './config';
import type { EngineLog } from './engine-log';
import { plantRole } from './plant-role';
import { oneShotRole, type StationRole } from './station-role';

export interface OpenedAuthority {
  store: AuthorityStore;
  /** The local mirror's read side (plant mode), for when the authority cannot be reached. */
  reader?: MirrorReader;
  /** Plant mode: lease and mirror; standalone: undefined (this station always drives). */
  role?: StationRole;
  close(): Promise<void>;
}

export interface OpenAuthorityOptions {
  clock: Clock;
  log: EngineLog;
  nativeBinding?: string | undefined;
  /**
   * A one-shot command (CLI `sync --once`, `status`): no mirror and no claim on the PLC lease —
   * it only goes through the gate, like a monitoring station's Sync now.
   */
  oneShot: boolean;
}

export async function openAuthority(config: EngineConfig, options: OpenAuthorityOptions): Promise<OpenedAuthority> {
  const { clock, log, nativeBinding } = options;
  const binding = nativeBinding ? { nativeBinding } : {};
  if (!config.databaseUrl) {
    const store = new SqliteStore({ file: join(config.dataDir, 'smart-mo-sync.db'), lockFile: join(config.dataDir, 'sync-gate.lock'), ...binding });
    return { store, close: () => store.close() };
  }
  const source = {
    connectionString: config.databaseUrl,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    applicationName: `smart-mo-sync ${config.station}`,
    ...(options.oneShot ? { poolSize: 2 } : {}),
  };
  let store: PgStore;
  let reachable = true;
  try {
    store = await PgStore.open(source);
  } catch (error) {
    if (!(error instanceof AuthorityUnavailableError)) throw error;
    log.warn(`${error.message}: starting on the local mirror; the gate stays closed until PostgreSQL answers`);
    store = new PgStore(source);
    reachable = false;
  }
  const mirrorFile = join(config.dataDir, 'mirror.db');
  if (options.oneShot) {
    // Offline, a one-shot reads what the station's console last mirrored (never creating an empty copy), as the console would.
    if (reachable || !existsSync(mirrorFile)) return { store, role: oneShotRole(), close: () => store.close() };
    const copy = new Mirror({ source, file: mirrorFile, station: config.station, clock, ...binding });
    const { lagMs, lastSyncAt } = copy.status();
    return {
      store,
      reader: copy.reader(),
      role: oneShotRole({ since: new Date(clock.now()).toISOString(), mirror: { lagMs, lastSyncAt } }),
      async close() {
        await Promise.allSettled([copy.stop(), store.close()]);
      },
    };
  }
  const mirror = new Mirror({ source, file: mirrorFile, station: config.station, clock, log: log.child({ part: 'mirror' }), ...binding });
  const lease = new StationLease({ source, station: config.station, clock, ttlMs: config.leaseTtlMs, log: log.child({ part: 'lease' }) });
  mirror.start();
  lease.start();
  const role = plantRole(lease, mirror);
  return {
    store,
    reader: mirror.reader(),
    role,
    async close() {
      await role.stop();
      await store.close();
    },
  };
}
