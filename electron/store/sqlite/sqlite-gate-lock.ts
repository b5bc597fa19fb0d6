/**
 * The Task 1 lock in standalone mode: `BEGIN IMMEDIATE` on a dedicated SQLite
 * file. Only one connection — in any process — can hold it; the OS drops it
 * when the holder dies, so a crash never leaves a stale lock behind. It lives
 * in its own file so that holding it never blocks the short writes other
 * tasks and processes make to the main database meanwhile.
 *
 * The OS cannot lose this lock under a live holder, but the gate writes carry
 * the same fencing epoch as in PostgreSQL (pg-gate-lock.ts), so both stores
 * keep one contract: `takeEpoch` bumps the counter once the lock is held.
 */
import Database from 'better-sqlite3';
import type { SyncLock } from '../authority-store';

export function tryAcquireGateLock(lockFile: string, takeEpoch: () => number, nativeBinding?: string): SyncLock | null {
  const connection = new Database(lockFile, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    connection.exec('BEGIN IMMEDIATE');
  } catch (error) {
    connection.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  let epoch: number;
  try {
    epoch = takeEpoch();
  } catch (error) {
    connection.exec('ROLLBACK');
    connection.close();
    throw error;
  }
  let released = false;
  return {
    epoch,
    async release() {
      if (released) return;
      released = true;
      connection.exec('ROLLBACK');
      connection.close();
    },
  };
}
