/**
 * A pg.Pool with the app's failure rules: every failure to reach the server
 * becomes AuthorityUnavailableError, transactions always end (COMMIT or
 * ROLLBACK) and a broken connection is thrown away rather than reused. The
 * pool reconnects by itself, so the store works again once the server is back
 * without being recreated.
 */
import pg from 'pg';
import { resolvePgConnection, type PgConnectionOptions } from './pg-connection-options';
import { asAuthorityError, isConnectionFailure } from './pg-unavailable';

export type PgRow = Record<string, unknown>;

/** The part of a client that statements need: a pooled connection inside a transaction, or the pool. */
export interface PgQueryable {
  query<R extends PgRow = PgRow>(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<R>>;
}

export class PgDatabase {
  readonly target: string;
  /** Settings for a connection outside the pool (LISTEN needs one of its own). */
  readonly clientConfig: pg.ClientConfig;
  private readonly secret: string;
  private readonly pool: pg.Pool;

  constructor(options: PgConnectionOptions, onIdleError?: (error: Error) => void) {
    const resolved = resolvePgConnection(options);
    this.target = resolved.target;
    this.secret = resolved.secret;
    this.clientConfig = resolved.client;
    this.pool = new pg.Pool(resolved.pool);
    // An idle connection dropped by a server restart must not crash the process:
    // the pool discards it and the next query opens a fresh one.
    this.pool.on('error', (error) => onIdleError?.(error));
  }

  /** Converts a driver error into what the engine should see (AuthorityUnavailableError for lost connections). */
  translate(error: unknown): unknown {
    return asAuthorityError(error, this.target, this.secret);
  }

  async query<R extends PgRow = PgRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params as unknown[])).rows;
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Runs `work` in one transaction on one pooled connection. */
  async transaction<T>(work: (tx: PgQueryable) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.withClient(async (client) => {
      await client.query(begin);
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Runs `work` on one pooled connection (session-level state such as advisory locks stays on it). */
  async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.checkout();
    let failure: unknown;
    try {
      return await work(client);
    } catch (error) {
      failure = error;
      throw this.translate(error);
    } finally {
      this.checkin(client, failure);
    }
  }

  /** A pooled connection for withClient; returned with `checkin`. */
  private async checkout(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.translate(error);
    }
    // A checked-out connection that breaks reports it here; without a listener
    // that report would crash the process. The failing query reports it too.
    client.on('error', ignore);
    return client;
  }

  /** Returns a connection; one that failed to talk to the server is closed instead of reused. */
  private checkin(client: pg.PoolClient, failure?: unknown): void {
    client.removeListener('error', ignore);
    client.release(failure !== undefined && isConnectionFailure(failure) ? toError(failure) : undefined);
  }

  /** Closes the pool; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.pool.ending) return;
    await this.pool.end();
  }
}

function ignore(): void {}

const toError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));
