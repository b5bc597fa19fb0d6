/**
 * The simulated Odoo: the simulator's own state and route handlers (booked
 * consumption is additive; produced MOs stay listed, plant pitfall P8),
 * reached by the real OdooClient through a `fetch` whose every call may be
 * refused, lost, answered, dropped on the way back — or executed long after
 * the client gave up, as a busy Odoo 14 worker does.
 */
import { parseRequest, replyPayload, runRoute, wrapsReply, type ParsedRequest } from '../../electron/odoo/odoo-sim-envelope';
import { endpointForPath, type OdooEndpoint } from '../../electron/odoo/odoo-routes';
import { OdooSimState } from '../../electron/odoo/odoo-sim-state';
import type { OdooMoRecord } from '../../electron/odoo/odoo-seed-mos';
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

export class SimOdoo {
  readonly state: OdooSimState;

  constructor(
    private readonly clock: SimClock,
    private readonly faults: FaultPlan,
    private readonly trace: Trace,
    mos: readonly OdooMoRecord[],
  ) {
    this.state = new OdooSimState({ ...SIM_ODOO_LOGIN }, mos);
  }

  fetchFor(caller: OdooCaller): typeof fetch {
    const simFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = new URL(String(input));
      const endpoint = endpointForPath(url.pathname);
      if (!endpoint) throw new Error(`the simulated Odoo has no route ${url.pathname}`);
      await caller.crashPoint(`before calling Odoo ${endpoint}`);
      const request = parseRequest(typeof init?.body === 'string' ? init.body : '');
      const fate = this.faults.odoo();
      const moId = (request.params as { mo_id?: unknown } | null)?.mo_id;
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
          const reply = this.answer(endpoint, request);
          if (MUTATIONS.has(endpoint)) this.trace.add('odoo', `${label} executed`);
          if (fate.reply === 'never') return;
          this.clock.setTimer(5, () => finish(fate.reply === 'drop' ? () => reject(networkError('ECONNRESET')) : () => resolve(reply)));
        });
      });
    };
    return simFetch as typeof fetch;
  }

  /** Sessions are not simulated here: the explorer's faults are on the network, not in the login. */
  private answer(endpoint: OdooEndpoint, request: ParsedRequest): Response {
    const reply = runRoute(this.state, endpoint, request);
    const headers = new Headers({ 'Content-Type': 'application/json' });
    if ('sessionId' in reply && reply.sessionId) headers.append('Set-Cookie', `session_id=${reply.sessionId}; Path=/`);
    return jsonResponse(replyPayload(reply, wrapsReply(endpoint, request), request.id), headers);
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
