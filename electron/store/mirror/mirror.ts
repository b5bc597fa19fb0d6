/**
 * The desktop's local copy of the plant authority's queue, archive, run log
 * and audit trail (mo_batch, mo_histories, sync_runs, audit_log) in a SQLite file. It wakes on
 * PostgreSQL NOTIFY for immediacy, catches up on a timer and after every
 * reconnect for certainty, and keeps its place in the file, so it resumes
 * after a restart and converges after any outage (mirror-sync.ts explains
 * why it never skips a change).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Clock } from '../../engine/clock';
import type { EngineLog } from '../../engine/engine-log';
import { AuthorityUnavailableError } from '../authority-store';
import type { PgConnectionOptions } from '../postgres/pg-connection-options';
import { PgDatabase } from '../postgres/pg-database';
import { CHANGE_CHANNEL } from '../postgres/pg-migrations';
import { SqliteStore } from '../sqlite/sqlite-store';
import { MirrorLocalFile } from './mirror-local';
import { readerOf, type MirrorReader } from './mirror-reader';
import { applyChanges, confirmRegistration, copyAll, pruneChangeLog, register, type SyncProgress } from './mirror-sync';

export interface MirrorOptions {
  /** The plant authority (its schema is created by PgStore.open). */
  source: PgConnectionOptions;
  /** The local SQLite file. */
  file: string;
  station: string;
  clock: Clock;
  log?: EngineLog;
  /** better-sqlite3 binary built for the running ABI (Electron). */
  nativeBinding?: string;
  /** Period of the safety-net catch-up, which also reconnects after an outage (default 10 s). */
  catchUpIntervalMs?: number;
  /** Rows per page of the full copy and per batch of changes (default 5000). */
  pageSize?: number;
  /** Change-log rows are pruned once older than this and read by every mirror (default 7 days). */
  changeRetentionMs?: number;
  /** A mirror not heard from for this long no longer holds back pruning; it copies afresh on return (default 7 days). */
  abandonedAfterMs?: number;
  /** How often this mirror prunes the change log (default hourly). */
  pruneIntervalMs?: number;
}

