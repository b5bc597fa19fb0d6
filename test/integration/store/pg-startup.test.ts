import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorityUnavailableError } from '../../../electron/store/authority-store';
import { AuthoritySchemaError } from '../../../electron/store/postgres/pg-schema-error';
import { PG_MIGRATIONS } from '../../../electron/store/postgres/pg-migrations';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { databaseUrl, startTestPostgres, type TestPostgres } from '../../support/postgres';
import { OLD_QUEUE_INSERT, PLANT_DDL } from '../../support/postgres-plant-ddl';
import { closedPort } from '../../support/unreachable-plant';

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => server?.stop());

async function sql<R extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const tableExists = async (url: string, table: string) =>
  (await sql<{ found: boolean }>(url, 'SELECT to_regclass($1) IS NOT NULL AS found', [table]))[0]!.found;

const columnsOf = (url: string) =>
  sql<{ line: string }>(
    url,
    `SELECT format('%s.%s %s(%s,%s,%s) null=%s default=%s', table_name, column_name, data_type, character_maximum_length,
                   numeric_precision, numeric_scale, is_nullable, column_default) AS line
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name IN ('mo_batch', 'mo_histories', 'equipment_failure', 'system_log')
      ORDER BY 1`,
  ).then((rows) => rows.map((r) => r.line));

describe('PgStore start-up', () => {
  it('creates the plant tables of a fresh database exactly as the plant defines them', async () => {
    const fresh = await server.createDatabase();
    const plant = await server.createDatabase();
    await (await PgStore.open({ connectionString: fresh })).close();
    await sql(plant, PLANT_DDL);

    const created = await columnsOf(fresh);
    const expected = (await columnsOf(plant))
      // The serial default is a quirk of the plant's first revision that a fresh database need not copy.
      .map((line) => line.replace("default=nextval('mo_batch_batch_no_seq'::regclass)", 'default='))
      .concat(['mo_histories.archived_at timestamp with time zone(,,) null=YES default='])
      .sort();
    expect(created).toEqual(expected);
  });

  it('several stations opening one fresh database at once all start, and each migration ran once', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => PgStore.open({ connectionString: url })));
    await Promise.all(stores.map((s) => s.close()));
    await (await PgStore.open({ connectionString: url })).close();

    const applied = await sql<{ version: number }>(url, 'SELECT version FROM smart_mo_sync_migrations ORDER BY version');
    expect(applied.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('a plant table lacking columns stops start-up with one message naming them, and nothing is migrated', async () => {
    const url = await server.createDatabase();
    await sql(url, `CREATE TABLE mo_batch (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), batch_no integer NOT NULL, mo_id varchar(64) NOT NULL,
      consumption numeric(18,3) NOT NULL, equipment_id_batch varchar(64) NOT NULL)`);

    const failure = await PgStore.open({ connectionString: url }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AuthoritySchemaError);
    expect((failure as Error).message).toMatch(/mo_batch lacks silo_a, consumption_silo_a, .*finished_goods.*, lq115, .*actual_consumption_lq_fml\./);
    expect(await tableExists(url, 'smart_mo_sync_migrations')).toBe(false);
    expect(await tableExists(url, 'mo_histories')).toBe(false);
    expect(await tableExists(url, 'sync_runs')).toBe(false);
  });

  it('duplicates in the queue stop start-up with a message naming them; the unique indexes are not half-made', async () => {
    const url = await server.createDatabase();
    await sql(url, PLANT_DDL);
    await sql(url, OLD_QUEUE_INSERT, [1, 'WH/MO/00011', 1000, 300]);
    await sql(url, OLD_QUEUE_INSERT, [1, 'WH/MO/00012', 1000, 300]);
    await sql(url, OLD_QUEUE_INSERT, [2, 'WH/MO/00011', 1000, 300]);

    const failure = await PgStore.open({ connectionString: url }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AuthoritySchemaError);
    expect((failure as Error).message).toContain('MO WH/MO/00011 is queued in slots 1, 2; slot 1 holds WH/MO/00011, WH/MO/00012');
    const indexes = await sql<{ indexname: string }>(url, `SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ux_mo_batch%'`);
    expect(indexes).toEqual([]);
    const applied = await sql<{ version: number }>(url, 'SELECT version FROM smart_mo_sync_migrations ORDER BY version');
    expect(applied.map((r) => r.version)).toEqual([1, 2]);

    await sql(url, `DELETE FROM mo_batch WHERE batch_no = 1 AND mo_id = 'WH/MO/00012'`);
    await sql(url, `DELETE FROM mo_batch WHERE batch_no = 2`);
    const store = await PgStore.open({ connectionString: url });
    expect(await store.countQueue()).toBe(1);
    await store.close();
  });

  it('a user without the rights to migrate gets one message naming the user and the missing permission', async () => {
    const url = await server.createDatabase();
    await sql(server.url, 'DROP ROLE IF EXISTS station_reader');
    await sql(server.url, 'CREATE ROLE station_reader LOGIN');
    const asReader = (target: string) => {
      const reader = new URL(target);
      reader.username = 'station_reader';
      return reader.toString();
    };

    const fresh = await PgStore.open({ connectionString: asReader(url) }).catch((error: unknown) => error);
    expect(fresh).toBeInstanceOf(AuthoritySchemaError);
    expect((fresh as Error).message).toMatch(/^PostgreSQL user "station_reader" may not create the migration table on 127\.0\.0\.1:\d+\/\w+: permission denied for schema public/);

    await (await PgStore.open({ connectionString: url })).close();
    const migrated = await PgStore.open({ connectionString: asReader(url) }).catch((error: unknown) => error);
    expect(migrated).toBeInstanceOf(AuthoritySchemaError);
    expect((migrated as Error).message).toMatch(/user "station_reader" may not read the applied migrations .*permission denied for table smart_mo_sync_migrations/);

    await sql(url, 'GRANT SELECT ON smart_mo_sync_migrations, mo_batch TO station_reader');
    const partly = await PgStore.open({ connectionString: asReader(url) }).catch((error: unknown) => error);
    expect((partly as Error).message).toMatch(/lacks privileges the app needs .*: DELETE on dispatch_intents, .*INSERT on mo_batch, .*UPDATE on sync_runs/);
    expect((partly as Error).message).not.toMatch(/SELECT on mo_batch/);
  });

  it('an unreachable server is AuthorityUnavailableError naming host, port and database, never the password', async () => {
    const port = await closedPort();
    const failure = await PgStore.open({ connectionString: `postgres://app:s3cret-pw@127.0.0.1:${port}/plant`, connectionTimeoutMs: 3_000 }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(AuthorityUnavailableError);
    expect((failure as Error).message).toBe(`PostgreSQL unreachable (127.0.0.1:${port}/plant): connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('a database that does not exist is AuthorityUnavailableError saying so', async () => {
    const failure = await PgStore.open({ connectionString: databaseUrl(server.url, 'no_such_plant') }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthorityUnavailableError);
    expect((failure as Error).message).toMatch(/^PostgreSQL unreachable \(127\.0\.0\.1:\d+\/no_such_plant\): database "no_such_plant" does not exist$/);
  });

  it('refuses bad connection options with a message naming the option', async () => {
    await expect(PgStore.open({ connectionString: 'mysql://somewhere/plant' })).rejects.toThrow(
      'PostgreSQL connection option connectionString: must be a postgres:// or postgresql:// URL',
    );
    await expect(PgStore.open({ connectionString: server.url, poolSize: 1 })).rejects.toThrow(/poolSize: must be at least 2/);
  });
});
