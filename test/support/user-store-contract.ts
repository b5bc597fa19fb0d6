/**
 * The people every AuthorityStore must keep (electron/store/user-records.ts): names unique whatever
 * their case, the first engineer only once, never without an enabled engineer, and the wrong-PIN
 * count and lock — each safe when two stations write at once. Run against SQLite
 * (test/unit/store/sqlite-store.test.ts) and PostgreSQL (test/integration/store/pg-store.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorityStore } from '../../electron/store/authority-store';
import type { NewUser } from '../../electron/store/user-records';

export interface UserStoreFixture {
  store: AuthorityStore;
  /** Another store on the same database, as another station opens it. */
  openPeer(): Promise<AuthorityStore>;
  dispose(): Promise<void>;
}

const at = (minute: number, second = 0): string => new Date(Date.UTC(2026, 10, 29, 8, minute, second)).toISOString();
const user = (name: string, role: NewUser['role'] = 'operator', onlyIfFirst = false): NewUser => ({
  name,
  role,
  pinHash: `hash-of-${name}`,
  at: at(0),
  by: 'Sari',
  onlyIfFirst,
});
const wrongPin = (name: string, minute: number) => ({ name, at: at(minute), lockAfter: 3, lockedUntil: at(minute + 5) });

export function describeUserStore(name: string, open: () => Promise<UserStoreFixture>): void {
  describe(`${name} — users`, () => {
    let fx: UserStoreFixture;
    let store: AuthorityStore;
    beforeEach(async () => {
      fx = await open();
      store = fx.store;
    });
    afterEach(async () => fx?.dispose());

    it('creates users, finds them whatever the case, and refuses a second "budi"', async () => {
      expect(await store.countUsers()).toBe(0);
      const created = await store.createUser(user('Budi'));
      expect(created).toMatchObject({ name: 'Budi', role: 'operator', pinHash: 'hash-of-Budi', disabled: false, failedAttempts: 0, lockedUntil: null, createdAt: at(0), createdBy: 'Sari', updatedAt: at(0) });

      expect(await store.createUser(user('budi', 'engineer'))).toBeNull();
      expect(await store.findUser('BUDI')).toEqual(created);
      expect(await store.findUser('Wati')).toBeNull();
      expect(await store.countUsers()).toBe(1);
    });

    it('lists users by name', async () => {
      for (const name of ['Wati', 'andi', 'Budi']) await store.createUser(user(name));
      expect((await store.listUsers()).map((u) => u.name)).toEqual(['andi', 'Budi', 'Wati']);
    });

    it('creates the first engineer once: two stations at once, one wins', async () => {
      const peer = await fx.openPeer();
      try {
        const results = await Promise.all([store.createUser(user('Sari', 'engineer', true)), peer.createUser(user('Agus', 'engineer', true))]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        expect(await store.countUsers()).toBe(1);
        expect(await store.createUser(user('Joko', 'engineer', true))).toBeNull();
      } finally {
        await peer.close();
      }
    });

    it('changes role, PIN and state; a new PIN lifts a lock', async () => {
      await store.createUser(user('Sari', 'engineer'));
      await store.createUser(user('Budi'));
      for (const minute of [1, 2, 3]) await store.recordFailedPin(wrongPin('Budi', minute));
      expect((await store.findUser('Budi'))?.lockedUntil).toBe(at(8));

      const changed = await store.changeUser({ name: 'budi', role: 'supervisor', pinHash: 'new-hash', at: at(4) });
      expect(changed).toEqual({ user: expect.objectContaining({ name: 'Budi', role: 'supervisor', pinHash: 'new-hash', lockedUntil: null, failedAttempts: 0, updatedAt: at(4) }) });
      const disabled = await store.changeUser({ name: 'Budi', role: 'supervisor', disabled: true, at: at(5) });
      expect(disabled).toEqual({ user: expect.objectContaining({ disabled: true, pinHash: 'new-hash' }) });
      expect(await store.changeUser({ name: 'Wati', role: 'operator', at: at(5) })).toEqual({ refused: 'unknown-user' });
    });

    it('never leaves the plant without an enabled engineer', async () => {
      await store.createUser(user('Sari', 'engineer'));
      expect(await store.changeUser({ name: 'Sari', role: 'supervisor', at: at(1) })).toEqual({ refused: 'last-engineer' });
      expect(await store.changeUser({ name: 'Sari', role: 'engineer', disabled: true, at: at(1) })).toEqual({ refused: 'last-engineer' });
      expect((await store.findUser('Sari'))?.role).toBe('engineer');

      await store.createUser(user('Agus', 'engineer'));
      expect(await store.changeUser({ name: 'Sari', role: 'supervisor', at: at(2) })).toEqual({ user: expect.objectContaining({ role: 'supervisor' }) });
      expect(await store.changeUser({ name: 'Agus', role: 'operator', at: at(3) })).toEqual({ refused: 'last-engineer' });
    });

    it('two stations demoting the two engineers at once: one is refused', async () => {
      await store.createUser(user('Sari', 'engineer'));
      await store.createUser(user('Agus', 'engineer'));
      const peer = await fx.openPeer();
      try {
        const results = await Promise.all([
          store.changeUser({ name: 'Sari', role: 'operator', at: at(1) }),
          peer.changeUser({ name: 'Agus', role: 'operator', at: at(1) }),
        ]);
        expect(results.filter((r) => 'refused' in r)).toEqual([{ refused: 'last-engineer' }]);
        expect((await store.listUsers()).filter((u) => u.role === 'engineer')).toHaveLength(1);
      } finally {
        await peer.close();
      }
    });

    it('counts wrong PINs, locks at the limit, refuses to count or clear while locked, and starts again after', async () => {
      await store.createUser(user('Budi'));
      expect(await store.recordFailedPin(wrongPin('Budi', 1))).toMatchObject({ failedAttempts: 1, lockedUntil: null });
      expect(await store.recordFailedPin(wrongPin('Budi', 2))).toMatchObject({ failedAttempts: 2, lockedUntil: null });
      expect(await store.recordFailedPin(wrongPin('Budi', 3))).toMatchObject({ failedAttempts: 0, lockedUntil: at(8) });

      expect(await store.recordFailedPin(wrongPin('Budi', 4))).toBeNull();
      expect(await store.clearFailedPins('Budi', at(7, 59))).toBeNull();
      expect(await store.clearFailedPins('Budi', at(8))).toMatchObject({ failedAttempts: 0, lockedUntil: null });
      expect(await store.recordFailedPin(wrongPin('nobody', 9))).toBeNull();
    });

    it('wrong PINs typed at two stations at once all count', async () => {
      await store.createUser(user('Budi'));
      const peer = await fx.openPeer();
      try {
        await Promise.all([store.recordFailedPin(wrongPin('Budi', 1)), peer.recordFailedPin(wrongPin('Budi', 1))]);
        expect(await store.findUser('Budi')).toMatchObject({ failedAttempts: 2 });
      } finally {
        await peer.close();
      }
    });
  });
}
