/**
 * The one-line mistakes the explorer must catch (issue 8, "mutation proof"):
 * each removes one safety mechanism at the seam where the engine meets the
 * store or the PLC, leaving the rest of the real code untouched.
 */
import type { PlcLink } from '../../electron/plc/plc-link';
import type { AuthorityStore, OutboxPatch } from '../../electron/store/authority-store';

export const MUTATION_NAMES = ['none', 'no-gate-lock', 'retried-hand-over', 'unclaimed-outbox'] as const;
export type MutationName = (typeof MUTATION_NAMES)[number];

export interface Mutation {
  name: MutationName;
  store(store: AuthorityStore): AuthorityStore;
  plc(link: PlcLink): PlcLink;
}

const identity = <T>(value: T): T => value;

function override<T extends object>(target: T, replacements: Partial<T>): T {
  return new Proxy(target, {
    get: (object, property, receiver) =>
      property in replacements ? (replacements as Record<PropertyKey, unknown>)[property] : Reflect.get(object, property, receiver),
  });
}

export function mutation(name: MutationName): Mutation {
  switch (name) {
    case 'none':
      return { name, store: identity, plc: identity };
    case 'no-gate-lock':
      // Every sync believes it holds the gate (and nobody's fencing epoch ever moves).
      return { name, store: (store) => override(store, { tryAcquireSyncLock: async () => ({ epoch: 0, release: async () => undefined }) }), plc: identity };
    case 'retried-hand-over':
      // The hand-over goes through the retrying data write, as before issue 8.
      return { name, store: identity, plc: (link) => override(link, { writeDmOnce: (address: number, words: readonly number[]) => link.writeDm(address, words) }) };
    case 'unclaimed-outbox': {
      // Claiming, moving to `sending` and recording what the courier learnt no longer look at anyone else's claim.
      const everyClaimExpired = '9999-12-31T23:59:59.999Z';
      return {
        name,
        store: (store) =>
          override(store, {
            claimOutbox: (id: number, claimant: string, until: string) => store.claimOutbox(id, claimant, until, everyClaimExpired),
            markOutboxSending: async (id: number, claimant: string, until: string, at: string) => {
              await store.claimOutbox(id, claimant, until, everyClaimExpired);
              return store.markOutboxSending(id, claimant, until, at);
            },
            updateClaimedOutbox: (id: number, _claimant: string, patch: OutboxPatch) => store.updateOutbox(id, patch),
          }),
        plc: identity,
      };
    }
  }
}
