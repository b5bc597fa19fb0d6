/**
 * How the mirror follows the authority: a full copy from one consistent
 * snapshot, then the change log in (transaction id, change id) order.
 *
 * Why the transaction id: change ids come from a sequence and are handed out
 * when a row is written, not when its transaction commits, so a reader that
 * only kept "the last id seen" would skip a slow transaction's smaller ids for
 * good. A reader takes only changes of transactions older than every
 * transaction still in flight (`pg_snapshot_xmin`); the set of those never
 * grows afterwards, so a cursor over (tx, id) never passes a change it has not
 * seen. Applying a change re-reads the row's current state (upsert, or delete
 * if gone), so applying one twice, or late, is harmless.
 */
import type { PgDatabase, PgQueryable } from '../postgres/pg-database';
import { MIRRORED_TABLES, type MirroredTable } from '../postgres/pg-migrations';
import type { MirrorCursor, MirrorLocalFile } from './mirror-local';

/** Key type of each mirrored table, to cast the change log's text keys. */
const KEY_TYPE: Record<MirroredTable, string> = { mo_batch: 'uuid', mo_histories: 'uuid', sync_runs: 'bigint', audit_log: 'bigint' };

export interface SyncProgress {
  cursor: MirrorCursor;
  lastChangeId: number;
}

/**
 * Copies every mirrored table from one REPEATABLE READ snapshot, a page per
 * SQLite transaction, then drops local rows the authority no longer has.
 * Changes of transactions the snapshot could not see are all at or after the
 * returned cursor, so following the log from there misses nothing.
 */
