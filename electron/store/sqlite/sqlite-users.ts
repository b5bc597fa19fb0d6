/** The `users` table of the SQLite authority (see ../user-records.ts); SqliteStore delegates here. */
import type Database from 'better-sqlite3';
import { changeRefusal, liftsLock, userFromRow, type FailedPin, type NewUser, type UserChange, type UserChangeResult, type UserRecord } from '../user-records';

type Row = Record<string, unknown>;

/*
 * The name column is COLLATE NOCASE, so `name = ?` finds "Budi" for "budi" (SQLite folds ASCII letters only;
 * PostgreSQL's lower() folds the rest too). Writes that read other rows first run in an immediate
 * transaction: no other process writes between the read and the write.
 */
export class SqliteUsers {
  constructor(private readonly db: Database.Database) {}

  list(): UserRecord[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY name').all() as Row[]).map(userFromRow);
  }

  find(name: string): UserRecord | null {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
    return row ? userFromRow(row) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  create(user: NewUser): UserRecord | null {
    return this.db.transaction(() => {
      if (user.onlyIfFirst && this.count() > 0) return null;
      const row = this.db
        .prepare(
          `INSERT INTO users (name, role, pin_hash, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (name) DO NOTHING RETURNING *`,
        )
        .get(user.name, user.role, user.pinHash, user.at, user.by, user.at) as Row | undefined;
      return row ? userFromRow(row) : null;
    }).immediate();
  }

  change(change: UserChange): UserChangeResult {
    return this.db.transaction((): UserChangeResult => {
      const others = this.db.prepare(`SELECT COUNT(*) AS n FROM users WHERE role = 'engineer' AND disabled = 0 AND name <> ?`).get(change.name) as { n: number };
      const refused = changeRefusal(this.find(change.name), change, others.n);
      if (refused) return { refused };
      const unlock = liftsLock(change) ? 1 : 0;
      const row = this.db
        .prepare(
          `UPDATE users SET role = @role, pin_hash = coalesce(@pinHash, pin_hash), disabled = coalesce(@disabled, disabled),
             failed_attempts = CASE WHEN @unlock THEN 0 ELSE failed_attempts END,
             locked_until = CASE WHEN @unlock THEN NULL ELSE locked_until END, updated_at = @at
           WHERE name = @name RETURNING *`,
        )
        .get({
          name: change.name,
          role: change.role,
          pinHash: change.pinHash ?? null,
          disabled: change.disabled === undefined ? null : Number(change.disabled),
          unlock,
          at: change.at,
        }) as Row;
      return { user: userFromRow(row) };
    }).immediate();
  }

  recordFailedPin(failed: FailedPin): UserRecord | null {
    const row = this.db
      .prepare(
        `UPDATE users SET
           locked_until = CASE WHEN failed_attempts + 1 >= @lockAfter THEN @lockedUntil ELSE locked_until END,
           failed_attempts = CASE WHEN failed_attempts + 1 >= @lockAfter THEN 0 ELSE failed_attempts + 1 END
         WHERE name = @name AND (locked_until IS NULL OR locked_until <= @at) RETURNING *`,
      )
      .get(failed) as Row | undefined;
    return row ? userFromRow(row) : null;
  }

  clearFailedPins(name: string, at: string): UserRecord | null {
    const row = this.db
      .prepare(`UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE name = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING *`)
      .get(name, at) as Row | undefined;
    return row ? userFromRow(row) : null;
  }
}
