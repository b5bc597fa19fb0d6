import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { describeAlarmStore } from '../../support/alarm-store-contract';
import { describeAuditStore } from '../../support/audit-store-contract';
import { describeAuthorityStore, type StoreFixture } from '../../support/authority-store-contract';
import { describeOperatorControls } from '../../support/operator-controls-contract';
import { describeUserStore } from '../../support/user-store-contract';
import { pgRunLogScans } from '../../support/pg-run-log-scans';
import { describeRunSearch } from '../../support/run-search-contract';
import { databaseUrl, startTestPostgres, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
/** A migrated database each test copies: much faster than migrating afresh every time. */
let migrated: string;
beforeAll(async () => {
  server = await startTestPostgres();
  migrated = new URL(await server.createDatabase()).pathname.slice(1);
  await (await PgStore.open({ connectionString: databaseUrl(server.url, migrated) })).close();
});
afterAll(async () => server?.stop());

const openPgFixture = async (): Promise<StoreFixture & { execute(sql: string): Promise<void> }> => {
  const url = await server.createDatabase(undefined, migrated);
  const store = await PgStore.open({ connectionString: url });
  const raw = new pg.Pool({ connectionString: url, max: 1 });
  return {
    store,
    openPeer: () => PgStore.open({ connectionString: url }),
    async addLogRow(timestamp, message) {
      await raw.query(`INSERT INTO system_log ("timestamp", level, module, message) VALUES ($1, 'INFO', 'test', $2)`, [timestamp, message]);
    },
    logMessages: async () => (await raw.query<{ message: string }>('SELECT message FROM system_log')).rows.map((r) => r.message),
    runLogScans: (work) => pgRunLogScans(url, work),
    execute: async (sql) => void (await raw.query(sql)),
    async dispose() {
      await raw.end();
      await store.close();
    },
  };
};

describeAuthorityStore('PgStore', openPgFixture);
describeAlarmStore('PgStore', openPgFixture);
describeAuditStore('PgStore', openPgFixture, ['TRUNCATE audit_log']);
describeOperatorControls('PgStore', openPgFixture);
describeUserStore('PgStore', openPgFixture);
describeRunSearch('PgStore', openPgFixture);