export async function copyAll(db: PgDatabase, local: MirrorLocalFile, pageSize: number, onSnapshot: (start: SyncProgress) => Promise<void>): Promise<SyncProgress> {
  return db.transaction(async (tx) => {
    const [snapshot] = (
      await tx.query<{ horizon: string; last_id: string }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
                coalesce((SELECT max(id) FROM smart_mo_sync_changes), 0) AS last_id`,
      )
    ).rows;
    const progress: SyncProgress = { cursor: { tx: snapshot!.horizon, id: 0 }, lastChangeId: Number(snapshot!.last_id) };
    await onSnapshot(progress);
    for (const table of MIRRORED_TABLES) await copyTable(tx, local, table, pageSize);
    return progress;
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

async function copyTable(tx: PgQueryable, local: MirrorLocalFile, table: MirroredTable, pageSize: number): Promise<void> {
  const stale = new Set(local.ids(table));
  let after: unknown;
  for (;;) {
    // Keyset pages (not OFFSET): each page is one index range scan, however deep into the table.
    const { rows } =
      after === undefined
        ? await tx.query(`SELECT * FROM ${table} ORDER BY id LIMIT $1`, [pageSize])
        : await tx.query(`SELECT * FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`, [after, pageSize]);
    local.transaction(() => local.upsert(table, rows));
    for (const row of rows) stale.delete(String(row.id));
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.id;
  }
  if (stale.size > 0) local.transaction(() => local.remove(table, [...stale]));
}

type ChangeRow = {
  id: string;
  tx: string;
  table_name: MirroredTable;
  row_key: string;
  op: string;
};

/**
 * Applies logged changes after `from`, a page per SQLite transaction (the
 * cursor moves in the same transaction, so a crash never half-applies a page),
 * until the log holds nothing more the mirror may take yet.
 */
export async function applyChanges(db: PgDatabase, local: MirrorLocalFile, from: SyncProgress, pageSize: number): Promise<SyncProgress> {
  let progress = from;
  for (;;) {
    const changes = await db.query<ChangeRow>(
      `SELECT id, tx::text AS tx, table_name, row_key, op FROM smart_mo_sync_changes
        WHERE (tx, id) > ($1::xid8, $2::bigint) AND tx < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx, id LIMIT $3`,
      [progress.cursor.tx, progress.cursor.id, pageSize],
    );
    if (changes.length === 0) return progress;
    const current = await currentRows(db, changes);
    const last = changes[changes.length - 1]!;
    progress = {
      cursor: { tx: last.tx, id: Number(last.id) },
      lastChangeId: Math.max(progress.lastChangeId, ...changes.map((c) => Number(c.id))),
    };
    const next = progress;
    local.transaction(() => {
      for (const table of MIRRORED_TABLES) {
        const ofTable = changes.filter((c) => c.table_name === table);
        // A TRUNCATE logs no row keys: start the table over; the rows re-read below are its current state.
        if (ofTable.some((c) => c.op === 'truncate')) local.removeAll(table);
        const found = current.get(table) ?? [];
        const present = new Set(found.map((row) => String(row.id)));
        local.upsert(table, found);
        local.remove(table, [...new Set(ofTable.filter((c) => c.op !== 'truncate' && !present.has(c.row_key)).map((c) => c.row_key))]);
      }
      local.saveState({ cursor: next.cursor, lastChangeId: next.lastChangeId });
    });
    if (changes.length < pageSize) return progress;
  }
}

/** The current rows behind a page of changes, one query per table. */
async function currentRows(db: PgDatabase, changes: readonly ChangeRow[]): Promise<Map<MirroredTable, Record<string, unknown>[]>> {
  const rows = new Map<MirroredTable, Record<string, unknown>[]>();
  for (const table of MIRRORED_TABLES) {
    const keys = [...new Set(changes.filter((c) => c.table_name === table && c.op !== 'truncate').map((c) => c.row_key))];
    if (keys.length === 0) continue;
    rows.set(table, await db.query(`SELECT * FROM ${table} WHERE id = ANY($1::${KEY_TYPE[table]}[])`, [keys]));
  }
  return rows;
}

/**
 * Records where this mirror stands, so the change log is pruned only below
 * it. Returns false when the authority does not know this mirror (first run,
 * another database, or pruned as abandoned) or knows it further along than
 * the local file (a restored copy): the log cannot bring it up to date then,
 * only a full copy can.
 */
export async function confirmRegistration(db: PgDatabase, mirrorId: string, cursor: MirrorCursor): Promise<boolean> {
  const [row] = await db.query<{ behind: boolean }>(
    `UPDATE smart_mo_sync_mirrors SET seen_at = now() WHERE mirror_id = $1
     RETURNING ($2::xid8, $3::bigint) < (cursor_tx, cursor_id) AS behind`,
    [mirrorId, cursor.tx, cursor.id],
  );
  return row !== undefined && !row.behind;
}

export async function register(db: PgDatabase, mirrorId: string, station: string, cursor: MirrorCursor): Promise<void> {
  await db.query(
    `INSERT INTO smart_mo_sync_mirrors (mirror_id, station, cursor_tx, cursor_id) VALUES ($1, $2, $3::xid8, $4)
     ON CONFLICT (mirror_id) DO UPDATE SET station = $2, cursor_tx = $3::xid8, cursor_id = $4, seen_at = now()`,
    [mirrorId, station, cursor.tx, cursor.id],
  );
}

export interface ChangeRetention {
  /** Change-log rows are kept at least this long. */
  changesMs: number;
  /** A mirror not seen for this long is forgotten. */
  abandonedAfterMs: number;
}

/**
 * Deletes change-log rows older than the retention that every registered
 * mirror has read. A mirror not seen for a long time is forgotten
 * first (it will copy everything again when it returns), so a decommissioned
 * station cannot make the log grow forever.
 */
export async function pruneChangeLog(db: PgDatabase, retention: ChangeRetention): Promise<number> {
  return db.transaction(async (tx) => {
    const olderThan = (param: string) => `now() - ${param} * interval '1 millisecond'`;
    await tx.query(`DELETE FROM smart_mo_sync_mirrors WHERE seen_at < ${olderThan('$1')}`, [retention.abandonedAfterMs]);
    const pruned = await tx.query(
      `DELETE FROM smart_mo_sync_changes
        WHERE changed_at < ${olderThan('$1')}
          AND tx < coalesce((SELECT min(cursor_tx) FROM smart_mo_sync_mirrors), pg_snapshot_xmin(pg_current_snapshot()))`,
      [retention.changesMs],
    );
    return pruned.rowCount ?? 0;
  });
}
