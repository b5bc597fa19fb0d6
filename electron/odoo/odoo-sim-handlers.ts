/**
 * The business behaviour of each simulated Odoo route, as the plant server
 * answers (../shared/plant/odoo-api.md §3). Transport concerns — envelopes,
 * cookies, faults — live in odoo-simulator.ts.
 */
import { z } from 'zod';
import type { OdooEndpoint } from './odoo-routes';
import { ODOO_EQUIPMENT_MASTER, type OdooMoRecord } from './odoo-seed-mos';
import type { OdooSimState } from './odoo-sim-state';

export interface RpcErrorBody {
  code: number;
  message: string;
  data: { name: string; message: string; arguments: string[]; debug: string };
}

export type SimReply =
  /** `body` goes out bare or as a JSON-RPC `result`; `sessionId` becomes the session_id cookie. */
  | { body: Record<string, unknown>; sessionId?: string }
  | { rpcError: RpcErrorBody };

export type SimHandler = (state: OdooSimState, params: unknown) => SimReply;

function rpcError(code: number, message: string, name: string, detail: string): { rpcError: RpcErrorBody } {
  return { rpcError: { code, message, data: { name, message: detail, arguments: [detail], debug: '' } } };
}

/** What Odoo answers on a json route when the session cookie is missing or stale. */
export const SESSION_EXPIRED = rpcError(100, 'Odoo Session Expired', 'odoo.http.SessionExpiredException', 'Session expired');

/** A framework-level failure, e.g. a database serialisation conflict. */
export const SERVER_ERROR = rpcError(200, 'Odoo Server Error', 'psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update');
export const INVALID_JSON = rpcError(200, 'Odoo Server Error', 'werkzeug.exceptions.BadRequest', 'Invalid JSON data');

/**
 * A request in the body style the route does not take (odoo-routes.ts). On a
 * JSON-RPC route Odoo reads the arguments from `params` only, so a plain body
 * reaches the handler with none and fails as a framework error; a plain route
 * reads its fields at the top level, so a JSON-RPC envelope hides them and
 * the SCADA module answers that they are missing.
 */
export function wrongBodyStyle(path: string, expected: 'json-rpc' | 'plain'): SimReply {
  if (expected === 'json-rpc') {
    const detail = `${path} takes a JSON-RPC body {"jsonrpc":"2.0","method":"call","params":{…}}; the arguments of this request were not in "params"`;
    return rpcError(200, 'Odoo Server Error', 'builtins.TypeError', detail);
  }
  return scadaError(`Invalid request: ${path} takes a plain JSON body; the fields of this request were inside a JSON-RPC envelope`);
}

const ADMIN_UID = 2;
const ACCESS_DENIED = rpcError(200, 'Odoo Server Error', 'odoo.exceptions.AccessDenied', 'Access Denied');

const scadaError = (message: string): SimReply => ({ body: { status: 'error', message } });
const moNotFound = (moId: string): SimReply => scadaError(`Manufacturing Order "${moId}" not found`);

/** Validates a request body; a bad one gets the SCADA module's error envelope naming the field. */
function withParams<S extends z.ZodType>(schema: S, handle: (state: OdooSimState, params: z.output<S>) => SimReply): SimHandler {
  return (state, params) => {
    const parsed = schema.safeParse(params);
    if (parsed.success) return handle(state, parsed.data);
    const issue = parsed.error.issues[0];
    return scadaError(`Invalid request: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'bad body'}`);
  };
}

const credentialParams = z.object({ db: z.string(), login: z.string(), password: z.string() });
const moParams = z.looseObject({ mo_id: z.string().min(1) });

/** Keys of update-with-consumptions that carry the actual finished weight (newer spec and contract, §3C). */
const FINISHED_KEYS = new Set([
  'quantity', 'weight_finished_goods', 'finished_qty', 'qty_finished', 'actual_weight_finished_goods',
  'actual_weight_finished', 'actual_finished_qty', 'finished_goods_qty',
]);
/** Keys that rescale the MO target (older spec). */
const TARGET_KEYS = new Set(['product_qty', 'quantity_to_produce', 'qty_to_produce', 'target_produksi', 'target_production', 'qty_producing']);

function updateWithConsumptions(state: OdooSimState, params: z.output<typeof moParams>): SimReply {
  const mo = state.findMo(params.mo_id);
  if (!mo) return moNotFound(params.mo_id);
  if (mo.state === 'done' || mo.state === 'cancel') return scadaError(`Cannot update MO "${mo.mo_id}" in state "${mo.state}"`);

  const consumedItems: Record<string, unknown>[] = [];
  const errors: string[] = [];
  let finishedQty: number | null = null;
  for (const [key, value] of Object.entries(params)) {
    if (key === 'mo_id') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      errors.push(`${key}: Invalid quantity`);
    } else if (FINISHED_KEYS.has(key)) {
      finishedQty = value;
    } else if (TARGET_KEYS.has(key)) {
      mo.quantity = value;
    } else {
      const item = applyConsumption(mo, key, value);
      if (typeof item === 'string') errors.push(item);
      else consumedItems.push(item);
    }
  }
  if (finishedQty !== null) mo.produced_qty = finishedQty;
  if (mo.state === 'confirmed') mo.state = 'progress';
  state.recordBooking(mo.mo_id, params);

  return {
    body: {
      status: 'success',
      message: errors.length === 0 ? 'MO updated successfully' : 'MO updated with some errors',
      mo_id: mo.mo_id,
      mo_state: mo.state,
      ...(finishedQty !== null ? { updated_finished_qty: finishedQty } : {}),
      consumed_items: consumedItems,
      errors,
    },
  };
}

