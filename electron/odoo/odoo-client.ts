/**
 * Talks to the plant's Odoo 14 SCADA module (../shared/plant/odoo-api.md) over
 * one long-lived cookie session. Every failure is an OdooError whose kind says
 * what went wrong; only a "session expired" answer is retried (once, after a
 * fresh login), because Odoo refuses such a call before running it. Nothing
 * else is ever resent: the consumption update is not idempotent (decision Q5,
 * ../shared/DESIGN.md), so a timeout there must be reconciled, not repeated.
 */
import type { z } from 'zod';
import { systemClock, type Clock } from '../engine/clock';
import type { ConsumptionPayload } from './consumption-payload';
import { readBoundedText } from './bounded-reply';
import { formatOdooDateTime } from './odoo-datetime';
import { OdooError, isOdooError, type OdooErrorKind } from './odoo-error';
import {
  cancelReplySchema,
  consumptionReplySchema,
  equipmentFailureReplySchema,
  healthReplySchema,
  markDoneReplySchema,
  moDetailReplySchema,
  moListReplySchema,
  parseReplyText,
  sessionInfoSchema,
  type ConsumedItem,
  type OdooMo,
  type StatusRule,
} from './odoo-replies';
import { ODOO_ROUTES, type OdooEndpoint } from './odoo-routes';

export interface OdooClientOptions {
  /** One base URL for every call, cancel included (pitfall P18). */
  baseUrl: string;
  db: string;
  username: string;
  password: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Drives the request timeout and ping latency; tests inject a ManualClock. */
  clock?: Clock;
  /** A reply larger than this fails the call unread (ODOO_MAX_REPLY_MB). */
  maxReplyBytes?: number;
}

export interface ConsumptionOutcome {
  /** 'partial' = Odoo applied some quantities and listed errors for others: NOT done. */
  result: 'success' | 'partial';
  message: string;
  moState: string | null;
  consumedItems: ConsumedItem[];
  errors: string[];
}

export interface CancelOutcome {
  /** Odoo had already cancelled the MO; still a success for the queue. */
  alreadyCancelled: boolean;
  message: string;
  moState: string | null;
}

export interface EquipmentFailureReport {
  /** Must exist in Odoo's SCADA equipment master, e.g. 'silo101'. */
  equipmentCode: string;
  description: string;
  date?: Date;
}

export interface OdooPing {
  /** Login plus health probe, end to end. */
  latencyMs: number;
  uid: number;
  health: string;
}

interface HttpReply {
  status: number;
  statusText: string;
  text: string;
  setCookies: string[];
  redirectedToLogin: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** A page of 100 MOs is about 0.7 MB; nothing the app asks for comes near this. */
export const DEFAULT_MAX_REPLY_BYTES = 16 * 1024 * 1024;

export class OdooClient {
  /** Base URL without credentials; safe to show in messages and logs. */
  readonly target: string;
  private readonly baseUrl: string;
  private readonly db: string;
  private readonly username: string;
  private readonly password: string;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;
  private readonly fetchFn: typeof fetch;
  private readonly clock: Clock;
  private sessionCookie: string | null = null;
  private loginInFlight: Promise<number> | null = null;
  private rpcId = 0;

  constructor(options: OdooClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`Odoo base URL "${options.baseUrl}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`Odoo base URL must start with http:// or https:// (got ${url.protocol})`);
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`Odoo timeout must be > 0 ms (got ${timeoutMs})`);
    const maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    if (!Number.isFinite(maxReplyBytes) || maxReplyBytes <= 0) throw new RangeError(`Odoo reply limit must be > 0 bytes (got ${maxReplyBytes})`);
    url.username = '';
    url.password = '';
    this.baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.target = this.baseUrl;
    this.db = options.db;
    this.username = options.username;
    this.password = options.password;
    this.timeoutMs = timeoutMs;
    this.maxReplyBytes = maxReplyBytes;
    this.fetchFn = options.fetch ?? fetch;
    this.clock = options.clock ?? systemClock;
  }

