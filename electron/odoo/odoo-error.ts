/**
 * The one error type every Odoo call fails with. `kind` tells the engine and
 * the operator what went wrong without parsing the message; the message is one
 * readable sentence naming the endpoint, and never carries the password or the
 * session cookie (the client redacts them before building it).
 */
export const ODOO_ERROR_KINDS = [
  /** Never reached Odoo: connection refused, DNS, network unreachable. */
  'refused',
  /** The connection broke after the request was sent: Odoo may have acted on it. */
  'dropped',
  'timeout',
  'http',
  'rpc',
  'session-expired',
  'auth',
  'garbage',
  'shape',
  'scada',
] as const;
export type OdooErrorKind = (typeof ODOO_ERROR_KINDS)[number];

export class OdooError extends Error {
  override readonly name = 'OdooError';

  constructor(
    readonly kind: OdooErrorKind,
    /** Short endpoint name, e.g. 'mo-list-detailed'. */
    readonly endpoint: string,
    /** What happened, without the endpoint or server prefix. */
    readonly detail: string,
    /** HTTP status when the server answered with one >= 400. */
    readonly httpStatus: number | null = null,
    /** Where the call went (base URL without credentials); '' when unknown. */
    readonly target = '',
  ) {
    super(`Odoo ${endpoint}: ${detail}${target ? ` (${target})` : ''}`);
  }
}

export function isOdooError(error: unknown, kind?: OdooErrorKind): error is OdooError {
  return error instanceof OdooError && (kind === undefined || error.kind === kind);
}
