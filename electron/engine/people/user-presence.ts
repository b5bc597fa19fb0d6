/**
 * Whether any user exists: until one does the station runs open (no sign-in). Users are never
 * deleted, so once the authority has said yes it is not asked again.
 */
import type { AuthorityStore } from '../../store/authority-store';

export interface UserPresence {
  exist(): Promise<boolean>;
}

export function createUserPresence(store: Pick<AuthorityStore, 'countUsers'>): UserPresence {
  let known = false;
  return {
    async exist() {
      known ||= (await store.countUsers()) > 0;
      return known;
    },
  };
}
