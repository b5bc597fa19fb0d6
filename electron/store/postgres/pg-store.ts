/**
 * The plant authority: the shared PostgreSQL database, used by every station
 * and by the existing plant tooling (../shared/DESIGN.md "Data: who is the
 * authority"). Same semantics as SqliteStore, method for method; any failure
 * to reach the server rejects with AuthorityUnavailableError.
 */
import type {
  AlarmEventPage,
  AuditPage,
  BatchRecipe,
  HistoryEntry,
  NewWavesPause,
  Outcome,
  OutboxEntry,
  OutboxKind,
  OutboxState,
  Page,
  QueueBatch,
  RunPage,
  RunRecord,
  TaskName,
} from '../../../shared/domain';
import {
  AuthorityUnavailableError,
  OutboxBusyError,
  UNRESOLVED_PHASES,
  type HeldPhase,
  type ArchiveRequest,
  type AuthorityStore,
  type BatchFeedback,
  type DispatchIntent,
  type EquipmentFailureEvent,
  type HistoryFilter,
  type NewOutboxEntry,
  type OutboxPatch,
  type RunFilter,
  type RunFinish,
  type RunLogMark,
  type RunStart,
  type SyncLock,
} from '../authority-store';
import { FEEDBACK_COLUMNS, RECIPE_COLUMNS, feedbackChanges, recipeToRow, rowToHistoryEntry, rowToQueueBatch, type Row } from '../batch-columns';
import { DELIVERABLE, WITHDRAWABLE, rowToOutbox, type OutboxRow } from '../outbox-rows';
import { newestRun, readRunPage, type RunWindow } from '../run-page';
import { runPruneCut } from '../run-prune';
import { rowToRun, type RunRow } from '../run-rows';
import { pgRunWindow } from './pg-run-window';
import type { PgConnectionOptions } from './pg-connection-options';
import { PgDatabase, type PgQueryable, type PgRow } from './pg-database';
import { assertGateEpoch, tryAcquirePgGateLock } from './pg-gate-lock';
import { migratePostgres } from './pg-migrate';
import { rowToIntent, type IntentRow } from '../intent-rows';
import { insertRows, isUuid } from './pg-rows';
import { PG_QUEUE_WITH_ADDITIVES, checkAdditive, insertAdditives, readNewWavesPause, setNewWavesPause, type PgRun } from './pg-operator-controls';
import type { AdditiveCheck, AdditiveCheckResult, NewWavesChange, NewWavesChangeResult } from '../operator-controls';
import type { AlarmEventFilter, AlarmRecord, AlarmTransition } from '../alarm-records';
import { listPgAlarmEvents, listPgAlarms, transitionPgAlarms, type PgAlarmAccess } from './pg-alarms';
import { appendPgAudit, listPgAudit } from './pg-audit';
import { changePgUser, clearPgFailedPins, countPgUsers, createPgUser, findPgUser, listPgUsers, recordPgFailedPin, type PgUserAccess } from './pg-users';
import type { FailedPin, NewUser, UserChange, UserChangeResult, UserRecord } from '../user-records';
import type { AuditFilter, AuditLine } from '../../engine/people/caller';

export interface PgStoreOptions extends PgConnectionOptions {
  /** Told when an idle pooled connection breaks (server restart, network); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}

export class PgStore implements AuthorityStore {
  readonly kind = 'postgres' as const;
  private readonly db: PgDatabase;
  private migration: Promise<void> | null = null;

  /**
   * Connects lazily: the first call migrates (additively) and every call
   * waits for that. While the server is unreachable calls reject with
   * AuthorityUnavailableError and the next one tries again; an unusable
   * database (AuthoritySchemaError) stays refused.
   */
  constructor(options: PgStoreOptions) {
    this.db = new PgDatabase(options, options.onConnectionError);
  }

