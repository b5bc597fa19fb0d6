import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { describeAlarmStore } from '../../support/alarm-store-contract';
import { describeAuditStore } from '../../support/audit-store-contract';
import { describeAuthorityStore, type StoreFixture } from '../../support/authority-store-contract';
import { describeOperatorControls } from '../../support/operator-controls-contract';
import { describeUserStore } from '../../support/user-store-contract';
import { describeRunSearch } from '../../support/run-search-contract';
import { sqliteRunLogScans } from '../../support/sqlite-run-log-scans';

const openSqliteFixture = async (): Promise<StoreFixture & { execute(sql: string): Promise<void> }> => {
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
    execute: async (sql) => void store.connection.exec(sql),
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

describeAuthorityStore('SqliteStore', openSqliteFixture);
describeAlarmStore('SqliteStore', openSqliteFixture);
describeAuditStore('SqliteStore', openSqliteFixture, []);
describeOperatorControls('SqliteStore', openSqliteFixture);
describeUserStore('SqliteStore', openSqliteFixture);
describeRunSearch('SqliteStore', openSqliteFixture);
