/**
 * The Task 1 lock in plant mode: a transaction-scoped advisory lock held on a
 * dedicated pooled connection. The transaction stays open until release, so
 * a holder that crashes or loses its connection loses the lock with it — the
 * server ends the transaction; no stale lock can outlive its holder.
 */
import type { SyncLock } from '../authority-store';
import { ADVISORY_LOCK, ADVISORY_NAMESPACE } from './pg-advisory-keys';
import type { PgDatabase } from './pg-database';

export async function tryAcquirePgGateLock(db: PgDatabase): Promise<SyncLock | null> {
  const client = await db.checkout();
  let acquired = false;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ acquired: boolean }>(
      `SELECT pg_try_advisory_xact_lock(${ADVISORY_NAMESPACE}, ${ADVISORY_LOCK.gate}) AS acquired`,
    );
    acquired = rows[0]?.acquired === true;
    if (!acquired) await client.query('ROLLBACK');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    db.checkin(client, error);
    throw db.translate(error);
  }
  if (!acquired) {
    db.checkin(client);
    return null;
  }

  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query('COMMIT');
        db.checkin(client);
      } catch (error) {
        // The connection is gone, and the lock went with it: nothing left to release.
        db.checkin(client, error);
      }
    },
  };
}
