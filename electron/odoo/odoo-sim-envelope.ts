/**
 * The simulated Odoo's request and reply envelopes, shared by its HTTP server
 * (odoo-simulator.ts) and the fault explorer's in-process network: a body is
 * JSON-RPC or plain, each route takes only the style of odoo-routes.ts, and a
 * reply goes out bare or wrapped in a JSON-RPC `result`.
 */
import { ODOO_ROUTES, type OdooEndpoint } from './odoo-routes';
import { SIM_HANDLERS, wrongBodyStyle, type SimReply } from './odoo-sim-handlers';
import type { OdooSimState } from './odoo-sim-state';

export interface ParsedRequest {
  jsonRpc: boolean;
  id: unknown;
  params: unknown;
  invalid: boolean;
}

/** Routes that answer in a JSON-RPC envelope even to a plain body — cancel proves clients unwrap it (P21). */
const ALWAYS_WRAPPED: ReadonlySet<OdooEndpoint> = new Set(['authenticate', 'mo-list-detailed', 'cancel']);

/** Both body styles of the SCADA routes: JSON-RPC `{jsonrpc, params}` or a plain JSON object. */
export function parseRequest(raw: string): ParsedRequest {
  if (raw.trim() === '') return { jsonRpc: false, id: null, params: {}, invalid: false };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { jsonRpc: false, id: null, params: null, invalid: true };
  }
  if (typeof json === 'object' && json !== null && 'jsonrpc' in json) {
    const envelope = json as { id?: unknown; params?: unknown };
    return { jsonRpc: true, id: envelope.id ?? null, params: envelope.params ?? {}, invalid: false };
  }
  return { jsonRpc: false, id: null, params: json, invalid: false };
}

export function wrapsReply(endpoint: OdooEndpoint, request: ParsedRequest): boolean {
  return request.jsonRpc || ALWAYS_WRAPPED.has(endpoint);
}

/** Runs the route's handler, unless the request came in the body style the route does not take. */
export function runRoute(state: OdooSimState, endpoint: OdooEndpoint, request: ParsedRequest): SimReply {
  const style = ODOO_ROUTES[endpoint].body;
  if (style !== 'none' && request.jsonRpc !== (style === 'json-rpc')) return wrongBodyStyle(ODOO_ROUTES[endpoint].path, style);
  return SIM_HANDLERS[endpoint](state, request.params);
}

/** The JSON the reply's body carries. */
export function replyPayload(reply: SimReply, wrap: boolean, id: unknown): unknown {
  if ('rpcError' in reply) return { jsonrpc: '2.0', id, error: reply.rpcError };
  return wrap ? { jsonrpc: '2.0', id, result: reply.body } : reply.body;
}
