import { describe, expect, it } from 'vitest';
import { resolvePgConnection } from '../../../electron/store/postgres/pg-connection-options';

describe('PostgreSQL connection options', () => {
  it('describes the server as host:port/database, without user or password', () => {
    const resolved = resolvePgConnection({ connectionString: 'postgresql://scada:p%40ss@db.plant.local:6543/plant_prod' });
    expect(resolved.target).toBe('db.plant.local:6543/plant_prod');
    expect(resolved.secret).toBe('p@ss');
    expect(resolved.target).not.toContain('p@ss');
  });

  it('fills in the default port and, like libpq, the user name as the database', () => {
    expect(resolvePgConnection({ connectionString: 'postgres://scada@db.plant.local' }).target).toBe('db.plant.local:5432/scada');
  });

  it('limits every statement and connection attempt by default, and keeps a client-side backstop for silent networks', () => {
    const { client, pool } = resolvePgConnection({ connectionString: 'postgres://app@db/plant' });
    expect(client).toMatchObject({ statement_timeout: 10_000, query_timeout: 15_000, connectionTimeoutMillis: 5_000, keepAlive: true });
    expect(pool.max).toBe(5);
  });

  it("keeps the URL's sslmode unless an explicit ssl option overrides it", () => {
    const url = 'postgres://app@db/plant?sslmode=require&application_name=x';
    expect(resolvePgConnection({ connectionString: url }).client.connectionString).toContain('sslmode=require');
    const explicit = resolvePgConnection({ connectionString: url, ssl: { rejectUnauthorized: true } }).client;
    expect(explicit.connectionString).not.toContain('sslmode');
    expect(explicit.connectionString).toContain('application_name=x');
    expect(explicit.ssl).toEqual({ rejectUnauthorized: true });
  });

  it.each([
    [{ connectionString: 'mysql://db/plant' }, 'connectionString: must be a postgres:// or postgresql:// URL'],
    [{ connectionString: 'postgres://[bad' }, 'connectionString: is not a valid URL'],
    [{ connectionString: 'postgres://db/plant', statementTimeoutMs: 0 }, 'statementTimeoutMs'],
    [{ connectionString: 'postgres://db/plant', poolSize: 1 }, 'poolSize: must be at least 2 (the gate lock holds one connection)'],
  ])('refuses %j with a message naming the option', (options, message) => {
    expect(() => resolvePgConnection(options)).toThrow(`PostgreSQL connection option ${message}`);
  });
});
