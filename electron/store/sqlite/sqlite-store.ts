/**
 * The standalone authority: one SQLite file in the data directory (WAL, so
 * the console reads while tasks write), plus the gate's lock file beside it.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
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
  GateLockLostError,
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
import { rowToIntent, type IntentRow } from '../intent-rows';
import { DELIVERABLE, WITHDRAWABLE, rowToOutbox, type OutboxRow } from '../outbox-rows';
import { newestRun, readRunPage, type RunWindow } from '../run-page';
import { runPruneCut } from '../run-prune';
import { rowToRun, type RunRow } from '../run-rows';
import { sqliteRunWindow } from './sqlite-run-window';
import type { AlarmEventFilter, AlarmRecord, AlarmTransition } from '../alarm-records';
import { SqliteAlarms } from './sqlite-alarms';
import { SqliteUsers } from './sqlite-users';
import type { FailedPin, NewUser, UserChange, UserChangeResult, UserRecord } from '../user-records';
import { appendSqliteAudit, listSqliteAudit } from './sqlite-audit';
import type { AuditFilter, AuditLine } from '../../engine/people/caller';
import { tryAcquireGateLock } from './sqlite-gate-lock';
import { assertIntact } from './sqlite-integrity';
import { migrateSqlite } from './sqlite-migrate';
import { SQLITE_QUEUE_WITH_ADDITIVES, checkAdditive, insertAdditives, readNewWavesPause, setNewWavesPause } from './sqlite-operator-controls';
import type { AdditiveCheck, AdditiveCheckResult, NewWavesChange, NewWavesChangeResult } from '../operator-controls';

export interface SqliteStoreOptions {
  /** Path of the database file. */
  file: string;
  /** Path of the gate's lock file. */
  lockFile: string;
  /** better-sqlite3 binary built for the running ABI (Electron). */
  nativeBinding?: string;
}

const STATEMENT_CACHE_SIZE = 256;

