/**
 * The station's people (issue 11) as the authority keeps them (`users`): shared by the SQLite and
 * PostgreSQL stores — the requests, and the mapping of their rows. Names are unique whatever their
 * case: "budi" signs in as "Budi". Every change that depends on other rows (the first user, the last
 * engineer) or on a count (wrong PINs) is one conditional write, so two stations cannot both pass it.
 */
import { ROLES, type Role } from '../../shared/domain';

export interface UserRecord {
  name: string;
  role: Role;
  /** pin-hash.ts's self-describing scrypt string; never leaves the engine. */
  pinHash: string;
  disabled: boolean;
  /** Wrong PINs since the last good one or the last lock. */
  failedAttempts: number;
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface NewUser {
  name: string;
  role: Role;
  pinHash: string;
  at: string;
  by: string;
  /** Only while no user exists at all (the first engineer): otherwise nothing is written. */
  onlyIfFirst: boolean;
}

/** A change to an existing user; a new PIN or enabling again also lifts a lock. */
export interface UserChange {
  name: string;
  role: Role;
  pinHash?: string;
  disabled?: boolean;
  at: string;
}

/** `last-engineer`: the change would leave no enabled engineer, and nobody could manage users any more. */
export type UserChangeResult = { user: UserRecord } | { refused: 'unknown-user' | 'last-engineer' };

export interface FailedPin {
  name: string;
  at: string;
  /** The wrong PIN that reaches this count locks the user until `lockedUntil` (and the count starts again). */
  lockAfter: number;
  lockedUntil: string;
}

const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

function roleOf(value: unknown): Role {
  const role = String(value);
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`users: unknown role '${role}' in the database`);
  return role as Role;
}

/** A `users` row (SQLite: 0/1 and ISO text; PostgreSQL: booleans and Dates). */
export function userFromRow(row: Record<string, unknown>): UserRecord {
  return {
    name: String(row.name),
    role: roleOf(row.role),
    pinHash: String(row.pin_hash),
    disabled: row.disabled === true || row.disabled === 1,
    failedAttempts: Number(row.failed_attempts),
    lockedUntil: isoOrNull(row.locked_until),
    createdAt: isoOrNull(row.created_at) ?? '',
    createdBy: String(row.created_by),
    updatedAt: isoOrNull(row.updated_at) ?? '',
  };
}

/** Why `change` may not be applied to `current`, given how many other enabled engineers there are; null when it may. */
export function changeRefusal(current: UserRecord | null, change: UserChange, otherEnabledEngineers: number): 'unknown-user' | 'last-engineer' | null {
  if (!current) return 'unknown-user';
  const wasEngineer = current.role === 'engineer' && !current.disabled;
  const staysEngineer = change.role === 'engineer' && !(change.disabled ?? current.disabled);
  return wasEngineer && !staysEngineer && otherEnabledEngineers === 0 ? 'last-engineer' : null;
}

/** A new PIN, or enabling the user again, starts the wrong-PIN count afresh and lifts a lock. */
export const liftsLock = (change: UserChange): boolean => change.pinHash !== undefined || change.disabled === false;
