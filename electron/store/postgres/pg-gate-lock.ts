/**
 * The Task 1 lock in plant mode: a session-level advisory lock on a connection
 * of its own, outside the pool. No transaction stays open while the holder
 * pages Odoo or talks to the PLC (an idle-in-transaction session would pin
 * the plant database's vacuum and could be cut by its idle timeout), and the
 * connection is closed at release, so the lock can never slip back into the
 * pool with it. A holder that crashes or loses its connection loses the lock.
 *
 * Losing it silently is the danger: the holder's other connections still work
 * and it would go on to commit a wave while another station, having taken the
 * lock, dispatches one of its own. Hence fencing: taking the lock bumps the
 * `gate_epoch` counter, every gate write checks the counter still holds the
 * holder's epoch (assertGateEpoch), and that check shares the counter row,
 * so the next holder's bump waits for a write already under way.
 */
import pg from 'pg';
import { GateLockLostError, type SyncLock } from '../authority-store';
import { ADVISORY_LOCK, ADVISORY_NAMESPACE } from './pg-advisory-keys';
import type { PgDatabase, PgQueryable } from './pg-database';

const LOCK_ARGS = `${ADVISORY_NAMESPACE}, ${ADVISORY_LOCK.gate}`;

export async function tryAcquirePgGateLock(db: PgDatabase): Promise<SyncLock | null> {
  const client = new pg.Client(db.clientConfig);
  // A connection killed while held reports here; the holder learns it from its next gate write.
  client.on('error', () => undefined);
  let epoch: number;
  try {
    await client.connect();
    const { rows } = await client.query<{ acquired: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_ARGS}) AS acquired`);
    if (rows[0]?.acquired !== true) {
      await client.end();
      return null;
    }
    const bumped = await client.query<{ epoch: string }>('UPDATE gate_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch');
    epoch = Number(bumped.rows[0]!.epoch);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw db.translate(error);
  }

  let released = false;
  return {
    epoch,
    async release() {
      if (released) return;
      released = true;
      // Closing the session frees the lock even if the unlock itself fails; a dead connection has freed it already.
      await client.query(`SELECT pg_advisory_unlock(${LOCK_ARGS})`).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/** Inside a gate write's transaction: refuse it if someone took the lock after `epoch` was handed out. */
export async function assertGateEpoch(tx: PgQueryable, epoch: number): Promise<void> {
  const { rows } = await tx.query<{ epoch: string }>('SELECT epoch FROM gate_epoch WHERE id = 1 FOR SHARE');
  const newest = Number(rows[0]?.epoch ?? 0);
  if (newest !== epoch) throw new GateLockLostError(epoch, newest);
}
