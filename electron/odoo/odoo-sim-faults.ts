/**
 * Faults the Odoo simulator can inject, changeable while it runs, so tests and
 * demos can show every failure an operator may meet (Odoo down, slow, broken
 * proxy, module missing, session lost…) and the recovery afterwards.
 */
import type { OdooEndpoint } from './odoo-routes';

/**
 * How a one-shot failure looks: HTTP 500 or 401, a SCADA `status: "error"`
 * reply, a JSON-RPC server error, a JSON-RPC "Odoo Session Expired" despite a
 * valid cookie, or 'drop-reply' — Odoo DOES the work, then the connection dies
 * before the answer arrives (the case that makes resending a consumption
 * dangerous, Q5).
 */
export const ONE_SHOT_FAULTS = ['http-500', 'http-401', 'scada-error', 'rpc-error', 'session-expired', 'drop-reply'] as const;
export type OneShotFault = (typeof ONE_SHOT_FAULTS)[number];

export class OdooSimFaults {
  /** Delay before every answer (the request is counted on arrival). */
  latencyMs = 0;
  /** Extra delay for one route, e.g. a `mo-list-detailed` that pages a large database slowly. */
  readonly slowRoutes = new Map<OdooEndpoint, number>();
  /**
   * A call whose client hung up (timed out) during the latency is still carried out when the
   * latency ends, as an Odoo worker finishes a request until limit_time_real: a push "applied late".
   */
  finishesAbandonedCalls = false;
  /** Every route answers this HTTP status (e.g. 500, or 404 as if the module were missing); null = off. */
  httpStatus: number | null = null;
  /** Every route answers HTTP 200 with an HTML page instead of JSON. */
  garbage = false;
  /** SCADA routes answer valid JSON missing `status` and `data`. */
  wrongShape = false;
  /** SCADA routes answer `{status: "error", message: scadaError}`; null = off. */
  scadaError: string | null = null;
  /** Every JSON reply is followed by this many spaces (still valid JSON): an answer far larger than asked for. */
  padReplyBytes = 0;
  private isDown = false;
  private readonly oneShots = new Map<OdooEndpoint, { remaining: number; fault: OneShotFault }>();

  constructor(
    private readonly controls: {
      setListening(listening: boolean): Promise<void>;
      expireSessions(): void;
    },
  ) {}

  /** True while the simulator refuses connections. */
  get down(): boolean {
    return this.isDown;
  }

  /** Stops listening (clients get "connection refused") or listens again on the same port. */
  async setDown(down: boolean): Promise<void> {
    if (down === this.isDown) return;
    this.isDown = down;
    await this.controls.setListening(!down);
  }

  /** Drops every session: the next SCADA call gets "Odoo Session Expired". */
  expireSessions(): void {
    this.controls.expireSessions();
  }

  /** The next `count` requests to `endpoint` fail with `fault`. */
  failNext(endpoint: OdooEndpoint, count: number, fault: OneShotFault = 'http-500'): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`failNext needs a count >= 0 (got ${count})`);
    this.oneShots.set(endpoint, { remaining: count, fault });
  }

  /** Consumes one pending one-shot failure for `endpoint`, if any. */
  takeOneShot(endpoint: OdooEndpoint): OneShotFault | null {
    const pending = this.oneShots.get(endpoint);
    if (!pending || pending.remaining === 0) return null;
    pending.remaining--;
    return pending.fault;
  }

  /** Back to a healthy Odoo (latency, slow routes, statuses, one-shots; also listens again if down). */
  async clear(): Promise<void> {
    this.latencyMs = 0;
    this.slowRoutes.clear();
    this.finishesAbandonedCalls = false;
    this.httpStatus = null;
    this.garbage = false;
    this.wrongShape = false;
    this.scadaError = null;
    this.padReplyBytes = 0;
    this.oneShots.clear();
    await this.setDown(false);
  }
}