export class SqliteStore implements AuthorityStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  /** Compiled statements by SQL text: compiling costs more than running most of these queries. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly alarms: SqliteAlarms;
  private readonly users: SqliteUsers;

  constructor(private readonly options: SqliteStoreOptions) {
    this.db = new Database(options.file, {
      timeout: 10_000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      assertIntact(this.db, options.file);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrateSqlite(this.db);
    this.alarms = new SqliteAlarms(this.db);
    this.users = new SqliteUsers(this.db);
  }

  /** For the store's own tests and the mirror: the raw connection. */
  get connection(): Database.Database {
    return this.db;
  }

  async tryAcquireSyncLock(): Promise<SyncLock | null> {
    const takeEpoch = () => (this.statement('UPDATE gate_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch').get() as { epoch: number }).epoch;
    return tryAcquireGateLock(this.options.lockFile, takeEpoch, this.options.nativeBinding);
  }

  async countQueue(): Promise<number> {
    return (this.statement('SELECT COUNT(*) AS n FROM mo_batch').get() as { n: number }).n;
  }

  async listQueue(): Promise<QueueBatch[]> {
    return (this.statement(SQLITE_QUEUE_WITH_ADDITIVES).all() as Row[]).map(rowToQueueBatch);
  }

  async knownMoIds(moIds: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    if (moIds.length === 0) return known;
    const placeholders = moIds.map(() => '?').join(',');
    const rows = this.statement(
        `SELECT mo_id FROM mo_batch WHERE mo_id IN (${placeholders})
         UNION SELECT mo_id FROM mo_histories WHERE mo_id IN (${placeholders})`,
      )
      .all(...moIds, ...moIds) as { mo_id: string }[];
    for (const row of rows) known.add(row.mo_id);
    for (const intent of await this.unresolvedIntents()) {
      for (const recipe of intent.recipes) if (moIds.includes(recipe.moId)) known.add(recipe.moId);
    }
    return known;
  }

  async recordIntent(runId: number, station: string, recipes: BatchRecipe[], at: string, epoch: number): Promise<DispatchIntent> {
    const result = this.fenced(epoch, () =>
      this.statement(`INSERT INTO dispatch_intents (run_id, station, created_at, phase, recipes) VALUES (?, ?, ?, 'writing', ?)`)
        .run(runId, station, at, JSON.stringify(recipes)),
    );
    return { id: Number(result.lastInsertRowid), runId, station, createdAt: at, phase: 'writing', recipes, plcView: null };
  }

  async setIntentPhase(intentId: number, phase: 'verified' | 'abandoned', at: string, epoch: number): Promise<void> {
    this.fenced(epoch, () =>
      this.statement(`UPDATE dispatch_intents SET phase = ?, resolved_at = CASE WHEN ? = 'abandoned' THEN ? END WHERE id = ?`)
        .run(phase, phase, at, intentId),
    );
  }

  async commitWave(intentId: number, phase: 'committed' | 'adopted', at: string, epoch: number): Promise<void> {
    const intent = this.intentById(intentId);
    const insert = this.statement(
      `INSERT INTO mo_batch (id, ${RECIPE_COLUMNS.join(', ')}) VALUES (@id, ${RECIPE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.fenced(epoch, () => {
      for (const recipe of intent.recipes) insert.run({ id: randomUUID(), ...recipeToRow(recipe) });
      insertAdditives((sql) => this.statement(sql), intent.recipes);
      this.statement(`UPDATE dispatch_intents SET phase = ?, resolved_at = ? WHERE id = ?`).run(phase, at, intentId);
    });
  }

  async holdIntent(intentId: number, phase: HeldPhase, plcView: string, epoch: number): Promise<void> {
    this.fenced(epoch, () => this.statement('UPDATE dispatch_intents SET phase = ?, plc_view = ? WHERE id = ?').run(phase, plcView, intentId));
  }

  /** A gate write, refused (GateLockLostError) if the sync lock was taken again since `epoch` was handed out. */
  private fenced<T>(epoch: number, write: () => T): T {
    return this.db.transaction(() => {
      const newest = (this.statement('SELECT epoch FROM gate_epoch WHERE id = 1').get() as { epoch: number }).epoch;
      if (newest !== epoch) throw new GateLockLostError(epoch, newest);
      return write();
    }).immediate();
  }

  async unresolvedIntents(): Promise<DispatchIntent[]> {
    const rows = this.statement(`SELECT * FROM dispatch_intents WHERE phase IN (${UNRESOLVED_PHASES.map(() => '?').join(',')}) ORDER BY id`)
      .all(...UNRESOLVED_PHASES) as IntentRow[];
    return rows.map(rowToIntent);
  }

  async startRun(run: RunStart): Promise<number> {
    const result = this.statement(`INSERT INTO sync_runs (task, trigger, station, pid, started_at) VALUES (?, ?, ?, ?, ?)`)
      .run(run.task, run.trigger, run.station, run.pid, run.startedAt);
    return Number(result.lastInsertRowid);
  }

  async finishRun(id: number, finish: RunFinish): Promise<RunRecord> {
    this.statement(
        `UPDATE sync_runs SET finished_at = @finishedAt, outcome = @outcome, reason = @reason,
           queue_count = @queueCount, mo_ids = @moIds,
           duration_ms = CAST(ROUND((julianday(@finishedAt) - julianday(started_at)) * 86400000) AS INTEGER)
         WHERE id = @id`,
      )
      .run({
        id,
        finishedAt: finish.finishedAt,
        outcome: finish.outcome,
        reason: finish.reason,
        queueCount: finish.queueCount ?? null,
        moIds: JSON.stringify(finish.moIds ?? []),
      });
    const row = this.statement('SELECT * FROM sync_runs WHERE id = ?').get(id) as RunRow | undefined;
    if (!row) throw new Error(`run ${id} does not exist`);
    return rowToRun(row);
  }

  async closeInterruptedRuns(
    station: string,
    isAlive: (pid: number) => boolean,
    reason: string,
    at: string,
  ): Promise<RunRecord[]> {
    const open = this.statement('SELECT id, pid FROM sync_runs WHERE finished_at IS NULL AND station = ? ORDER BY id')
      .all(station) as { id: number; pid: number }[];
    const closed: RunRecord[] = [];
    for (const run of open.filter((r) => !isAlive(r.pid))) {
      closed.push(await this.finishRun(run.id, { outcome: 'error', reason, finishedAt: at }));
    }
    return closed;
  }

  async listRuns(filter: RunFilter): Promise<RunPage> {
    return readRunPage(
      {
        window: async (window, limit, oldestFirst) => this.runWindow(window, limit, oldestFirst),
        idStartedAtOrBefore: async (at) => {
          const row = this.statement('SELECT id FROM sync_runs WHERE started_at <= ? ORDER BY started_at DESC, id DESC LIMIT 1')
            .get(new Date(at).toISOString()) as { id: number } | undefined;
          return row?.id ?? null;
        },
      },
      filter,
    );
  }

  private runWindow(window: RunWindow, limit: number, oldestFirst: boolean): RunRecord[] {
    const { sql, params } = sqliteRunWindow(window, limit, oldestFirst);
    return (this.statement(sql).all(...params) as RunRow[]).map(rowToRun);
  }

  async lastRun(task: TaskName, outcomes?: Outcome[]): Promise<RunRecord | null> {
    // One look-up per outcome: an IN list would read every run of those outcomes only to sort them.
    const newest = (outcome?: Outcome) => {
      const row = (
        outcome === undefined
          ? this.statement('SELECT * FROM sync_runs WHERE task = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1').get(task)
          : this.statement('SELECT * FROM sync_runs WHERE task = ? AND outcome = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1').get(task, outcome)
      ) as RunRow | undefined;
      return row ? rowToRun(row) : null;
    };
    return newestRun(outcomes?.length ? outcomes.map(newest) : [newest()]);
  }

  async runLogMark(): Promise<RunLogMark> {
    const { newest } = this.statement('SELECT max(id) AS newest FROM sync_runs').get() as { newest: number | null };
    // Unordered, so that it reads the partial index of open runs rather than the whole table in id order.
    const open = this.statement('SELECT id FROM sync_runs WHERE finished_at IS NULL').all() as { id: number }[];
    return { newestId: newest ?? 0, openIds: open.map((r) => r.id).sort((a, b) => a - b) };
  }

  async finishedRuns(ids: readonly number[]): Promise<RunRecord[]> {
    if (ids.length === 0) return [];
    const rows = this.statement('SELECT * FROM sync_runs WHERE id IN (SELECT value FROM json_each(?)) AND finished_at IS NOT NULL ORDER BY id')
      .all(JSON.stringify(ids)) as RunRow[];
    return rows.map(rowToRun);
  }

  async listHistory(filter: HistoryFilter): Promise<Page<HistoryEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.search) {
      where.push(`mo_id LIKE ? ESCAPE '\\'`);
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.from) {
      where.push('archived_at >= ?');
      params.push(new Date(filter.from).toISOString());
    }
    if (filter.to) {
      where.push('archived_at < ?');
      params.push(new Date(filter.to).toISOString());
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.statement(`SELECT COUNT(*) AS n FROM mo_histories ${clause}`).get(...params) as { n: number }).n;
    const rows = this.statement(
        `SELECT * FROM mo_histories ${clause}
         ORDER BY archived_at IS NULL, archived_at DESC,
           CASE WHEN archived_at IS NULL THEN last_read_from_plc END IS NULL, CASE WHEN archived_at IS NULL THEN last_read_from_plc END DESC,
           batch_no, id
         LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as Row[];
    return { items: rows.map(rowToHistoryEntry), total, page: filter.page, pageSize: filter.pageSize };
  }

  async archivedBetween(from: string, to: string): Promise<HistoryEntry[]> {
    const rows = this.statement('SELECT * FROM mo_histories WHERE archived_at >= ? AND archived_at < ? ORDER BY archived_at DESC, id')
      .all(new Date(from).toISOString(), new Date(to).toISOString()) as Row[];
    return rows.map(rowToHistoryEntry);
  }

  async applyFeedback(feedback: readonly BatchFeedback[], at: string): Promise<number> {
    const read = this.statement('SELECT * FROM mo_batch WHERE id = ?');
    let changedRows = 0;
    this.db.transaction(() => {
      for (const item of feedback) {
        const row = read.get(item.batchId) as Row | undefined;
        if (!row) continue;
        const changes = feedbackChanges(row, item);
        if (Object.keys(changes).length === 0) continue;
        const sets = Object.keys(changes).map((column) => `${column} = @${column}`);
        this.statement(`UPDATE mo_batch SET ${sets.join(', ')}, last_read_from_plc = @at WHERE id = @id`)
          .run({ ...toSqlite(changes), at, id: item.batchId });
        changedRows++;
      }
    }).immediate();
    return changedRows;
  }

  async archiveBatch(request: ArchiveRequest): Promise<void> {
    const copied = [...RECIPE_COLUMNS, ...FEEDBACK_COLUMNS].join(', ');
    this.db.transaction(() => {
      if (request.withdrawConsumptionOf !== undefined) {
        const withdrawn = this.statement(
            `INSERT INTO odoo_outbox (mo_id, kind, payload, state, created_at, updated_at)
             VALUES (@moId, 'consumption', '{}', 'withdrawn', @at, @at)
             ON CONFLICT (mo_id, kind) DO UPDATE SET
               state = 'withdrawn', next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = @at
             WHERE odoo_outbox.state IN (${inList(WITHDRAWABLE)})
             RETURNING id`,
          )
          .get({ moId: request.withdrawConsumptionOf, at: request.at });
        if (!withdrawn) throw new OutboxBusyError(request.withdrawConsumptionOf);
      }
      this.statement(
          `INSERT INTO mo_histories (id, ${copied}, status, notes, archived_at)
           SELECT @newId, ${copied}, @status, @notes, @at FROM mo_batch WHERE id = @batchId`,
        )
        .run({ newId: randomUUID(), status: request.status, notes: request.notes, at: request.at, batchId: request.batchId });
      this.statement('DELETE FROM mo_batch WHERE id = ?').run(request.batchId);
      if (request.outboxId !== undefined) {
        this.statement(`UPDATE odoo_outbox SET state = 'done', updated_at = ? WHERE id = ?`).run(request.at, request.outboxId);
      }
    }).immediate();
  }

  async markOdooCancelled(batchId: string): Promise<void> {
    this.statement('UPDATE mo_batch SET odoo_cancelled = 1 WHERE id = ?').run(batchId);
  }

  async newWavesPause(): Promise<NewWavesPause> {
    return readNewWavesPause((sql) => this.statement(sql));
  }

  async setNewWavesPause(change: NewWavesChange): Promise<NewWavesChangeResult> {
    return setNewWavesPause((sql) => this.statement(sql), change);
  }

  async checkManualAdditive(check: AdditiveCheck): Promise<AdditiveCheckResult> {
    return checkAdditive((sql) => this.statement(sql), check);
  }

  async enqueueOutbox(entry: NewOutboxEntry): Promise<OutboxEntry> {
    this.statement(
        `INSERT INTO odoo_outbox (mo_id, kind, payload, state, created_at, updated_at)
         VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT (mo_id, kind) DO NOTHING`,
      )
      .run(entry.moId, entry.kind, JSON.stringify(entry.payload), entry.at, entry.at);
    return (await this.outboxEntry(entry.moId, entry.kind)) as OutboxEntry;
  }

  async updateOutbox(id: number, patch: OutboxPatch): Promise<OutboxEntry> {
    const row = this.patchOutbox(id, patch, null);
    return row ? rowToOutbox(row) : this.outboxById(id);
  }

  async updateClaimedOutbox(id: number, claimant: string, patch: OutboxPatch): Promise<OutboxEntry | null> {
    const row = this.patchOutbox(id, patch, claimant);
    return row ? rowToOutbox(row) : null;
  }

  /** The row as changed, or undefined when the entry's state or its claim did not allow the change. */
  private patchOutbox(id: number, patch: OutboxPatch, claimant: string | null): OutboxRow | undefined {
    const columns: Record<string, unknown> = { updated_at: patch.at };
    if (patch.state !== undefined) columns.state = patch.state;
    if (patch.attempts !== undefined) columns.attempts = patch.attempts;
    if (patch.lastError !== undefined) columns.last_error = patch.lastError;
    if (patch.nextAttemptAt !== undefined) columns.next_attempt_at = patch.nextAttemptAt;
    if (patch.baseline !== undefined) columns.baseline = patch.baseline === null ? null : JSON.stringify(patch.baseline);
    const sets = Object.keys(columns).map((c) => `${c} = @${c}`);
    const onlyIn = patch.onlyIn ? ` AND state IN (${inList(patch.onlyIn)})` : '';
    const claimed = claimant === null ? '' : ' AND claimed_by = @claimant AND claimed_until > @updated_at';
    return this.statement(`UPDATE odoo_outbox SET ${sets.join(', ')} WHERE id = @id${onlyIn}${claimed} RETURNING *`).get({
      ...columns,
      id,
      ...(claimant === null ? {} : { claimant }),
    }) as OutboxRow | undefined;
  }


  async claimOutbox(id: number, claimant: string, claimUntil: string, at: string): Promise<OutboxEntry | null> {
    const row = this.statement(
        `UPDATE odoo_outbox SET claimed_by = @claimant, claimed_until = @claimUntil
         WHERE id = @id AND state IN (${inList(DELIVERABLE)})
           AND (claimed_by IS NULL OR claimed_until <= @at OR claimed_by = @claimant)
         RETURNING *`,
      )
      .get({ id, claimant, claimUntil, at }) as OutboxRow | undefined;
    return row ? rowToOutbox(row) : null;
  }

  async markOutboxSending(id: number, claimant: string, claimUntil: string, at: string): Promise<OutboxEntry | null> {
    const row = this.statement(
        `UPDATE odoo_outbox SET state = 'sending', sent_at = @at, updated_at = @at, claimed_until = @claimUntil
         WHERE id = @id AND state IN (${inList(DELIVERABLE)}) AND claimed_by = @claimant AND claimed_until > @at
         RETURNING *`,
      )
      .get({ id, claimant, claimUntil, at }) as OutboxRow | undefined;
    return row ? rowToOutbox(row) : null;
  }

  async releaseOutbox(id: number, claimant: string): Promise<void> {
    this.statement('UPDATE odoo_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?').run(id, claimant);
  }

  async outboxEntry(moId: string, kind: OutboxKind): Promise<OutboxEntry | null> {
    const row = this.statement('SELECT * FROM odoo_outbox WHERE mo_id = ? AND kind = ?').get(moId, kind) as OutboxRow | undefined;
    return row ? rowToOutbox(row) : null;
  }

  async listOutbox(states: readonly OutboxState[]): Promise<OutboxEntry[]> {
    if (states.length === 0) return [];
    const rows = this.statement(`SELECT * FROM odoo_outbox WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY id`)
      .all(...states) as OutboxRow[];
    return rows.map(rowToOutbox);
  }

  async saveEquipmentFailure(event: EquipmentFailureEvent): Promise<{ inserted: boolean }> {
    const result = this.statement(
        `INSERT INTO equipment_failure (id, equipment_code, equipment_name, description, failure_date, created_at, updated_at, source)
         VALUES (?, ?, '', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(randomUUID(), event.equipmentCode, event.description, event.failureDate, event.at, event.at, event.source);
    return { inserted: result.changes > 0 };
  }

  async pruneHistory(olderThan: string, keepLast: number, maxRuns: number): Promise<{ runs: number; logs: number }> {
    const nthNewestFinished = this.statement('SELECT id FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1 OFFSET ?');
    return this.db.transaction(() => {
      const cut = runPruneCut({
        startedBefore: (this.statement('SELECT MAX(id) AS id FROM sync_runs WHERE started_at < ?').get(olderThan) as { id: number | null }).id,
        keepFrom: (nthNewestFinished.get(keepLast - 1) as { id: number } | undefined)?.id ?? null,
        capFrom: (nthNewestFinished.get(maxRuns - 1) as { id: number } | undefined)?.id ?? null,
      });
      return {
        runs: this.statement('DELETE FROM sync_runs WHERE id < ? AND finished_at IS NOT NULL').run(cut).changes,
        logs: this.statement(
          `DELETE FROM system_log WHERE timestamp < ?
           AND id NOT IN (SELECT id FROM system_log ORDER BY timestamp DESC LIMIT ?)`,
        ).run(olderThan, keepLast).changes,
      };
    }).immediate();
  }


  async listAlarms(): Promise<AlarmRecord[]> {
    return this.alarms.list();
  }

  async transitionAlarms<T extends AlarmTransition>(at: string, decide: (current: AlarmRecord[]) => T): Promise<T> {
    return this.alarms.transition(at, decide);
  }

  async listAlarmEvents(filter: AlarmEventFilter): Promise<AlarmEventPage> {
    return this.alarms.events(filter);
  }

  async appendAudit(line: AuditLine): Promise<void> {
    appendSqliteAudit((sql) => this.statement(sql), line);
  }

  async listAudit(filter: AuditFilter): Promise<AuditPage> {
    return listSqliteAudit((sql) => this.statement(sql), filter);
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.users.list();
  }

  async findUser(name: string): Promise<UserRecord | null> {
    return this.users.find(name);
  }

  async countUsers(): Promise<number> {
    return this.users.count();
  }

  async createUser(user: NewUser): Promise<UserRecord | null> {
    return this.users.create(user);
  }

  async changeUser(change: UserChange): Promise<UserChangeResult> {
    return this.users.change(change);
  }

  async recordFailedPin(failed: FailedPin): Promise<UserRecord | null> {
    return this.users.recordFailedPin(failed);
  }

  async clearFailedPins(name: string, at: string): Promise<UserRecord | null> {
    return this.users.clearFailedPins(name, at);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private outboxById(id: number): OutboxEntry {
    const row = this.statement('SELECT * FROM odoo_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    if (!row) throw new Error(`outbox entry ${id} does not exist`);
    return rowToOutbox(row);
  }

  private statement(sql: string): Database.Statement {
    let compiled = this.statements.get(sql);
    if (!compiled) {
      // Lists of placeholders vary with their input; a bound keeps those from piling up.
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      compiled = this.db.prepare(sql);
      this.statements.set(sql, compiled);
    }
    return compiled;
  }

  private intentById(id: number): DispatchIntent {
    const row = this.statement('SELECT * FROM dispatch_intents WHERE id = ?').get(id) as IntentRow | undefined;
    if (!row) throw new Error(`dispatch intent ${id} does not exist`);
    return rowToIntent(row);
  }
}

/** A fixed list of outbox states as SQL literals (they are constants, never input). */
const inList = (states: readonly OutboxState[]): string => states.map((s) => `'${s}'`).join(', ') || 'NULL';

/** SQLite has no boolean type: flags are stored as 0/1. */
function toSqlite(values: Row): Row {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]));
}