  /** MOs in confirmed/progress/to_close, as Odoo orders them (oldest first). */
  async listMos(limit: number, offset = 0): Promise<OdooMo[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`MO list limit must be an integer >= 1 (got ${limit})`);
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`MO list offset must be an integer >= 0 (got ${offset})`);
    const reply = await this.call('mo-list-detailed', { limit, offset }, moListReplySchema);
    return reply.data;
  }

  /** One MO by name, whatever its state: how the engine notices an MO cancelled or done in Odoo. */
  async moDetail(moId: string): Promise<OdooMo> {
    const reply = await this.call('mo-detail', { mo_id: requireMoId(moId) }, moDetailReplySchema);
    return reply.data;
  }

  async updateWithConsumptions(payload: ConsumptionPayload): Promise<ConsumptionOutcome> {
    requireMoId(payload.mo_id);
    const reply = await this.call('update-with-consumptions', payload, consumptionReplySchema);
    return {
      result: reply.errors.length === 0 ? 'success' : 'partial',
      message: reply.message,
      moState: reply.mo_state,
      consumedItems: reply.consumed_items,
      errors: reply.errors,
    };
  }

  async cancelMo(moId: string): Promise<CancelOutcome> {
    const reply = await this.call('cancel', { mo_id: requireMoId(moId) }, cancelReplySchema);
    return { alreadyCancelled: /already cancel/i.test(reply.message), message: reply.message, moState: reply.mo_state };
  }

  /** Optional close of the MO in Odoo (ODOO_MARK_DONE, decision Q1); never part of the default flow. */
  async markDone(moId: string, finishedQtyKg: number, dateEnd: Date): Promise<{ message: string }> {
    if (!Number.isFinite(finishedQtyKg) || finishedQtyKg <= 0) {
      throw new RangeError(`mark-done needs a finished quantity > 0 kg (got ${finishedQtyKg})`);
    }
    const reply = await this.call(
      'mark-done',
      { mo_id: requireMoId(moId), finished_qty: finishedQtyKg, auto_consume: false, date_end_actual: formatOdooDateTime(dateEnd) },
      markDoneReplySchema,
    );
    return { message: reply.message };
  }

  async reportEquipmentFailure(report: EquipmentFailureReport): Promise<{ reportId: number | null; message: string }> {
    if (!report.equipmentCode.trim()) throw new RangeError('equipment failure report needs an equipment code');
    if (!report.description.trim()) throw new RangeError('equipment failure report needs a description');
    const body: Record<string, string> = { equipment_code: report.equipmentCode, description: report.description };
    if (report.date) body.date = formatOdooDateTime(report.date);
    const reply = await this.call('equipment-failure', body, equipmentFailureReplySchema);
    return { reportId: reply.data?.id ?? null, message: reply.message };
  }

  /** Connection test: a fresh login (proves the credentials) then the health probe. */
  async ping(): Promise<OdooPing> {
    const started = this.clock.now();
    this.sessionCookie = null;
    const uid = await this.login();
    const reply = await this.attempt('health', null, healthReplySchema, 'anything-but-error');
    return { latencyMs: this.clock.now() - started, uid, health: reply.version ? `${reply.status} (${reply.version})` : reply.status };
  }

  private async call<T>(endpoint: OdooEndpoint, params: object, schema: z.ZodType<T>): Promise<T> {
    if (!this.sessionCookie) await this.login();
    try {
      return await this.attempt(endpoint, params, schema);
    } catch (error) {
      if (!isOdooError(error, 'session-expired')) throw error;
    }
    // Odoo rejected the call before running it, so resending is safe even for the consumption update.
    this.sessionCookie = null;
    await this.login();
    try {
      return await this.attempt(endpoint, params, schema);
    } catch (error) {
      if (!isOdooError(error, 'session-expired')) throw error;
      throw this.failure('session-expired', endpoint, 'session expired again right after a fresh login');
    }
  }

  /**
   * Login through /web/session/authenticate rather than /api/scada/authenticate:
   * it is standard Odoo, present even when the SCADA module is missing (so a 404
   * on a SCADA route then clearly means "module not installed", not "login
   * broken"), and it is the login the plant's Task 1 uses. Concurrent callers
   * share one login.
   */
  private login(): Promise<number> {
    this.loginInFlight ??= this.authenticate().finally(() => {
      this.loginInFlight = null;
    });
    return this.loginInFlight;
  }

  private async authenticate(): Promise<number> {
    const params = { db: this.db, login: this.username, password: this.password };
    const reply = await this.exchange('authenticate', params);
    const refused = (why: string) =>
      this.failure('auth', 'authenticate', `login refused for user "${this.username}" on database "${this.db}" — check the credentials (${why})`);
    let info: z.output<typeof sessionInfoSchema>;
    try {
      info = this.interpret('authenticate', reply, sessionInfoSchema);
    } catch (error) {
      // Access denied or a 401 at login means the credentials; other server errors (e.g. an unknown database) stay 'rpc'.
      if (isOdooError(error, 'auth') || isOdooError(error, 'session-expired')) throw refused(error.detail);
      throw error;
    }
    if (info.uid === null) throw refused('Odoo returned no user id');
    const cookie = reply.setCookies.map((line) => /^\s*session_id=([^;]*)/.exec(line)?.[1]).find(Boolean) ?? info.session_id;
    if (!cookie) throw this.failure('shape', 'authenticate', 'login succeeded but Odoo set no session_id cookie');
    this.sessionCookie = cookie;
    return info.uid;
  }

  private async attempt<T>(endpoint: OdooEndpoint, params: object | null, schema: z.ZodType<T>, rule: StatusRule = 'success-or-ok'): Promise<T> {
    const reply = await this.exchange(endpoint, params);
    return this.interpret(endpoint, reply, schema, rule);
  }

  /** Turns an HTTP reply into the validated value, or the matching OdooError. */
  private interpret<T>(endpoint: OdooEndpoint, reply: HttpReply, schema: z.ZodType<T>, rule: StatusRule = 'success-or-ok'): T {
    const httpFailure = describeHttpStatus(reply);
    if (httpFailure) throw this.failure(httpFailure.kind, endpoint, httpFailure.detail, reply.status);
    const parsed = parseReplyText(reply.text, schema, rule);
    if (parsed.ok) return parsed.value;
    throw this.failure(parsed.kind, endpoint, parsed.detail);
  }

  private async exchange(endpoint: OdooEndpoint, params: object | null): Promise<HttpReply> {
    const route = ODOO_ROUTES[endpoint];
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.sessionCookie && endpoint !== 'authenticate') headers.Cookie = `session_id=${this.sessionCookie}`;
    let body: string | undefined;
    if (params !== null) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(route.body === 'json-rpc' ? { jsonrpc: '2.0', method: 'call', params, id: ++this.rpcId } : params);
    }

    const controller = new AbortController();
    let timedOut = false;
    const cancelTimer = this.clock.setTimer(this.timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      const response = await this.fetchFn(`${this.baseUrl}${route.path}`, { method: route.method, headers, body, signal: controller.signal });
      const text = await readBoundedText(response, this.maxReplyBytes);
      if (text === null) {
        controller.abort();
        // Odoo answered, so a call that changes something may have been carried out: 'garbage' leaves it to be settled, never resent.
        throw this.failure(
          'garbage',
          endpoint,
          `the reply is larger than ${formatMegabytes(this.maxReplyBytes)}, so it was dropped unread (ODOO_MAX_REPLY_MB; a page of 100 MOs is under 1 MB)`,
        );
      }
      return {
        status: response.status,
        statusText: response.statusText,
        text,
        setCookies: readSetCookies(response.headers),
        redirectedToLogin: response.redirected && isLoginPage(response.url),
      };
    } catch (error) {
      if (isOdooError(error)) throw error;
      if (timedOut) throw this.failure('timeout', endpoint, `no reply within ${formatDuration(this.timeoutMs)}`);
      const network = describeNetworkFailure(error);
      throw this.failure(network.kind, endpoint, network.detail);
    } finally {
      cancelTimer();
    }
  }

  private failure(kind: OdooErrorKind, endpoint: OdooEndpoint, detail: string, httpStatus: number | null = null): OdooError {
    return new OdooError(kind, endpoint, this.redact(detail), httpStatus, this.target);
  }

  /** Odoo may echo what it was sent; the password and the session never reach a message or a log. */
  private redact(text: string): string {
    let safe = text;
    for (const secret of [this.password, this.sessionCookie]) {
      if (secret && secret.length >= 3) safe = safe.split(secret).join('***');
    }
    return safe;
  }
}

