/**
 * Brings a PostgreSQL database to the schema the app needs, or stops with ONE
 * message saying why it cannot (wrong server, missing plant columns,
 * duplicates, permissions). Each migration runs in its own transaction under
 * an advisory lock, so two stations starting together migrate one after the
 * other and a failure leaves nothing half-applied.
 */
import type pg from 'pg';
import { ADVISORY_LOCK, ADVISORY_NAMESPACE } from './pg-advisory-keys';
import type { PgDatabase } from './pg-database';
import { PG_MIGRATIONS, type PgMigration } from './pg-migrations';
import { PLANT_TABLES } from './pg-plant-schema';
import { AuthoritySchemaError } from './pg-schema-error';

/** xid8 and pg_current_xact_id() (the mirror's change log) and a built-in gen_random_uuid() need 13. */
const MIN_SERVER_VERSION = 130000;

const APP_TABLES = ['sync_runs', 'dispatch_intents', 'odoo_outbox', 'smart_mo_sync_changes', 'smart_mo_sync_mirrors', 'smart_mo_sync_lease'];
const DML = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

const LOCK_MIGRATIONS = `SELECT pg_advisory_xact_lock(${ADVISORY_NAMESPACE}, ${ADVISORY_LOCK.migrations})`;

interface Session {
  user: string;
  target: string;
}

export async function migratePostgres(db: PgDatabase): Promise<void> {
  await db.withClient(async (client) => {
    const session = await checkServer(client, db.target);
    let step = 'read the plant tables';
    try {
      await verifyPlantColumns(client, db.target);
      step = 'create the migration table';
      await inTransaction(client, async () => {
        await client.query(LOCK_MIGRATIONS);
        const [found] = (await client.query<{ exists: boolean }>(`SELECT to_regclass('smart_mo_sync_migrations') IS NOT NULL AS exists`)).rows;
        if (found?.exists) return;
        await client.query(`CREATE TABLE smart_mo_sync_migrations (
          version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      });
      step = 'read the applied migrations';
      const applied = await appliedVersions(client);
      for (const migration of PG_MIGRATIONS) {
        step = `apply migration ${migration.version} (${migration.name})`;
        if (!applied.has(migration.version)) await applyMigration(client, migration);
      }
    } catch (error) {
      throw permissionProblem(error, session, step) ?? error;
    }
    await verifyPrivileges(client, session);
  });
}

async function checkServer(client: pg.PoolClient, target: string): Promise<Session> {
  const { rows } = await client.query<{ version: number; description: string; user: string; standby: boolean }>(
    `SELECT current_setting('server_version_num')::int AS version, version() AS description,
            current_user AS user, pg_is_in_recovery() AS standby`,
  );
  const server = rows[0];
  if (!server) throw new AuthoritySchemaError(`${target} did not describe itself; is it a PostgreSQL server?`);
  if (server.version < MIN_SERVER_VERSION) {
    throw new AuthoritySchemaError(`${target} runs ${server.description}; the app needs PostgreSQL 13 or newer`);
  }
  if (server.standby) throw new AuthoritySchemaError(`${target} is a read-only standby; point the app at the primary server`);
  return { user: server.user, target };
}

/** A plant table that exists must have every column of schema.md: the app reads and writes them all. */
async function verifyPlantColumns(client: pg.PoolClient, target: string): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)
        AND a.attnum > 0 AND NOT a.attisdropped`,
    [PLANT_TABLES.map((t) => t.name)],
  );
  const problems: string[] = [];
  for (const table of PLANT_TABLES) {
    const present = new Set(rows.filter((r) => r.table_name === table.name).map((r) => r.column_name));
    if (present.size === 0) continue; // missing entirely: migration 1 creates it
    const missing = table.columns.filter((c) => !present.has(c.name)).map((c) => c.name);
    if (missing.length > 0) problems.push(`${table.name} lacks ${missing.join(', ')}`);
  }
  if (problems.length > 0) {
    throw new AuthoritySchemaError(
      `The plant tables in ${target} are not the schema the app works with (../shared/plant/schema.md): ${problems.join('; ')}. ` +
        'Bring the plant database up to its latest migration, or point DATABASE_URL at the right database.',
    );
  }
}

async function appliedVersions(client: pg.PoolClient): Promise<Set<number>> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM smart_mo_sync_migrations');
  return new Set(rows.map((r) => r.version));
}

async function applyMigration(client: pg.PoolClient, migration: PgMigration): Promise<void> {
  await inTransaction(client, async () => {
    await client.query(LOCK_MIGRATIONS);
    // Another station may have applied it while we waited for the lock.
    const done = await client.query('SELECT 1 FROM smart_mo_sync_migrations WHERE version = $1', [migration.version]);
    if (done.rowCount) return;
    await migration.apply(client);
    await client.query('INSERT INTO smart_mo_sync_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
  });
}

async function inTransaction(client: pg.PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function permissionProblem(error: unknown, session: Session, step: string): AuthoritySchemaError | null {
  if ((error as { code?: unknown }).code !== '42501') return null;
  return new AuthoritySchemaError(
    `PostgreSQL user "${session.user}" may not ${step} on ${session.target}: ${(error as Error).message}. ` +
      'Start the app once as the owner of the plant tables, or grant this user CREATE on the schema and ownership of mo_batch and mo_histories.',
    { cause: error },
  );
}

async function verifyPrivileges(client: pg.PoolClient, session: Session): Promise<void> {
  const tables = [...PLANT_TABLES.map((t) => t.name), ...APP_TABLES];
  const { rows } = await client.query<{ table_name: string; privilege: string }>(
    `SELECT t AS table_name, p AS privilege FROM unnest($1::text[]) t, unnest($2::text[]) p
      WHERE NOT has_table_privilege(t, p) ORDER BY t, p`,
    [tables, DML],
  );
  if (rows.length === 0) return;
  const missing = rows.map((r) => `${r.privilege} on ${r.table_name}`);
  throw new AuthoritySchemaError(
    `PostgreSQL user "${session.user}" lacks privileges the app needs on ${session.target}: ${missing.join(', ')}. ` +
      `Grant them (GRANT SELECT, INSERT, UPDATE, DELETE ON <table> TO "${session.user}").`,
  );
}