  /** Connects and migrates now: rejects with one clear message if the database is unreachable or unusable. */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const store = new PgStore(options);
    try {
      await store.ready();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** host:port/database, for messages and the console's connection panel. */
  get target(): string {
    return this.db.target;
  }

  async tryAcquireSyncLock(): Promise<SyncLock | null> {
    return tryAcquirePgGateLock(await this.ready());
  }

  async countQueue(): Promise<number> {
    const [row] = await this.query<{ n: number }>('SELECT count(*)::int AS n FROM mo_batch');
    return row?.n ?? 0;
  }

  async listQueue(): Promise<QueueBatch[]> {
    return (await this.query(PG_QUEUE_WITH_ADDITIVES)).map(rowToQueueBatch);
  }

  async knownMoIds(moIds: readonly string[]): Promise<Set<string>> {
    if (moIds.length === 0) return new Set();
    const rows = await this.query<{ mo_id: string }>(
      `SELECT mo_id FROM mo_batch WHERE mo_id = ANY($1)
       UNION SELECT mo_id FROM mo_histories WHERE mo_id = ANY($1)
       UNION SELECT recipe->>'moId' FROM dispatch_intents, jsonb_array_elements(recipes) AS recipe
              WHERE phase = ANY($2) AND recipe->>'moId' = ANY($1)`,
      [moIds, UNRESOLVED_PHASES],
    );
    return new Set(rows.map((r) => r.mo_id));
  }

  async recordIntent(runId: number, station: string, recipes: BatchRecipe[], at: string, epoch: number): Promise<DispatchIntent> {
    return this.transaction(async (tx) => {
      await assertGateEpoch(tx, epoch);
      const { rows } = await tx.query<IntentRow>(
        `INSERT INTO dispatch_intents (run_id, station, created_at, phase, recipes)
         VALUES ($1, $2, $3, 'writing', $4::jsonb) RETURNING *`,
        [runId, station, at, JSON.stringify(recipes)],
      );
      return rowToIntent(rows[0]!);
    });
  }

  async setIntentPhase(intentId: number, phase: 'verified' | 'abandoned', at: string, epoch: number): Promise<void> {
    await this.transaction(async (tx) => {
      await assertGateEpoch(tx, epoch);
      await tx.query(
        `UPDATE dispatch_intents SET phase = $1::text, resolved_at = CASE WHEN $1::text = 'abandoned' THEN $2::timestamptz END WHERE id = $3`,
        [phase, at, intentId],
      );
    });
  }

  async commitWave(intentId: number, phase: 'committed' | 'adopted', at: string, epoch: number): Promise<void> {
    await this.transaction(async (tx) => {
      await assertGateEpoch(tx, epoch);
      const [row] = (await tx.query<IntentRow>('SELECT * FROM dispatch_intents WHERE id = $1 FOR UPDATE', [intentId])).rows;
      if (!row) throw new Error(`dispatch intent ${intentId} does not exist`);
      const intent = rowToIntent(row);
      if (intent.recipes.length > 0) {
        const insert = insertRows('mo_batch', RECIPE_COLUMNS, intent.recipes.map(recipeToRow));
        await tx.query(insert.sql, insert.params);
        await insertAdditives(async (sql, params) => (await tx.query(sql, params)).rows, intent.recipes);
      }
      await tx.query('UPDATE dispatch_intents SET phase = $1, resolved_at = $2 WHERE id = $3', [phase, at, intentId]);
    });
  }

  async holdIntent(intentId: number, phase: HeldPhase, plcView: string, epoch: number): Promise<void> {
    await this.transaction(async (tx) => {
      await assertGateEpoch(tx, epoch);
      await tx.query('UPDATE dispatch_intents SET phase = $1, plc_view = $2 WHERE id = $3', [phase, plcView, intentId]);
    });
  }

  async unresolvedIntents(): Promise<DispatchIntent[]> {
    const rows = await this.query<IntentRow>('SELECT * FROM dispatch_intents WHERE phase = ANY($1) ORDER BY id', [UNRESOLVED_PHASES]);
    return rows.map(rowToIntent);
  }

  async startRun(run: RunStart): Promise<number> {
    const [row] = await this.query<{ id: string }>(
      'INSERT INTO sync_runs (task, trigger, station, pid, started_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [run.task, run.trigger, run.station, run.pid, run.startedAt],
    );
    return Number(row!.id);
  }

  async finishRun(id: number, finish: RunFinish): Promise<RunRecord> {
    const [row] = await this.query<RunRow & Row>(
      `UPDATE sync_runs SET finished_at = $2, outcome = $3, reason = $4, queue_count = $5, mo_ids = $6,
         duration_ms = round(extract(epoch FROM ($2::timestamptz - started_at)) * 1000)
       WHERE id = $1 RETURNING *`,
      [id, finish.finishedAt, finish.outcome, finish.reason, finish.queueCount ?? null, finish.moIds ?? []],
    );
    if (!row) throw new Error(`run ${id} does not exist`);
    return rowToRun(row);
  }

  async closeInterruptedRuns(station: string, isAlive: (pid: number) => boolean, reason: string, at: string): Promise<RunRecord[]> {
    const open = await this.query<{ id: string; pid: number }>(
      'SELECT id, pid FROM sync_runs WHERE finished_at IS NULL AND station = $1 ORDER BY id',
      [station],
    );
    const closed: RunRecord[] = [];
    for (const run of open.filter((r) => !isAlive(r.pid))) {
      closed.push(await this.finishRun(Number(run.id), { outcome: 'error', reason, finishedAt: at }));
    }
    return closed;
  }

  async listRuns(filter: RunFilter): Promise<RunPage> {
    return readRunPage(
      {
        window: (window, limit, oldestFirst) => this.runWindow(window, limit, oldestFirst),
        idStartedAtOrBefore: async (at) => {
          const [row] = await this.query<{ id: string }>(
            'SELECT id FROM sync_runs WHERE started_at <= $1 ORDER BY started_at DESC, id DESC LIMIT 1',
            [at],
          );
          return row ? Number(row.id) : null;
        },
      },
      filter,
    );
  }

  private async runWindow(window: RunWindow, limit: number, oldestFirst: boolean): Promise<RunRecord[]> {
    const { sql, params } = pgRunWindow(window, limit, oldestFirst);
    return (await this.query<RunRow & Row>(sql, params)).map(rowToRun);
  }

  async lastRun(task: TaskName, outcomes?: Outcome[]): Promise<RunRecord | null> {
    // One look-up per outcome: `outcome = ANY(...)` would read every run of those outcomes only to sort them.
    const newest = async (outcome?: Outcome) => {
      const [row] = await this.query<RunRow & Row>(
        outcome === undefined
          ? 'SELECT * FROM sync_runs WHERE task = $1 AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1'
          : 'SELECT * FROM sync_runs WHERE task = $1 AND outcome = $2 AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1',
        outcome === undefined ? [task] : [task, outcome],
      );
      return row ? rowToRun(row) : null;
    };
    return newestRun(await Promise.all(outcomes?.length ? outcomes.map(newest) : [newest()]));
  }

  async runLogMark(): Promise<RunLogMark> {
    const [[newest], open] = await Promise.all([
      this.query<{ newest: string | null }>('SELECT max(id) AS newest FROM sync_runs'),
      this.query<{ id: string }>('SELECT id FROM sync_runs WHERE finished_at IS NULL ORDER BY id'),
    ]);
    return { newestId: Number(newest?.newest ?? 0), openIds: open.map((r) => Number(r.id)) };
  }

  async finishedRuns(ids: readonly number[]): Promise<RunRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.query<RunRow & Row>('SELECT * FROM sync_runs WHERE id = ANY($1::bigint[]) AND finished_at IS NOT NULL ORDER BY id', [ids]);
    return rows.map(rowToRun);
  }

