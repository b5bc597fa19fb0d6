/**
 * Which station drives the PLC. Several stations may watch one line, but only
 * one may poll and write the PLC; the others stand by and take over when the
 * driver goes silent. The lease is one row in the plant authority, claimed
 * and renewed by one atomic statement judged by the DATABASE's clock, so the
 * stations' own clocks never have to agree.
 *
 * Fencing assumption: the PLC cannot check a lease token, so nothing stops a
 * stale driver's frames at the PLC itself. Safety rests on timing instead: a
 * driver stops driving by its own clock at (start of its last successful
 * renewal + TTL). The database recorded an expiry of (its now() during that
 * renewal + TTL), which is no earlier, so the old driver has stopped before
 * anyone else can take over — provided both clocks run at the same RATE (they
 * need not agree on the time) and a single PLC exchange is short compared
 * with the TTL. A driver cut off from the database keeps driving at most that
 * long, and learns at its next heartbeat that it lost the lease. Task 1's
 * dispatch is serialised separately by the gate lock in the same database,
 * so even at a hand-over two stations never dispatch a wave each.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../engine/clock';
import type { EngineLog } from '../../engine/engine-log';
import type { PgConnectionOptions } from '../postgres/pg-connection-options';
import { PgDatabase } from '../postgres/pg-database';

export interface StationLeaseOptions {
  /** The plant authority (its schema is created by PgStore.open). */
  source: PgConnectionOptions;
  station: string;
  clock: Clock;
  /** A silent driver loses the lease this long after its last heartbeat (default 30 s); heartbeats run every TTL/3. */
  ttlMs?: number;
  /** Which lease (default 'plc-driver'). */
  name?: string;
  log?: EngineLog;
}

export interface LeaseDriver {
  station: string;
  /** When this driver took the lease (database time). */
  since: string;
  heartbeatAt: string;
}

export interface LeaseChange {
  isDriver: boolean;
  driver: LeaseDriver | null;
}

/**
 * Claims or renews in ONE statement: the row is taken over only if it has
 * expired or is already ours (INSERT … ON CONFLICT DO UPDATE … WHERE is the
 * atomic UPDATE-if-expired that also creates the row the first time). When
 * the claim fails, the current holder is returned instead.
 */
const CLAIM = `
WITH claim AS (
  INSERT INTO smart_mo_sync_lease AS lease (name, holder, holder_instance, acquired_at, heartbeat_at, expires_at)
  VALUES ($1, $2, $3, now(), now(), now() + $4 * interval '1 millisecond')
  ON CONFLICT (name) DO UPDATE SET
    holder = excluded.holder,
    holder_instance = excluded.holder_instance,
    acquired_at = CASE WHEN lease.holder_instance = excluded.holder_instance THEN lease.acquired_at ELSE now() END,
    heartbeat_at = now(),
    expires_at = excluded.expires_at
  WHERE lease.expires_at < now() OR lease.holder_instance = excluded.holder_instance
  RETURNING holder, holder_instance, acquired_at, heartbeat_at, expires_at
)
SELECT holder, holder_instance::text AS instance, acquired_at, heartbeat_at, expires_at > now() AS live FROM claim
UNION ALL
SELECT holder, holder_instance::text, acquired_at, heartbeat_at, expires_at > now() FROM smart_mo_sync_lease
 WHERE name = $1 AND NOT EXISTS (SELECT 1 FROM claim)`;

type LeaseRow = { holder: string; instance: string; acquired_at: Date; heartbeat_at: Date; live: boolean };

const MIN_TTL_MS = 100;

export class StationLease {
  private readonly db: PgDatabase;
  private readonly instance = randomUUID();
  private readonly ttlMs: number;
  private readonly name: string;
  private readonly listeners = new Set<(change: LeaseChange) => void>();
  private started = false;
  private stopped = false;
  private cancelHeartbeat: (() => void) | null = null;
  private cancelExpiry: (() => void) | null = null;
  private inFlight: Promise<void> | null = null;
  /** Local-clock time until which our last successful renewal lets us drive. */
  private drivingUntil: number | null = null;
  private current: { driver: LeaseDriver; instance: string } | null = null;

