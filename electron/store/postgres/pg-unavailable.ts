/**
 * Tells a lost or refused connection from a query the server rejected. The
 * first kind becomes AuthorityUnavailableError, so the gate records "skipped:
 * authority unreachable" instead of guessing; the second is a bug or a data
 * problem and surfaces as it is.
 */
import { AuthorityUnavailableError } from '../authority-store';

/** Socket errors Node reports when the server or the network is gone. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * SQLSTATEs meaning "this server cannot serve us now": connection exceptions
 * (class 08), shutdown or restart (57P01-57P03), too many connections, a
 * missing database, refused credentials, and a statement cancelled by the
 * statement timeout (a server that does not answer in time is as good as gone
 * for a gate that must decide now).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000', '28000', '28P01', '57014']);

/** What node-postgres says when it loses a connection it had (it has no code for these). */
const DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed|Connection closed|server closed the connection/i;

interface DriverError {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AuthorityUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as DriverError;
  // Several addresses for one host name (::1 and 127.0.0.1) fail together as an AggregateError.
  if (Array.isArray(errors) && errors.some(isConnectionFailure)) return true;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code))) return true;
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

/** The error as the engine should see it; `secret` (the password) never appears in a message. */
export function asAuthorityError(error: unknown, target: string, secret: string): unknown {
  if (error instanceof AuthorityUnavailableError || !isConnectionFailure(error)) return error;
  return new AuthorityUnavailableError(`PostgreSQL unreachable (${target}): ${scrub(reasonOf(error), secret)}`, { cause: error });
}

function reasonOf(error: unknown): string {
  const { code, message, errors } = error as DriverError;
  if (typeof message === 'string' && message.trim()) return message.trim();
  if (Array.isArray(errors) && errors.length > 0) return reasonOf(errors[0]);
  return typeof code === 'string' ? code : 'connection failed';
}

function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}