export interface MirrorStatus {
  /** The authority answered the last catch-up and the NOTIFY listener is connected. */
  online: boolean;
  /** When the mirror lost the authority (null while online or before the first attempt). */
  offlineSince: string | null;
  /** How stale the copy may be: 0 while online, else the time since the last complete catch-up; null before the first. */
  lagMs: number | null;
  /** The highest change-log id applied (or covered by a full copy). */
  lastChangeId: number;
  lastSyncAt: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class Mirror {
  private readonly store: SqliteStore;
  private readonly local: MirrorLocalFile;
  private readonly db: PgDatabase;
  private readonly settings: Required<Pick<MirrorOptions, 'catchUpIntervalMs' | 'pageSize' | 'changeRetentionMs' | 'abandonedAfterMs' | 'pruneIntervalMs'>>;
  private readonly statusListeners = new Set<(status: MirrorStatus) => void>();
  private listener: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private started = false;
  private closed = false;
  private online = false;
  private offlineSince: string | null = null;
  private lastPruneAt: number | null = null;

  constructor(private readonly options: MirrorOptions) {
    // Validates the connection options (and opens no connection yet) before the file is opened.
    this.db = new PgDatabase(options.source, (error) => this.options.log?.debug('mirror: idle connection dropped', { error: error.message }));
    // Opening the file needs no network: the console reads it at once.
    this.store = new SqliteStore({
      file: options.file,
      lockFile: `${options.file}.lock`,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    this.local = new MirrorLocalFile(this.store.connection);
    this.settings = {
      catchUpIntervalMs: options.catchUpIntervalMs ?? 10_000,
      pageSize: options.pageSize ?? 5_000,
      changeRetentionMs: options.changeRetentionMs ?? 7 * DAY_MS,
      abandonedAfterMs: options.abandonedAfterMs ?? 7 * DAY_MS,
      pruneIntervalMs: options.pruneIntervalMs ?? 60 * 60 * 1000,
    };
  }

  /** Starts following the authority; returns at once (the first catch-up runs in the background). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.tick();
  }

  /** Stops following and closes the file and the connections; stopping twice is harmless. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.started = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.dropListener();
    await Promise.allSettled([this.running, this.queued, this.connecting]);
    await this.db.close();
    await this.store.close();
  }

  reader(): MirrorReader {
    return readerOf(this.store);
  }

  status(): MirrorStatus {
    const state = this.local.state();
    const lastSync = state.lastSyncAt === null ? null : Date.parse(state.lastSyncAt);
    return {
      online: this.online,
      offlineSince: this.offlineSince,
      lagMs: lastSync === null ? null : this.online ? 0 : Math.max(0, this.options.clock.now() - lastSync),
      lastChangeId: state.lastChangeId,
      lastSyncAt: state.lastSyncAt,
    };
  }

  /** Called with the new status after every catch-up and every change of connection; returns the unsubscribe. */
  onStatus(listener: (status: MirrorStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Brings the copy up to date with everything committed before the call
   * (joining a catch-up already under way, then running one more).
   * Rejects with AuthorityUnavailableError while the authority is unreachable.
   */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the mirror is stopped'));
    if (!this.running) {
      this.running = this.runCatchUp().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.catchUp();
      });
    return this.queued;
  }

  /** Prunes the change log now (normally done hourly by a running mirror); returns the rows deleted. */
  pruneChangeLog(): Promise<number> {
    return pruneChangeLog(this.db, { changesMs: this.settings.changeRetentionMs, abandonedAfterMs: this.settings.abandonedAfterMs });
  }

  private tick = (): void => {
    this.cancelTimer = null;
    void this.catchUp()
      .catch(() => undefined)
      .finally(() => {
        if (this.started) this.cancelTimer = this.options.clock.setTimer(this.settings.catchUpIntervalMs, this.tick);
      });
  };

  private async runCatchUp(): Promise<void> {
    try {
      if (this.started) await this.ensureListener();
      const progress = await applyChanges(this.db, this.local, await this.startingPoint(), this.settings.pageSize);
      await register(this.db, this.mirrorId(), this.options.station, progress.cursor);
      this.local.saveState({ lastSyncAt: new Date(this.options.clock.now()).toISOString() });
      await this.pruneWhenDue();
      this.setOnline();
    } catch (error) {
      const translated = this.db.translate(error);
      if (translated instanceof AuthorityUnavailableError) this.setOffline(translated);
      else this.options.log?.error('mirror: catch-up failed', { error: messageOf(translated) });
      throw translated;
    }
  }

  /** Where to follow the log from: the stored cursor, or a fresh full copy when the log cannot bridge the gap. */
  private async startingPoint(): Promise<SyncProgress> {
    const state = this.local.state();
    if (state.mirrorId && state.cursor && (await confirmRegistration(this.db, state.mirrorId, state.cursor))) {
      return { cursor: state.cursor, lastChangeId: state.lastChangeId };
    }
    const mirrorId = this.mirrorId();
    this.options.log?.info('mirror: copying the authority in full', { reason: state.cursor ? 'the change log cannot bridge the gap' : 'first start' });
    const progress = await copyAll(this.db, this.local, this.settings.pageSize, (start) =>
      register(this.db, mirrorId, this.options.station, start.cursor),
    );
    this.local.saveState({ cursor: progress.cursor, lastChangeId: progress.lastChangeId });
    return progress;
  }

  private mirrorId(): string {
    const existing = this.local.state().mirrorId;
    if (existing) return existing;
    const created = randomUUID();
    this.local.saveState({ mirrorId: created });
    return created;
  }

  private async pruneWhenDue(): Promise<void> {
    const now = this.options.clock.now();
    if (this.lastPruneAt !== null && now - this.lastPruneAt < this.settings.pruneIntervalMs) return;
    this.lastPruneAt = now;
    const pruned = await this.pruneChangeLog();
    if (pruned > 0) this.options.log?.debug('mirror: change log pruned', { rows: pruned });
  }

  private async ensureListener(): Promise<void> {
    if (this.listener) return;
    this.connecting ??= this.connectListener().finally(() => {
      this.connecting = null;
    });
    await this.connecting;
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client(this.db.clientConfig);
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.setOffline(this.db.translate(error ?? new Error('Connection terminated')));
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => {
      void this.catchUp().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!this.started) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private dropListener(): void {
    const client = this.listener;
    this.listener = null;
    if (!client) return;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
  }

  /** After a successful catch-up: online once the listener is connected too (a stopped mirror only catches up on request). */
  private setOnline(): void {
    const online = this.listener !== null;
    if (online && !this.online) this.options.log?.info('mirror: following the authority', { target: this.db.target });
    this.online = online;
    if (online) this.offlineSince = null;
    this.emit();
  }

  private setOffline(error: unknown): void {
    if (this.online || this.offlineSince === null) {
      this.options.log?.warn('mirror: authority unreachable; serving the last known copy', { error: messageOf(error) });
    }
    this.online = false;
    this.offlineSince ??= new Date(this.options.clock.now()).toISOString();
    this.emit();
  }

  private emit(): void {
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
