/** The `users` table of the PostgreSQL authority, shared by every station (see ../user-records.ts); PgStore delegates here. */
import { changeRefusal, liftsLock, userFromRow, type FailedPin, type NewUser, type UserChange, type UserChangeResult, type UserRecord } from '../user-records';
import type { PgQueryable, PgRow } from './pg-database';

export interface PgUserAccess {
  query(sql: string, params?: readonly unknown[]): Promise<PgRow[]>;
  transaction<T>(work: (tx: PgQueryable) => Promise<T>): Promise<T>;
}

/*
 * A write that depends on other rows (the first user, the last engineer) takes this lock first: it
 * conflicts with itself, so two stations' user changes run one after the other, while sign-ins
 * (row updates) and reads go on.
 */
const SERIALIZE_USER_CHANGES = 'LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE';

export async function listPgUsers(db: PgUserAccess): Promise<UserRecord[]> {
  return (await db.query('SELECT * FROM users ORDER BY lower(name)')).map(userFromRow);
}

export async function findPgUser(db: PgUserAccess, name: string): Promise<UserRecord | null> {
  const rows = await db.query('SELECT * FROM users WHERE lower(name) = lower($1)', [name]);
  return rows[0] ? userFromRow(rows[0]) : null;
}

export async function countPgUsers(db: PgUserAccess): Promise<number> {
  return Number((await db.query('SELECT COUNT(*) AS n FROM users'))[0]?.n ?? 0);
}

export async function createPgUser(db: PgUserAccess, user: NewUser): Promise<UserRecord | null> {
  return db.transaction(async (tx) => {
    await tx.query(SERIALIZE_USER_CHANGES);
    if (user.onlyIfFirst && (await tx.query('SELECT 1 FROM users LIMIT 1')).rows.length > 0) return null;
    // No conflict target: the case-insensitive unique index (ux_users_name_lower) is the one that matters.
    const { rows } = await tx.query(
      `INSERT INTO users (name, role, pin_hash, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $4)
       ON CONFLICT DO NOTHING RETURNING *`,
      [user.name, user.role, user.pinHash, user.at, user.by],
    );
    return rows[0] ? userFromRow(rows[0]) : null;
  });
}

export async function changePgUser(db: PgUserAccess, change: UserChange): Promise<UserChangeResult> {
  return db.transaction(async (tx): Promise<UserChangeResult> => {
    await tx.query(SERIALIZE_USER_CHANGES);
    const current = (await tx.query('SELECT * FROM users WHERE lower(name) = lower($1)', [change.name])).rows[0];
    const others = await tx.query(`SELECT COUNT(*) AS n FROM users WHERE role = 'engineer' AND NOT disabled AND lower(name) <> lower($1)`, [change.name]);
    const refused = changeRefusal(current ? userFromRow(current) : null, change, Number(others.rows[0]?.n ?? 0));
    if (refused) return { refused };
    const { rows } = await tx.query(
      `UPDATE users SET role = $2, pin_hash = coalesce($3, pin_hash), disabled = coalesce($4, disabled),
         failed_attempts = CASE WHEN $5 THEN 0 ELSE failed_attempts END,
         locked_until = CASE WHEN $5 THEN NULL ELSE locked_until END, updated_at = $6
       WHERE lower(name) = lower($1) RETURNING *`,
      [change.name, change.role, change.pinHash ?? null, change.disabled ?? null, liftsLock(change), change.at],
    );
    return { user: userFromRow(rows[0] as PgRow) };
  });
}

/** One statement: wrong PINs typed at two stations at once both count. */
export async function recordPgFailedPin(db: PgUserAccess, failed: FailedPin): Promise<UserRecord | null> {
  const rows = await db.query(
    `UPDATE users SET
       locked_until = CASE WHEN failed_attempts + 1 >= $3 THEN $4::timestamptz ELSE locked_until END,
       failed_attempts = CASE WHEN failed_attempts + 1 >= $3 THEN 0 ELSE failed_attempts + 1 END
     WHERE lower(name) = lower($1) AND (locked_until IS NULL OR locked_until <= $2) RETURNING *`,
    [failed.name, failed.at, failed.lockAfter, failed.lockedUntil],
  );
  return rows[0] ? userFromRow(rows[0]) : null;
}

/** Null when the user is locked at `at` (another station's wrong PIN may have just locked it). */
export async function clearPgFailedPins(db: PgUserAccess, name: string, at: string): Promise<UserRecord | null> {
  const rows = await db.query(
    'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE lower(name) = lower($1) AND (locked_until IS NULL OR locked_until <= $2) RETURNING *',
    [name, at],
  );
  return rows[0] ? userFromRow(rows[0]) : null;
}
