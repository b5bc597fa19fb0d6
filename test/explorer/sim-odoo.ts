/**
 * The simulated Odoo: the simulator's own state and route handlers (booked
 * consumption is additive; produced MOs stay listed, plant pitfall P8),
 * reached by the real OdooClient through a `fetch` whose every call may be
 * refused, lost, answered, dropped on the way back — or executed long after
 * the client gave up, as a busy Odoo 14 worker does.
 */
import { SIM_HANDLERS, type SimReply } from '../../electron/odoo/odoo-sim-handlers';
import { endpointForPath, type OdooEndpoint } from '../../electron/odoo/odoo-routes';
import { OdooSimState } from '../../electron/odoo/odoo-sim-state';
import { seedMos } from '../../electron/odoo/odoo-seed-mos';
import type { FaultPlan } from './faults';
import type { SimClock } from './sim-clock';
import type { Trace } from './trace';

export const SIM_ODOO_URL = 'http://odoo.sim';
export const SIM_ODOO_LOGIN = { db: 'plant', username: 'admin', password: 'admin' };

/** The calling end of one process: it may die at an await point; a dead one receives nothing. */
export interface OdooCaller {
  who: string;
  alive(): boolean;
  crashPoint(where: string): Promise<void>;
}

const MUTATIONS: ReadonlySet<OdooEndpoint> = new Set(['update-with-consumptions', 'cancel', 'mark-done', 'equipment-failure']);
const ALWAYS_WRAPPED: ReadonlySet<OdooEndpoint> = new Set(['authenticate', 'mo-list-detailed', 'cancel']);

export class SimOdoo {
  readonly state: OdooSimState;

  constructor(
    private readonly clock: SimClock,
    private readonly faults: FaultPlan,
    private readonly trace: Trace,
    moCount: number,
  ) {
    this.state = new OdooSimState({ ...SIM_ODOO_LOGIN }, seedMos(moCount));
  }

  fetchFor(caller: OdooCaller): typeof fetch {
    const simFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = new URL(String(input));
      const endpoint = endpointForPath(url.pathname);
      if (!endpoint) throw new Error(`the simulated Odoo has no route ${url.pathname}`);
      await caller.crashPoint(`before calling Odoo ${endpoint}`);
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
      const fate = this.faults.odoo();
      const moId = typeof (body.params as { mo_id?: unknown } | undefined)?.mo_id === 'string' ? (body.params as { mo_id: string }).mo_id : body.mo_id;
      const label = `${endpoint}${typeof moId === 'string' ? ` ${moId}` : ''}`;
      if (fate.kind !== 'executed' || fate.reply !== 'deliver' || fate.applyAfterMs > 1_000) {
        this.trace.add('net', `${caller.who}: Odoo ${label}: ${fate.kind === 'executed' ? `runs after ${fate.applyAfterMs} ms, reply ${fate.reply}` : fate.kind}`);
      }
      return new Promise<Response>((resolve, reject) => {
        let settled = false;
        const finish = (outcome: () => void) => {
          if (settled || !caller.alive()) return;
          settled = true;
          outcome();
        };
        init?.signal?.addEventListener('abort', () => finish(() => reject(new DOMException('The operation was aborted', 'AbortError'))), { once: true });
        if (fate.kind === 'refused') {
          this.clock.setTimer(1, () => finish(() => reject(networkError('ECONNREFUSED'))));
          return;
        }
        if (fate.kind !== 'executed') return;
        // Odoo runs the call even when the caller gave up or died meanwhile.
        this.clock.setTimer(fate.applyAfterMs, () => {
          const reply = this.answer(endpoint, body);
          if (MUTATIONS.has(endpoint)) this.trace.add('odoo', `${label} executed`);
          if (fate.reply === 'never') return;
          this.clock.setTimer(5, () => finish(fate.reply === 'drop' ? () => reject(networkError('ECONNRESET')) : () => resolve(reply)));
        });
      });
    };
    return simFetch as typeof fetch;
  }

  private answer(endpoint: OdooEndpoint, body: Record<string, unknown>): Response {
    const jsonRpc = 'jsonrpc' in body;
    const params = jsonRpc ? (body.params ?? {}) : body;
    const reply: SimReply = SIM_HANDLERS[endpoint](this.state, params);
    const headers = new Headers({ 'Content-Type': 'application/json' });
    if ('rpcError' in reply) return jsonResponse({ jsonrpc: '2.0', id: body.id ?? null, error: reply.rpcError }, headers);
    if (reply.sessionId) headers.append('Set-Cookie', `session_id=${reply.sessionId}; Path=/`);
    const wrap = jsonRpc || ALWAYS_WRAPPED.has(endpoint);
    return jsonResponse(wrap ? { jsonrpc: '2.0', id: body.id ?? null, result: reply.body } : reply.body, headers);
  }
}

function jsonResponse(payload: unknown, headers: Headers): Response {
  const text = JSON.stringify(payload);
  // Not a real Response: its body would be read through streams and real event-loop turns.
  return { status: 200, statusText: 'OK', headers, redirected: false, url: SIM_ODOO_URL, text: async () => text } as unknown as Response;
}

function networkError(code: string): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
}
