/**
 * The mirror's local SQLite file: the same tables as the standalone authority
 * (electron/store/sqlite/sqlite-migrations.ts — a mirror is the same schema)
 * plus `mirror_state`, which records how far the copy has come. Rows arrive as
 * PostgreSQL returns them and are converted to the SQLite authority's
 * representation, so the SQLite store's read methods serve them unchanged.
 */
import type Database from 'better-sqlite3';
import type { MirroredTable } from '../postgres/pg-migrations';

/** Where the mirror stopped: the change-log position (transaction id, change id) it has applied. */
export interface MirrorCursor {
  /** xid8 as decimal text: 64-bit, compared only by PostgreSQL. */
  tx: string;
  id: number;
}

export interface MirrorState {
  mirrorId: string | null;
  cursor: MirrorCursor | null;
  lastChangeId: number;
  lastSyncAt: string | null;
}

interface TableWriter {
  columns: Set<string>;
  numeric: Set<string>;
  /** Upserts by the set of columns a row carries (columns the authority lacks keep their local default). */
  upserts: Map<string, Database.Statement>;
  /** Per unique index: local rows holding the same value (slot, MO) under another id — stale, see `upsert`. */
  evictClashes: { columns: string[]; statement: Database.Statement }[];
  remove: Database.Statement;
}

type PgRow = Record<string, unknown>;

export class MirrorLocalFile {
  private readonly writers = new Map<MirroredTable, TableWriter>();

  constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS mirror_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    // The trail is append-only in the authority, which is what makes it a record. This file is only a
    // copy of it: a fresh full copy (after a long absence, or of another database) must be able to
    // rewrite and drop its rows, so the copy does not carry the authority's refusal.
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
  }

  state(): MirrorState {
    const rows = this.db.prepare('SELECT key, value FROM mirror_state').all() as { key: string; value: string }[];
    const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
    const tx = value('cursor_tx');
    return {
      mirrorId: value('mirror_id'),
      cursor: tx === null ? null : { tx, id: Number(value('cursor_id') ?? 0) },
      lastChangeId: Number(value('last_change_id') ?? 0),
      lastSyncAt: value('last_sync_at'),
    };
  }

  saveState(state: Partial<MirrorState>): void {
    const entries: [string, string | null][] = [];
    if (state.mirrorId !== undefined) entries.push(['mirror_id', state.mirrorId]);
    if (state.cursor !== undefined) {
      entries.push(['cursor_tx', state.cursor?.tx ?? null], ['cursor_id', state.cursor ? String(state.cursor.id) : null]);
    }
    if (state.lastChangeId !== undefined) entries.push(['last_change_id', String(state.lastChangeId)]);
    if (state.lastSyncAt !== undefined) entries.push(['last_sync_at', state.lastSyncAt]);
    const put = this.db.prepare('INSERT INTO mirror_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    const drop = this.db.prepare('DELETE FROM mirror_state WHERE key = ?');
    for (const [key, value] of entries) {
      if (value === null) drop.run(key);
      else put.run(key, value);
    }
  }

  /** Runs `work` in one SQLite transaction: a reader sees a page applied entirely or not at all. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /**
   * Stores rows as the authority holds them now. A local row that holds the
   * same slot or MO under another id is stale (the authority moved or deleted
   * it, and that change is still ahead in the log): it is dropped here and
   * comes back, if it still exists, when its own change is applied.
   */
  upsert(table: MirroredTable, rows: readonly PgRow[]): void {
    const [first] = rows;
    if (!first) return;
    const writer = this.writer(table);
    // Rows of one call come from one SELECT, so they carry the same columns.
    const columns = Object.keys(first).filter((column) => writer.columns.has(column));
    const numeric = columns.map((column) => writer.numeric.has(column));
    const evictions = writer.evictClashes.filter((evict) => evict.columns.every((c) => columns.includes(c)));
    const upsert = this.upsertStatement(table, writer, columns);
    for (const row of rows) {
      const values = columns.map((column, i) => toSqlite(row[column], numeric[i]!));
      for (const evict of evictions) {
        evict.statement.run(...evict.columns.map((c) => values[columns.indexOf(c)]), values[columns.indexOf('id')]);
      }
      upsert.run(values);
    }
  }

  remove(table: MirroredTable, ids: readonly string[]): void {
    const writer = this.writer(table);
    for (const id of ids) writer.remove.run(id);
  }

  removeAll(table: MirroredTable): void {
    this.db.prepare(`DELETE FROM ${table}`).run();
  }

  /** Local ids of a table, as text (the form the change log uses for keys). */
  ids(table: MirroredTable): string[] {
    return (this.db.prepare(`SELECT CAST(id AS TEXT) AS id FROM ${table}`).all() as { id: string }[]).map((r) => r.id);
  }

  private writer(table: MirroredTable): TableWriter {
    const cached = this.writers.get(table);
    if (cached) return cached;
    const info = this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string }[];
    const writer: TableWriter = {
      columns: new Set(info.map((c) => c.name)),
      numeric: new Set(info.filter((c) => /INT|REAL/i.test(c.type)).map((c) => c.name)),
      upserts: new Map(),
      evictClashes: this.uniqueColumnSets(table).map((set) => ({
        columns: set,
        statement: this.db.prepare(`DELETE FROM ${table} WHERE ${set.map((c) => `${c} = ?`).join(' AND ')} AND id <> ?`),
      })),
      remove: this.db.prepare(`DELETE FROM ${table} WHERE id = ?`),
    };
    this.writers.set(table, writer);
    return writer;
  }

  private upsertStatement(table: MirroredTable, writer: TableWriter, columns: string[]): Database.Statement {
    const key = columns.join(',');
    let statement = writer.upserts.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
      );
      writer.upserts.set(key, statement);
    }
    return statement;
  }

  /** Columns of the table's unique indexes other than the primary key (mo_batch: slot and MO). */
  private uniqueColumnSets(table: MirroredTable): string[][] {
    const indexes = this.db.prepare(`PRAGMA index_list(${table})`).all() as { name: string; unique: number; origin: string }[];
    return indexes
      .filter((index) => index.unique === 1 && index.origin !== 'pk')
      .map((index) => (this.db.prepare(`PRAGMA index_info(${index.name})`).all() as { name: string }[]).map((c) => c.name));
  }
}

/** PostgreSQL values as the SQLite authority stores them: ISO text times, 0/1 flags, JSON text, numbers. */
function toSqlite(value: unknown, numericColumn: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  // numeric(18,3) and bigint arrive as text so that no precision is lost in transit.
  if (numericColumn && typeof value === 'string') return Number(value);
  return value;
}
