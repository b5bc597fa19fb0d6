/**
 * What Odoo answers, validated. Tolerant to Odoo's quirks (`false` for empty
 * scalars, null equipment, float noise, extra fields — stripped), strict on the
 * fields the app uses. Shapes: ../shared/plant/odoo-api.md §1 and §3.
 *
 * Every reply goes through `parseReply`, which ALWAYS unwraps a JSON-RPC
 * `result` envelope when present: the old middleware forgot it for the cancel
 * call and reported every wrapped cancel as failed (pitfall P21).
 */
import { z } from 'zod';

/** Odoo sends `false` (sometimes null, sometimes nothing) for an empty scalar. */
function odooOptional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === false || value === undefined ? null : value), schema.nullable());
}

const odooText = z.preprocess((value) => (value === false || value === null || value === undefined ? '' : value), z.string());

/** Equipment object of an MO or a component; only code and name matter to the mapping. */
export const equipmentRefSchema = odooOptional(z.object({ code: z.string(), name: odooText }));

export const componentSchema = z.object({
  product_name: z.string(),
  /** Planned quantity of the raw move. */
  to_consume: odooOptional(z.number()),
  /** Done quantity so far (may exceed to_consume after earlier pushes). */
  consumed: odooOptional(z.number()),
  /** 'kg' or 'Unit' (premix sachets). */
  uom: odooText,
  equipment: equipmentRefSchema,
});

export const odooMoSchema = z.object({
  mo_id: z.string().min(1),
  state: z.string(),
  product_name: z.string(),
  /** MO planned finished quantity, kg. */
  quantity: z.number(),
  equipment: equipmentRefSchema,
  components_consumption: z.array(componentSchema),
});

export type OdooComponent = z.output<typeof componentSchema>;
export type OdooMo = z.output<typeof odooMoSchema>;

const status = z.string();

export const moListReplySchema = z.object({ status, count: odooOptional(z.number()), data: z.array(odooMoSchema) });
export const moDetailReplySchema = z.object({ status, data: odooMoSchema });

/*
 * The consumption update is not idempotent (decision Q5): once Odoo says
 * "success", a reply we cannot read would make the engine believe the booking
 * failed and push it again. So beyond `status` and whether `errors` is empty,
 * this reply is read as leniently as possible.
 */
export const consumedItemSchema = z.object({
  equipment_code: odooText,
  equipment_name: odooText,
  applied_qty: odooOptional(z.number()),
});
export type ConsumedItem = z.output<typeof consumedItemSchema>;

const errorText = z.unknown().transform((item) => (typeof item === 'string' ? item : JSON.stringify(item)));

export const consumptionReplySchema = z.object({
  status,
  message: odooText,
  mo_state: odooOptional(z.string()),
  consumed_items: z.preprocess((value) => (Array.isArray(value) ? value : []), z.array(consumedItemSchema.catch({ equipment_code: '', equipment_name: '', applied_qty: null }))),
  /** Non-empty = partial: some quantities were not applied (e.g. "silo999: Equipment not found"). */
  errors: z.preprocess((value) => (Array.isArray(value) ? value : value ? [value] : []), z.array(errorText)),
});

export const cancelReplySchema = z.object({ status, message: odooText, mo_state: odooOptional(z.string()) });
export const markDoneReplySchema = z.object({ status, message: odooText });
export const equipmentFailureReplySchema = z.object({
  status,
  message: odooText,
  data: odooOptional(z.object({ id: z.number() })),
});
export const healthReplySchema = z.object({ status, version: odooOptional(z.string()) });

/** `result` of /web/session/authenticate; Odoo answers uid false when the login failed. */
export const sessionInfoSchema = z.object({ uid: odooOptional(z.number()), session_id: odooOptional(z.string()) });

export type ReplyFailureKind = 'garbage' | 'rpc' | 'session-expired' | 'auth' | 'shape' | 'scada';
export type ReplyResult<T> = { ok: true; value: T } | { ok: false; kind: ReplyFailureKind; detail: string };

const SUCCESS_STATUSES = new Set(['success', 'ok']);

const jsonRpcErrorSchema = z.object({
  code: z.unknown().optional(),
  message: odooText,
  data: z.object({ name: odooText, message: odooText }).partial().optional(),
});

/**
 * Which `status` values count as success. The plant's rule for business calls
 * is "success" or "ok" (odoo-api.md §3C); a health probe only fails on "error",
 * because the health route's exact wording is not documented.
 */
export type StatusRule = 'success-or-ok' | 'anything-but-error';

export function parseReplyText<T>(text: string, schema: z.ZodType<T>, rule: StatusRule = 'success-or-ok'): ReplyResult<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 60);
    return { ok: false, kind: 'garbage', detail: excerpt ? `reply is not JSON: "${excerpt}"` : 'empty reply (not JSON)' };
  }
  return parseReply(json, schema, rule);
}

export function parseReply<T>(json: unknown, schema: z.ZodType<T>, rule: StatusRule = 'success-or-ok'): ReplyResult<T> {
  if (isRecord(json) && 'error' in json && !('result' in json)) return rpcFailure(json.error);
  const body = isRecord(json) && 'result' in json ? json.result : json;

  if (isRecord(body) && typeof body.status === 'string' && isFailureStatus(body.status, rule)) {
    const message = typeof body.message === 'string' && body.message ? body.message : `status "${body.status}" without a message`;
    // A SCADA route that lost its session may say so in its own envelope instead of a JSON-RPC error.
    const kind = /session/i.test(message) ? 'session-expired' : 'scada';
    return { ok: false, kind, detail: `Odoo says "${message}"` };
  }

  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, kind: 'shape', detail: `unexpected reply shape — ${describeIssues(parsed.error.issues, body)}` };
}

function isFailureStatus(value: string, rule: StatusRule): boolean {
  return rule === 'success-or-ok' ? !SUCCESS_STATUSES.has(value.toLowerCase()) : value.toLowerCase() === 'error';
}

function rpcFailure(error: unknown): ReplyResult<never> {
  const parsed = jsonRpcErrorSchema.safeParse(error);
  if (!parsed.success) return { ok: false, kind: 'rpc', detail: 'JSON-RPC error without a readable message' };
  const { code, message, data } = parsed.data;
  const name = data?.name ?? '';
  const text = data?.message || message || 'no message';
  // Odoo's SessionExpiredException: code 100, message "Odoo Session Expired".
  if (code === 100 || /session expired/i.test(message) || name.includes('SessionExpired')) {
    return { ok: false, kind: 'session-expired', detail: `session expired ("${text}")` };
  }
  if (name.includes('AccessDenied')) return { ok: false, kind: 'auth', detail: `Odoo says "${text}"` };
  return { ok: false, kind: 'rpc', detail: `server error "${text}"${name ? ` (${name})` : ''}` };
}

function describeIssues(issues: readonly z.core.$ZodIssue[], body: unknown): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const moId = nearestMoId(body, issue.path);
      const where = formatPath(issue.path) || 'reply';
      return `${where}${moId ? ` (MO ${moId})` : ''}: ${issue.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}

/** The mo_id of the deepest MO object on the issue's path, so the operator knows which MO is malformed. */
function nearestMoId(body: unknown, path: readonly PropertyKey[]): string | null {
  let node: unknown = body;
  let found: string | null = null;
  for (const key of path) {
    if (!isRecord(node) && !Array.isArray(node)) break;
    if (isRecord(node) && typeof node.mo_id === 'string') found = node.mo_id;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (isRecord(node) && typeof node.mo_id === 'string') found = node.mo_id;
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