/**
 * Books `qty` on the MO's raw move for that equipment. Additive, not "set":
 * whether the plant server is idempotent is unverified (Q5), so the simulator
 * takes the pessimistic reading and a double push shows as double consumption.
 */
function applyConsumption(mo: OdooMoRecord, code: string, qty: number): Record<string, unknown> | string {
  const equipment = ODOO_EQUIPMENT_MASTER.find((e) => e.code === code);
  if (!equipment) return `${code}: Equipment not found`;
  const index = mo.components_consumption.findIndex((c) => c.equipment?.code === code);
  const component = mo.components_consumption[index];
  if (!component) return `${code}: No raw material move found for this equipment`;
  component.consumed += qty;
  return {
    equipment_code: code,
    equipment_name: equipment.name,
    applied_qty: qty,
    move_ids: [mo.product_id * 100 + index],
    products: [component.product_name],
  };
}

const listParams = z.object({ limit: z.number().int().min(0).default(10), offset: z.number().int().min(0).default(0) });
const markDoneParams = z.looseObject({ mo_id: z.string().min(1), finished_qty: z.number().positive(), date_end_actual: z.string().optional() });
const failureParams = z.object({
  equipment_code: z.string().min(1),
  description: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/, 'Invalid date format').optional(),
});

/** Odoo answers in ISO form (`…T…:SS`) whichever accepted form it was given (odoo-api.md §3E). */
function isoDateTime(input: string): string {
  const [day, time = ''] = input.split(/[ T]/);
  return `${day}T${time.length === 5 ? `${time}:00` : time}`;
}

export const SIM_HANDLERS: Record<OdooEndpoint, SimHandler> = {
  authenticate: (state, params) => {
    const parsed = credentialParams.safeParse(params);
    if (!parsed.success || !state.credentialsMatch(parsed.data.db, parsed.data.login, parsed.data.password)) return ACCESS_DENIED;
    const { db, login } = parsed.data;
    return {
      body: { uid: ADMIN_UID, is_system: true, is_admin: true, name: 'Administrator', username: login, db, server_version: '14.0', partner_id: 3, company_id: 1, user_context: { lang: 'en_US', tz: 'Asia/Jakarta', uid: ADMIN_UID } },
      sessionId: state.openSession(),
    };
  },

  'scada-authenticate': (state, params) => {
    const parsed = credentialParams.safeParse(params);
    if (!parsed.success || !state.credentialsMatch(parsed.data.db, parsed.data.login, parsed.data.password)) {
      return scadaError('Authentication failed: invalid database, login or password');
    }
    const sessionId = state.openSession();
    return { body: { status: 'success', uid: ADMIN_UID, session_id: sessionId, db: parsed.data.db, login: parsed.data.login }, sessionId };
  },

  'mo-list-detailed': withParams(listParams, (state, { limit, offset }) => {
    const data = state.listed(limit, offset);
    return { body: { status: 'success', count: data.length, data } };
  }),

  'mo-detail': withParams(moParams, (state, { mo_id }) => {
    const mo = state.mo(mo_id);
    return mo ? { body: { status: 'success', data: mo } } : moNotFound(mo_id);
  }),

  'update-with-consumptions': withParams(moParams, updateWithConsumptions),

  cancel: withParams(moParams, (state, { mo_id }) => {
    const mo = state.findMo(mo_id);
    if (!mo) return moNotFound(mo_id);
    if (mo.state === 'done') return scadaError(`Cannot cancel MO "${mo_id}" in state "done"`);
    const already = mo.state === 'cancel';
    mo.state = 'cancel';
    state.recordCancel(mo_id);
    const message = already ? 'Manufacturing order already cancelled' : 'Manufacturing order cancelled successfully';
    return { body: { status: 'success', message, mo_id, mo_state: 'cancel' } };
  }),

  'mark-done': withParams(markDoneParams, (state, { mo_id, finished_qty }) => {
    const mo = state.findMo(mo_id);
    if (!mo) return moNotFound(mo_id);
    if (mo.state === 'done' || mo.state === 'cancel') return scadaError(`Cannot mark MO "${mo_id}" as done in state "${mo.state}"`);
    mo.produced_qty = finished_qty;
    mo.state = 'done';
    state.recordMarkDone(mo_id);
    return { body: { status: 'success', message: 'Manufacturing order marked as done', mo_id } };
  }),

  'equipment-failure': withParams(failureParams, (state, { equipment_code, description, date }) => {
    const equipment = ODOO_EQUIPMENT_MASTER.find((e) => e.code === equipment_code);
    if (!equipment) return scadaError(`Equipment with code "${equipment_code}" not found`);
    const report = {
      id: state.failureReports.length + 1,
      equipment_code,
      description,
      date: date ? isoDateTime(date) : new Date().toISOString().slice(0, 19),
    };
    state.failureReports.push(report);
    return { body: { status: 'success', message: 'Equipment failure report created', data: { ...report, equipment_id: equipment.id, equipment_name: equipment.name } } };
  }),

  health: () => ({ body: { status: 'ok', service: 'scada', version: '14.0' } }),
};
