/**
 * How the app connects to the plant's PostgreSQL: the URL plus the limits that
 * keep a slow or unreachable server from stalling the gate. Validated once, so
 * a typo stops start-up with a message naming the option.
 */
import type { ConnectionOptions } from 'node:tls';
import type { ClientConfig, PoolConfig } from 'pg';
import { z } from 'zod';

export interface PgConnectionOptions {
  /** postgres://user:password@host:port/database[?sslmode=…] */
  connectionString: string;
  /** Overrides the URL's `sslmode`: false = plain, true = verified TLS, or Node TLS options. */
  ssl?: boolean | ConnectionOptions;
  /** Server-side limit per statement (default 10 s). */
  statementTimeoutMs?: number;
  /** Limit on opening a connection (default 5 s). */
  connectionTimeoutMs?: number;
  /** Pooled connections (default 5; the gate lock holds one of them while dispatching). */
  poolSize?: number;
  /** Shown in pg_stat_activity, so a DBA can tell stations apart. */
  applicationName?: string;
}

const optionsSchema = z.object({
  connectionString: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .refine((value) => URL.canParse(value), 'is not a valid URL'),
  statementTimeoutMs: z.number().int().positive().max(3_600_000).default(10_000),
  connectionTimeoutMs: z.number().int().positive().max(600_000).default(5_000),
  poolSize: z.number().int().min(2, 'must be at least 2 (the gate lock holds one connection)').max(100).default(5),
  applicationName: z.string().max(63).default('smart-mo-sync'),
});

/** Parameters of the URL that configure TLS; dropped when the `ssl` option decides instead. */
const URL_SSL_PARAMETERS = ['sslmode', 'ssl', 'sslcert', 'sslkey', 'sslrootcert', 'sslnegotiation'];

/**
 * A client-side read timeout this much longer than the server's statement
 * timeout catches the case the server cannot: a network that silently drops
 * packets, where no cancellation ever arrives.
 */
const READ_TIMEOUT_MARGIN_MS = 5_000;

const KEEPALIVE_DELAY_MS = 10_000;

export interface ResolvedPgConnection {
  /** host:port/database — for messages; never contains the password. */
  target: string;
  /** The password, so that messages can be scrubbed of it should a driver echo it. */
  secret: string;
  client: ClientConfig;
  pool: PoolConfig;
}

export function resolvePgConnection(options: PgConnectionOptions): ResolvedPgConnection {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`PostgreSQL connection option ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const valid = parsed.data;
  const url = new URL(valid.connectionString);
  if (options.ssl !== undefined) for (const name of URL_SSL_PARAMETERS) url.searchParams.delete(name);

  const client: ClientConfig = {
    connectionString: url.toString(),
    ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
    statement_timeout: valid.statementTimeoutMs,
    query_timeout: valid.statementTimeoutMs + READ_TIMEOUT_MARGIN_MS,
    connectionTimeoutMillis: valid.connectionTimeoutMs,
    application_name: valid.applicationName,
    // Probe idle connections (the mirror's LISTEN, the gate's open transaction) so a
    // silently dropped network is noticed in seconds, not after the OS default of hours.
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
  };
  return {
    target: describeTarget(url),
    secret: decodeURIComponent(url.password),
    client,
    pool: { ...client, max: valid.poolSize, idleTimeoutMillis: 30_000 },
  };
}

function describeTarget(url: URL): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres';
  return `${host}:${url.port || '5432'}/${database}`;
}
