/**
 * The standalone authority: one SQLite file in the data directory (WAL, so
 * the console reads while tasks write), plus the gate's lock file beside it.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { BatchRecipe, HistoryEntry, Outcome, Page, QueueBatch, RunRecord, TaskName } from '../../../shared/domain';
import type {
  AuthorityStore,
  DispatchIntent,
  HistoryFilter,
  RunFilter,
  RunFinish,
  RunStart,
  SyncLock,
} from '../authority-store';
import { RECIPE_COLUMNS, recipeToRow, rowToHistoryEntry, rowToQueueBatch, type Row } from '../batch-columns';
import { rowToRun, type RunRow } from '../run-rows';
import { tryAcquireGateLock } from './sqlite-gate-lock';
import { migrateSqlite } from './sqlite-migrate';

export interface SqliteStoreOptions {
  /** Path of the database file. */
  file: string;
  /** Path of the gate's lock file. */
  lockFile: string;
  /** better-sqlite3 binary built for the running ABI (Electron). */
  nativeBinding?: string;
}

const OPEN_PHASES = ['writing', 'verified'] as const;

export class SqliteStore implements AuthorityStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;

  constructor(private readonly options: SqliteStoreOptions) {
    this.db = new Database(options.file, {
      timeout: 10_000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrateSqlite(this.db);
  }

  /** For the store's own tests and the mirror: the raw connection. */
  get connection(): Database.Database {
    return this.db;
  }

  async tryAcquireSyncLock(): Promise<SyncLock | null> {
    return tryAcquireGateLock(this.options.lockFile, this.options.nativeBinding);
  }

  async countQueue(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM mo_batch').get() as { n: number }).n;
  }

  async listQueue(): Promise<QueueBatch[]> {
    return (this.db.prepare('SELECT * FROM mo_batch ORDER BY batch_no').all() as Row[]).map(rowToQueueBatch);
  }

  async knownMoIds(moIds: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    if (moIds.length === 0) return known;
    const placeholders = moIds.map(() => '?').join(',');
    const rows = this.db
      .prepare(
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

  async recordIntent(runId: number, station: string, recipes: BatchRecipe[], at: string): Promise<DispatchIntent> {
    const result = this.db
      .prepare(`INSERT INTO dispatch_intents (run_id, station, created_at, phase, recipes) VALUES (?, ?, ?, 'writing', ?)`)
      .run(runId, station, at, JSON.stringify(recipes));
    return { id: Number(result.lastInsertRowid), runId, station, createdAt: at, phase: 'writing', recipes };
  }

  async setIntentPhase(intentId: number, phase: 'verified' | 'abandoned', at: string): Promise<void> {
    this.db
      .prepare(`UPDATE dispatch_intents SET phase = ?, resolved_at = CASE WHEN ? = 'abandoned' THEN ? END WHERE id = ?`)
      .run(phase, phase, at, intentId);
  }

  async commitWave(intentId: number, phase: 'committed' | 'adopted', at: string): Promise<void> {
    const intent = this.intentById(intentId);
    const insert = this.db.prepare(
      `INSERT INTO mo_batch (id, ${RECIPE_COLUMNS.join(', ')}) VALUES (@id, ${RECIPE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.db.transaction(() => {
      for (const recipe of intent.recipes) insert.run({ id: randomUUID(), ...recipeToRow(recipe) });
      this.db.prepare(`UPDATE dispatch_intents SET phase = ?, resolved_at = ? WHERE id = ?`).run(phase, at, intentId);
    }).immediate();
  }

  async unresolvedIntents(): Promise<DispatchIntent[]> {
    const rows = this.db
      .prepare(`SELECT * FROM dispatch_intents WHERE phase IN (${OPEN_PHASES.map(() => '?').join(',')}) ORDER BY id`)
      .all(...OPEN_PHASES) as IntentRow[];
    return rows.map(rowToIntent);
  }

  async startRun(run: RunStart): Promise<number> {
    const result = this.db
      .prepare(`INSERT INTO sync_runs (task, trigger, station, pid, started_at) VALUES (?, ?, ?, ?, ?)`)
      .run(run.task, run.trigger, run.station, run.pid, run.startedAt);
    return Number(result.lastInsertRowid);
  }

  async finishRun(id: number, finish: RunFinish): Promise<RunRecord> {
    this.db
      .prepare(
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
    return rowToRun(this.db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(id) as RunRow);
  }

  async closeInterruptedRuns(
    station: string,
    isAlive: (pid: number) => boolean,
    reason: string,
    at: string,
  ): Promise<RunRecord[]> {
    const open = this.db
      .prepare('SELECT id, pid FROM sync_runs WHERE finished_at IS NULL AND station = ?')
      .all(station) as { id: number; pid: number }[];
    const closed: RunRecord[] = [];
    for (const run of open.filter((r) => !isAlive(r.pid))) {
      closed.push(await this.finishRun(run.id, { outcome: 'error', reason, finishedAt: at }));
    }
    return closed;
  }

  async listRuns(filter: RunFilter): Promise<Page<RunRecord>> {
    const where = ['finished_at IS NOT NULL'];
    const params: unknown[] = [];
    if (filter.task) {
      where.push('task = ?');
      params.push(filter.task);
    }
    if (filter.outcome) {
      where.push('outcome = ?');
      params.push(filter.outcome);
    }
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM sync_runs WHERE ${clause}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM sync_runs WHERE ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as RunRow[];
    return { items: rows.map(rowToRun), total, page: filter.page, pageSize: filter.pageSize };
  }

  async lastRun(task: TaskName, outcomes?: Outcome[]): Promise<RunRecord | null> {
    const outcomeClause = outcomes?.length ? `AND outcome IN (${outcomes.map(() => '?').join(',')})` : '';
    const row = this.db
      .prepare(`SELECT * FROM sync_runs WHERE task = ? AND finished_at IS NOT NULL ${outcomeClause} ORDER BY id DESC LIMIT 1`)
      .get(task, ...(outcomes ?? [])) as RunRow | undefined;
    return row ? rowToRun(row) : null;
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
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM mo_histories ${clause}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT * FROM mo_histories ${clause}
         ORDER BY archived_at IS NULL, archived_at DESC, last_read_from_plc IS NULL, last_read_from_plc DESC
         LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as Row[];
    return { items: rows.map(rowToHistoryEntry), total, page: filter.page, pageSize: filter.pageSize };
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private intentById(id: number): DispatchIntent {
    const row = this.db.prepare('SELECT * FROM dispatch_intents WHERE id = ?').get(id) as IntentRow | undefined;
    if (!row) throw new Error(`dispatch intent ${id} does not exist`);
    return rowToIntent(row);
  }
}

interface IntentRow {
  id: number;
  run_id: number;
  station: string;
  created_at: string;
  phase: DispatchIntent['phase'];
  recipes: string;
}

function rowToIntent(row: IntentRow): DispatchIntent {
  return {
    id: row.id,
    runId: row.run_id,
    station: row.station,
    createdAt: row.created_at,
    phase: row.phase,
    recipes: JSON.parse(row.recipes) as BatchRecipe[],
  };
}
