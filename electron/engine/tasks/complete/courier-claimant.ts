/**
 * Who holds an outbox claim. One name per courier instance (station, process
 * and the moment the courier was made, so a later process that happens to get
 * a dead one's pid is still someone else), so two processes on one station
 * never share a claim, a skip reason can say who is delivering, and a
 * restarted station can give back the claims its dead process left instead
 * of waiting for them to run out.
 */
import type { AuthorityStore } from '../../../store/authority-store';

export function courierClaimant(station: string, pid: number, since: number): string {
  return `${station} pid ${pid} #${since.toString(36)}`;
}

function claimantProcess(claimant: string): { station: string; pid: number } | null {
  const match = /^(.*) pid (\d+) #[0-9a-z]+$/.exec(claimant);
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