function requireMoId(moId: string): string {
  if (typeof moId !== 'string' || moId.trim() === '') throw new RangeError('an Odoo call needs a non-empty MO id');
  return moId;
}

function describeHttpStatus(reply: HttpReply): { kind: OdooErrorKind; detail: string } | null {
  // Odoo's http routes answer an expired session with a redirect to the login page.
  if (reply.status === 401 || reply.redirectedToLogin) {
    return { kind: 'session-expired', detail: `session expired (HTTP ${reply.status}${reply.redirectedToLogin ? ', redirected to login' : ''})` };
  }
  if (reply.status === 404) return { kind: 'http', detail: 'endpoint not found (HTTP 404) — is the SCADA module installed and upgraded?' };
  if (reply.status >= 400) return { kind: 'http', detail: `HTTP ${reply.status}${reply.statusText ? ` ${reply.statusText}` : ''}` };
  return null;
}

const NETWORK_FAILURES: Record<string, { kind: OdooErrorKind; detail: string }> = {
  ECONNREFUSED: { kind: 'refused', detail: 'connection refused' },
  ENOTFOUND: { kind: 'refused', detail: 'host not found (DNS)' },
  EAI_AGAIN: { kind: 'refused', detail: 'host not found (DNS unavailable)' },
  ENETUNREACH: { kind: 'refused', detail: 'network unreachable' },
  ENETDOWN: { kind: 'refused', detail: 'network down' },
  EHOSTUNREACH: { kind: 'refused', detail: 'host unreachable' },
  ECONNRESET: { kind: 'dropped', detail: 'connection dropped before a reply' },
  EPIPE: { kind: 'dropped', detail: 'connection dropped before a reply' },
  UND_ERR_SOCKET: { kind: 'dropped', detail: 'connection dropped before a reply' },
  ETIMEDOUT: { kind: 'timeout', detail: 'connection timed out' },
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timeout', detail: 'connection timed out' },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'timeout', detail: 'no reply headers in time' },
  UND_ERR_BODY_TIMEOUT: { kind: 'timeout', detail: 'reply body stalled' },
};

/** Node's fetch hides the socket error code in `cause` (sometimes nested one level deeper). */
function describeNetworkFailure(error: unknown): { kind: OdooErrorKind; detail: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_FAILURES[code]) return NETWORK_FAILURES[code];
    const nested = (current as { errors?: unknown }).errors;
    current = Array.isArray(nested) && nested.length > 0 ? nested[0] : (current as { cause?: unknown }).cause;
  }
  // Unknown: the request may have reached Odoo, so it must not be taken for "never sent".
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'dropped', detail: `network error (${message})` };
}

function isLoginPage(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith('/web/login');
  } catch {
    return false;
  }
}

function readSetCookies(headers: Headers): string[] {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const single = headers.get('set-cookie');
  return single ? [single] : [];
}

function formatMegabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MB`;
}

function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
