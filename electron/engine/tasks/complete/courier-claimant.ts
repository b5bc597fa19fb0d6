/**
 * Who holds an outbox claim. One name per courier instance (station, process
 * and a random tag), so two processes on one station never share a claim, a
 * skip reason can say who is delivering, and a restarted station can give
 * back the claims its dead process left instead of waiting for them to run out.
 */
import { randomBytes } from 'node:crypto';
import type { AuthorityStore } from '../../../store/authority-store';

export function courierClaimant(station: string, pid: number): string {
  return `${station} pid ${pid} #${randomBytes(4).toString('hex')}`;
}

function claimantProcess(claimant: string): { station: string; pid: number } | null {
  const match = /^(.*) pid (\d+) #[0-9a-f]+$/.exec(claimant);
  return match ? { station: match[1]!, pid: Number(match[2]) } : null;
}

/** Releases claims held by processes of `station` that are gone; returns how many. */
export async function releaseDeadClaims(store: AuthorityStore, station: string, isAlive: (pid: number) => boolean): Promise<number> {
  let released = 0;
  for (const entry of await store.listOutbox(['pending', 'sending'])) {
    const holder = entry.claimedBy === null ? null : claimantProcess(entry.claimedBy);
    if (!holder || holder.station !== station || isAlive(holder.pid)) continue;
    await store.releaseOutbox(entry.id, entry.claimedBy!);
    released++;
  }
  return released;
}
