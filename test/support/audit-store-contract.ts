/**
 * The audit part of the AuthorityStore contract (electron/store/authority-store.ts), run against
 * SQLite (test/unit/store/sqlite-store.test.ts) and PostgreSQL (test/integration/store/pg-store.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditLine } from '../../electron/engine/people/caller';
import type { AuthorityStore } from '../../electron/store/authority-store';
import type { StoreFixture } from './authority-store-contract';

/** A store fixture that can also send SQL straight to the database, as a person with a database client would. */
export interface AuditFixture extends StoreFixture {
  execute(sql: string): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 29, 8, 0, 0);
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

const line = (minutes: number, overrides: Partial<AuditLine> = {}): AuditLine => ({
  at: at(minutes),
  user: 'Sari',
  role: 'supervisor',
  station: 'ST-1',
  source: 'console',
  action: 'archiveBatch',
  target: 'WH/MO/00042',
  reason: 'MO closed in Odoo',
  outcome: 'done',
  detail: null,
  signature: { meaning: 'archive without booking', comment: 'checked with the shift lead' },
  ...overrides,
});

const withoutIds = (items: { id: number }[]) => items.map(({ id: _id, ...rest }) => rest);

export function describeAuditStore(name: string, open: () => Promise<AuditFixture>, refusedStatements: readonly string[]): void {
  describe(`${name} — audit trail (AuthorityStore contract)`, () => {
    let fx: AuditFixture;
    let store: AuthorityStore;
    beforeEach(async () => {
      fx = await open();
      store = fx.store;
    });
    afterEach(async () => fx?.dispose());

    it('a fresh store has an empty trail', async () => {
      expect(await store.listAudit({ pageSize: 10 })).toEqual({ items: [], pageSize: 10, hasOlder: false });
    });

    it('lines come back exactly as written, newest first, to every station', async () => {
      const refused = line(1, { user: 'Budi', role: 'operator', outcome: 'refused', detail: 'Archive needs a supervisor: you are signed in as operator Budi', signature: null });
      const cli = line(2, { user: 'ops', role: null, station: 'ST-2', source: 'cli', action: 'sync', target: null, reason: null, signature: null });
      await store.appendAudit(line(0));
      await store.appendAudit(refused);
      const peer = await fx.openPeer();
      try {
        await peer.appendAudit(cli);
        const page = await store.listAudit({ pageSize: 10 });
        expect(withoutIds(page.items)).toEqual([cli, refused, line(0)]);
        expect(page.hasOlder).toBe(false);
      } finally {
        await peer.close();
      }
    });

    it('pages back with the Older cursor until nothing is older', async () => {
      for (let minute = 0; minute < 5; minute++) await store.appendAudit(line(minute, { target: `WH/MO/0000${minute}` }));
      const first = await store.listAudit({ pageSize: 2 });
      expect(first.items.map((e) => e.target)).toEqual(['WH/MO/00004', 'WH/MO/00003']);
      expect(first.hasOlder).toBe(true);
      const second = await store.listAudit({ pageSize: 2, before: first.items[1]!.id });
      expect(second.items.map((e) => e.target)).toEqual(['WH/MO/00002', 'WH/MO/00001']);
      const last = await store.listAudit({ pageSize: 2, before: second.items[1]!.id });
      expect(last.items.map((e) => e.target)).toEqual(['WH/MO/00000']);
      expect(last.hasOlder).toBe(false);
    });

    it('filters by user whatever its case, by action and outcome, and by time in [from, to) with any offset', async () => {
      await store.appendAudit(line(0, { user: 'Budi', action: 'syncNow', outcome: 'refused', signature: null }));
      await store.appendAudit(line(10, { user: 'Sari' }));
      await store.appendAudit(line(20, { user: 'BUDI', action: 'syncNow', signature: null }));
      await store.appendAudit(line(30, { user: 'Budiman', action: 'syncNow', signature: null }));

      const users = (page: { items: { user: string }[] }) => page.items.map((e) => e.user);
      expect(users(await store.listAudit({ pageSize: 10, user: 'budi' }))).toEqual(['BUDI', 'Budi']);
      expect(users(await store.listAudit({ pageSize: 10, action: 'syncNow', outcome: 'done' }))).toEqual(['Budiman', 'BUDI']);
      expect(users(await store.listAudit({ pageSize: 10, outcome: 'refused' }))).toEqual(['Budi']);
      // 15:10 at +07:00 is 08:10 UTC: the line at 08:10 is in, the one at 08:30 (the end) is out.
      expect(users(await store.listAudit({ pageSize: 10, from: '2026-11-29T15:10:00+07:00', to: at(30) }))).toEqual(['BUDI', 'Sari']);
      expect(users(await store.listAudit({ pageSize: 1, user: 'budi', before: Number.MAX_SAFE_INTEGER }))).toEqual(['BUDI']);
    });

    it('the database itself refuses to change or delete a line, whoever asks', async () => {
      await store.appendAudit(line(0));
      for (const sql of ['UPDATE audit_log SET outcome = \'done\', user_name = \'nobody\'', 'DELETE FROM audit_log', ...refusedStatements]) {
        await expect(fx.execute(sql), sql).rejects.toThrow(/append-only/);
      }
      expect(withoutIds((await store.listAudit({ pageSize: 10 })).items)).toEqual([line(0)]);
    });
  });
}