  async listHistory(filter: HistoryFilter): Promise<Page<HistoryEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.search) {
      // Same as SQLite's LIKE: a case-insensitive substring, the wildcards taken literally.
      where.push(`mo_id ILIKE $${params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
    }
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.from) where.push(`archived_at >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`archived_at < $${params.push(filter.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.query<{ n: number }>(`SELECT count(*)::int AS n FROM mo_histories ${clause}`, params);
    const rows = await this.query(
      `SELECT * FROM mo_histories ${clause}
       ORDER BY archived_at DESC NULLS LAST, CASE WHEN archived_at IS NULL THEN last_read_from_plc END DESC NULLS LAST, batch_no, id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items: rows.map(rowToHistoryEntry), total: count?.n ?? 0, page: filter.page, pageSize: filter.pageSize };
  }

  async archivedBetween(from: string, to: string): Promise<HistoryEntry[]> {
    const rows = await this.query('SELECT * FROM mo_histories WHERE archived_at >= $1 AND archived_at < $2 ORDER BY archived_at DESC, id', [from, to]);
    return rows.map(rowToHistoryEntry);
  }

  async applyFeedback(feedback: readonly BatchFeedback[], at: string): Promise<number> {
    const ids = feedback.map((f) => f.batchId).filter(isUuid);
    if (ids.length === 0) return 0;
    return this.transaction(async (tx) => {
      const stored = (await tx.query('SELECT * FROM mo_batch WHERE id = ANY($1::uuid[]) FOR UPDATE', [ids])).rows;
      let changedRows = 0;
      for (const item of feedback) {
        const row = stored.find((r) => r.id === item.batchId.toLowerCase());
        if (!row) continue;
        const changes = feedbackChanges(row, item);
        const columns = Object.keys(changes);
        if (columns.length === 0) continue;
        const sets = columns.map((column, i) => `${column} = $${i + 3}`);
        await tx.query(`UPDATE mo_batch SET ${sets.join(', ')}, last_read_from_plc = $2 WHERE id = $1`, [
          item.batchId,
          at,
          ...columns.map((c) => changes[c]),
        ]);
        changedRows++;
      }
      return changedRows;
    });
  }

  async archiveBatch(request: ArchiveRequest): Promise<void> {
    const copied = [...RECIPE_COLUMNS, ...FEEDBACK_COLUMNS].join(', ');
    await this.transaction(async (tx) => {
      if (request.withdrawConsumptionOf !== undefined) {
        const withdrawn = await tx.query(
          `INSERT INTO odoo_outbox AS o (mo_id, kind, payload, state, created_at, updated_at)
           VALUES ($1, 'consumption', '{}'::jsonb, 'withdrawn', $2, $2)
           ON CONFLICT (mo_id, kind) DO UPDATE SET
             state = 'withdrawn', next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = $2
           WHERE o.state = ANY($3)
           RETURNING id`,
          [request.withdrawConsumptionOf, request.at, WITHDRAWABLE],
        );
        if (withdrawn.rows.length === 0) throw new OutboxBusyError(request.withdrawConsumptionOf);
      }
      if (isUuid(request.batchId)) {
        await tx.query(
          `INSERT INTO mo_histories (${copied}, status, notes, archived_at)
           SELECT ${copied}, $2, $3, $4 FROM mo_batch WHERE id = $1`,
          [request.batchId, request.status, request.notes, request.at],
        );
        await tx.query('DELETE FROM mo_batch WHERE id = $1', [request.batchId]);
      }
      if (request.outboxId !== undefined) {
        await tx.query(`UPDATE odoo_outbox SET state = 'done', updated_at = $2 WHERE id = $1`, [request.outboxId, request.at]);
      }
    });
  }

  async markOdooCancelled(batchId: string): Promise<void> {
    if (!isUuid(batchId)) return;
    await this.query('UPDATE mo_batch SET odoo_cancelled = true WHERE id = $1', [batchId]);
  }

  async newWavesPause(): Promise<NewWavesPause> {
    return readNewWavesPause(this.run);
  }

  async setNewWavesPause(change: NewWavesChange): Promise<NewWavesChangeResult> {
    return setNewWavesPause(this.run, change);
  }

  async checkManualAdditive(check: AdditiveCheck): Promise<AdditiveCheckResult> {
    return checkAdditive(this.run, check);
  }

  private readonly run: PgRun = (sql, params) => this.query(sql, params);

  async enqueueOutbox(entry: NewOutboxEntry): Promise<OutboxEntry> {
    // Two statements, not one: the second sees a concurrent enqueue that the first one waited for.
    await this.query(
      `INSERT INTO odoo_outbox (mo_id, kind, payload, state, created_at, updated_at)
       VALUES ($1, $2, $3::jsonb, 'pending', $4, $4) ON CONFLICT (mo_id, kind) DO NOTHING`,
      [entry.moId, entry.kind, JSON.stringify(entry.payload), entry.at],
    );
    const stored = await this.outboxEntry(entry.moId, entry.kind);
    if (!stored) throw new Error(`outbox entry for ${entry.moId} (${entry.kind}) vanished right after it was enqueued`);
    return stored;
  }

  async updateOutbox(id: number, patch: OutboxPatch): Promise<OutboxEntry> {
    const row = await this.patchOutbox(id, patch, null);
    if (row) return rowToOutbox(row);
    const [unchanged] = await this.query<OutboxRow & Row>('SELECT * FROM odoo_outbox WHERE id = $1', [id]);
    if (!unchanged) throw new Error(`outbox entry ${id} does not exist`);
    return rowToOutbox(unchanged);
  }

  async updateClaimedOutbox(id: number, claimant: string, patch: OutboxPatch): Promise<OutboxEntry | null> {
    const row = await this.patchOutbox(id, patch, claimant);
    return row ? rowToOutbox(row) : null;
  }

  /** The row as changed, or undefined when the entry's state or its claim did not allow the change. */
  private async patchOutbox(id: number, patch: OutboxPatch, claimant: string | null): Promise<(OutboxRow & Row) | undefined> {
    const columns: Row = { updated_at: patch.at };
    if (patch.state !== undefined) columns.state = patch.state;
    if (patch.attempts !== undefined) columns.attempts = patch.attempts;
    if (patch.lastError !== undefined) columns.last_error = patch.lastError;
    if (patch.nextAttemptAt !== undefined) columns.next_attempt_at = patch.nextAttemptAt;
    if (patch.baseline !== undefined) columns.baseline = patch.baseline === null ? null : JSON.stringify(patch.baseline);
    const names = Object.keys(columns);
    const params: unknown[] = [id, ...names.map((c) => columns[c])];
    const onlyIn = patch.onlyIn ? ` AND state = ANY($${params.push(patch.onlyIn)})` : '';
    const claimed = claimant === null ? '' : ` AND claimed_by = $${params.push(claimant)} AND claimed_until > $2`;
    const [row] = await this.query<OutboxRow & Row>(
      `UPDATE odoo_outbox SET ${names.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1${onlyIn}${claimed} RETURNING *`,
      params,
    );
    return row;
  }


  async claimOutbox(id: number, claimant: string, claimUntil: string, at: string): Promise<OutboxEntry | null> {
    const [row] = await this.query<OutboxRow & Row>(
      `UPDATE odoo_outbox SET claimed_by = $2, claimed_until = $3
       WHERE id = $1 AND state = ANY($5) AND (claimed_by IS NULL OR claimed_until <= $4 OR claimed_by = $2)
       RETURNING *`,
      [id, claimant, claimUntil, at, DELIVERABLE],
    );
    return row ? rowToOutbox(row) : null;
  }

  async markOutboxSending(id: number, claimant: string, claimUntil: string, at: string): Promise<OutboxEntry | null> {
    const [row] = await this.query<OutboxRow & Row>(
      `UPDATE odoo_outbox SET state = 'sending', sent_at = $4, updated_at = $4, claimed_until = $3
       WHERE id = $1 AND state = ANY($5) AND claimed_by = $2 AND claimed_until > $4
       RETURNING *`,
      [id, claimant, claimUntil, at, DELIVERABLE],
    );
    return row ? rowToOutbox(row) : null;
  }

  async releaseOutbox(id: number, claimant: string): Promise<void> {
    await this.query('UPDATE odoo_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2', [id, claimant]);
  }

  async outboxEntry(moId: string, kind: OutboxKind): Promise<OutboxEntry | null> {
    const [row] = await this.query<OutboxRow & Row>('SELECT * FROM odoo_outbox WHERE mo_id = $1 AND kind = $2', [moId, kind]);
    return row ? rowToOutbox(row) : null;
  }

  async listOutbox(states: readonly OutboxState[]): Promise<OutboxEntry[]> {
    if (states.length === 0) return [];
    const rows = await this.query<OutboxRow & Row>('SELECT * FROM odoo_outbox WHERE state = ANY($1) ORDER BY id', [states]);
    return rows.map(rowToOutbox);
  }

  async saveEquipmentFailure(event: EquipmentFailureEvent): Promise<{ inserted: boolean }> {
    // The plant stores naive timestamps: failure_date in plant local time as the PLC reports it,
    // created_at/updated_at in UTC (../shared/plant/schema.md §3).
    const rows = await this.query(
      `INSERT INTO equipment_failure (equipment_code, equipment_name, description, failure_date, created_at, updated_at, source)
       VALUES ($1, '', $2, $3::timestamp, $4::timestamptz AT TIME ZONE 'UTC', $4::timestamptz AT TIME ZONE 'UTC', $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [event.equipmentCode, event.description, event.failureDate, event.at, event.source],
    );
    return { inserted: rows.length > 0 };
  }

  async pruneHistory(olderThan: string, keepLast: number, maxRuns: number): Promise<{ runs: number; logs: number }> {
    return this.transaction(async (tx) => {
      const nthNewestFinished = async (n: number): Promise<number | null> => {
        const [row] = (await tx.query<{ id: string }>('SELECT id FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1 OFFSET $1', [n])).rows;
        return row ? Number(row.id) : null;
      };
      const [started] = (await tx.query<{ id: string | null }>('SELECT MAX(id) AS id FROM sync_runs WHERE started_at < $1', [olderThan])).rows;
      const cut = runPruneCut({
        startedBefore: started?.id == null ? null : Number(started.id),
        keepFrom: await nthNewestFinished(keepLast - 1),
        capFrom: await nthNewestFinished(maxRuns - 1),
      });
      const runs = await tx.query('DELETE FROM sync_runs WHERE id < $1 AND finished_at IS NOT NULL', [cut]);
      const logs = await tx.query(
        `DELETE FROM system_log WHERE "timestamp" < $1
           AND id NOT IN (SELECT id FROM system_log ORDER BY "timestamp" DESC LIMIT $2)`,
        [olderThan, keepLast],
      );
      return { runs: runs.rowCount ?? 0, logs: logs.rowCount ?? 0 };
    });
  }


  async listAlarms(): Promise<AlarmRecord[]> {
    return listPgAlarms(this.alarmAccess);
  }

  async transitionAlarms<T extends AlarmTransition>(at: string, decide: (current: AlarmRecord[]) => T): Promise<T> {
    return transitionPgAlarms(this.alarmAccess, at, decide);
  }

  async listAlarmEvents(filter: AlarmEventFilter): Promise<AlarmEventPage> {
    return listPgAlarmEvents(this.alarmAccess, filter);
  }

  async appendAudit(line: AuditLine): Promise<void> {
    await appendPgAudit((sql, params) => this.query(sql, params), line);
  }

  async listAudit(filter: AuditFilter): Promise<AuditPage> {
    return listPgAudit((sql, params) => this.query(sql, params), filter);
  }

  async listUsers(): Promise<UserRecord[]> {
    return listPgUsers(this.userAccess);
  }

  async findUser(name: string): Promise<UserRecord | null> {
    return findPgUser(this.userAccess, name);
  }

  async countUsers(): Promise<number> {
    return countPgUsers(this.userAccess);
  }

  async createUser(user: NewUser): Promise<UserRecord | null> {
    return createPgUser(this.userAccess, user);
  }

  async changeUser(change: UserChange): Promise<UserChangeResult> {
    return changePgUser(this.userAccess, change);
  }

  async recordFailedPin(failed: FailedPin): Promise<UserRecord | null> {
    return recordPgFailedPin(this.userAccess, failed);
  }

  async clearFailedPins(name: string, at: string): Promise<UserRecord | null> {
    return clearPgFailedPins(this.userAccess, name, at);
  }

  private readonly userAccess: PgUserAccess = {
    query: (sql, params) => this.query(sql, params),
    transaction: (work) => this.transaction(work),
  };

  private readonly alarmAccess: PgAlarmAccess = {
    query: (sql, params) => this.query(sql, params),
    transaction: (work) => this.transaction(work),
  };

  async close(): Promise<void> {
    await this.db.close();
  }

  private async ready(): Promise<PgDatabase> {
    this.migration ??= migratePostgres(this.db).catch((error: unknown) => {
      if (error instanceof AuthorityUnavailableError) this.migration = null;
      throw error;
    });
    await this.migration;
    return this.db;
  }

  private async query<R extends PgRow = PgRow>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return (await this.ready()).query<R>(sql, params);
  }

  private async transaction<T>(work: (tx: PgQueryable) => Promise<T>): Promise<T> {
    return (await this.ready()).transaction(work);
  }
}