  constructor(private readonly options: StationLeaseOptions) {
    const ttlMs = options.ttlMs ?? 30_000;
    if (!Number.isInteger(ttlMs) || ttlMs < MIN_TTL_MS) throw new Error(`station lease TTL must be a whole number of ms ≥ ${MIN_TTL_MS}, got ${ttlMs}`);
    this.ttlMs = ttlMs;
    this.name = options.name ?? 'plc-driver';
    this.db = new PgDatabase({ ...options.source, poolSize: 2 });
  }

  /** Starts heartbeating (the first one at once). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.beat();
  }

  /** Stops heartbeating and hands the lease back, so a standby station need not wait for the TTL. Final: a stopped lease does not start again. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.started = false;
    this.cancelHeartbeat?.();
    // A renewal still in flight could land after the hand-back and claim the lease again.
    await this.inFlight;
    this.cancelExpiry?.();
    const wasDriver = this.drivingUntil !== null;
    this.drivingUntil = null;
    if (wasDriver) {
      await this.db
        .query('DELETE FROM smart_mo_sync_lease WHERE name = $1 AND holder_instance = $2', [this.name, this.instance])
        .catch((error: unknown) => this.options.log?.warn('lease: could not hand the lease back; it expires by itself', { error: String(error) }));
      this.current = null;
      this.emit();
    }
    await this.db.close();
  }

  isDriver(): boolean {
    return this.drivingUntil !== null && this.options.clock.now() < this.drivingUntil;
  }

  /** The driving station as last seen (null when no one holds a live lease). */
  driver(): LeaseDriver | null {
    return this.current?.driver ?? null;
  }

  onChange(listener: (change: LeaseChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private beat = (): void => {
    this.cancelHeartbeat = null;
    this.inFlight = this.heartbeat().finally(() => {
      this.inFlight = null;
      if (this.started) this.cancelHeartbeat = this.options.clock.setTimer(Math.floor(this.ttlMs / 3), this.beat);
    });
  };

  private async heartbeat(): Promise<void> {
    const sentAt = this.options.clock.now();
    let row: LeaseRow | undefined;
    try {
      [row] = await this.db.query<LeaseRow>(CLAIM, [this.name, this.options.station, this.instance, this.ttlMs]);
    } catch (error) {
      // Unreachable: keep driving only until the last renewal runs out (the expiry timer ends it).
      this.options.log?.warn('lease: heartbeat failed', { error: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (!this.started) return;
    const before = this.snapshot();
    this.current = row?.live
      ? {
          driver: { station: row.holder, since: row.acquired_at.toISOString(), heartbeatAt: row.heartbeat_at.toISOString() },
          instance: row.instance,
        }
      : null;
    if (this.current?.instance === this.instance) this.renewed(sentAt);
    else this.lost();
    this.emitIfChanged(before);
  }

  private renewed(sentAt: number): void {
    this.drivingUntil = sentAt + this.ttlMs;
    this.cancelExpiry?.();
    this.cancelExpiry = this.options.clock.setTimer(this.drivingUntil - this.options.clock.now(), () => {
      if (this.drivingUntil === null || this.options.clock.now() < this.drivingUntil) return;
      const before = this.snapshot();
      this.options.log?.warn('lease: not renewed in time; this station stops driving the PLC');
      this.lost();
      this.current = null; // who drives now is unknown until the database answers again
      this.emitIfChanged(before);
    });
  }

  private lost(): void {
    this.drivingUntil = null;
    this.cancelExpiry?.();
    this.cancelExpiry = null;
  }

  private snapshot(): string {
    return JSON.stringify([this.isDriver(), this.current?.instance ?? null]);
  }

  private emitIfChanged(before: string): void {
    if (this.snapshot() !== before) this.emit();
  }

  private emit(): void {
    const change: LeaseChange = { isDriver: this.isDriver(), driver: this.driver() };
    for (const listener of this.listeners) listener(change);
  }
}
