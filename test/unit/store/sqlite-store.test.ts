import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { describeAuthorityStore } from '../../support/authority-store-contract';
import { sqliteRunLogScans } from '../../support/sqlite-run-log-scans';

describeAuthorityStore('SqliteStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smo-sqlite-'));
  const open = () => new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
  const store = open();
  return {
    store,
    openPeer: async () => open(),
    async addLogRow(timestamp, message) {
      store.connection
        .prepare(`INSERT INTO system_log (id, timestamp, level, module, message) VALUES (?, ?, 'INFO', 'test', ?)`)
        .run(randomUUID(), timestamp, message);
    },
    logMessages: async () => (store.connection.prepare('SELECT message FROM system_log').all() as { message: string }[]).map((r) => r.message),
    runLogScans: (work) => sqliteRunLogScans(store.connection, work),
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
