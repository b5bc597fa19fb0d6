/**
 * What the Odoo simulator knows: its MOs, open sessions, and everything the
 * app did to it — observable by tests (how many logins, how often an MO's
 * consumption was booked and with what, cancels, mark-dones, failure reports).
 */
import { randomBytes } from 'node:crypto';
import type { OdooEndpoint } from './odoo-routes';
import type { OdooMoRecord, OdooMoState } from './odoo-seed-mos';

export interface Credentials {
  db: string;
  username: string;
  password: string;
}

export interface Booking {
  /** Accepted update-with-consumptions calls for this MO. */
  count: number;
  lastPayload: Record<string, unknown> | null;
}

export interface FailureReport {
  id: number;
  equipment_code: string;
  description: string;
  date: string;
}

/** `mo-list-detailed` lists only these (odoo-api.md §3B). */
const LISTED_STATES: ReadonlySet<OdooMoState> = new Set(['confirmed', 'progress', 'to_close']);

export class OdooSimState {
  /** Successful logins on either authenticate route. */
  logins = 0;
  readonly failureReports: FailureReport[] = [];
  private readonly mos: OdooMoRecord[] = [];
  private readonly sessions = new Set<string>();
  private readonly bookingsByMo = new Map<string, Booking>();
  private readonly cancelsByMo = new Map<string, number>();
  private readonly markDonesByMo = new Map<string, number>();
  private readonly requestsByEndpoint = new Map<OdooEndpoint, number>();
  private waiters: { endpoint: OdooEndpoint; resolve: () => void }[] = [];

  constructor(
    readonly credentials: Credentials,
    mos: readonly OdooMoRecord[],
  ) {
    this.addMos(mos);
  }

  /** Appends MOs (newest last, as Odoo lists oldest first). */
  addMos(mos: readonly OdooMoRecord[]): void {
    for (const mo of mos) {
      if (this.findMo(mo.mo_id)) throw new RangeError(`the simulator already has an MO named ${mo.mo_id}`);
      this.mos.push(structuredClone(mo));
    }
  }

  /** What mo-list-detailed returns: open MOs, oldest first. Booked MOs stay listed, like the plant (README §2, P8). */
  listed(limit: number, offset: number): OdooMoRecord[] {
    return this.mos.filter((mo) => LISTED_STATES.has(mo.state)).slice(offset, offset + limit);
  }

  /** Every MO's name, whatever its state. */
  moIds(): string[] {
    return this.mos.map((mo) => mo.mo_id);
  }

  /** The live record, for the simulator's handlers only. */
  findMo(moId: string): OdooMoRecord | undefined {
    return this.mos.find((mo) => mo.mo_id === moId);
  }

  /** A copy of the MO as Odoo holds it now. */
  mo(moId: string): OdooMoRecord | undefined {
    const found = this.findMo(moId);
    return found && structuredClone(found);
  }

  moState(moId: string): OdooMoState | undefined {
    return this.findMo(moId)?.state;
  }

  /** What a planner does by hand in Odoo, e.g. cancel an MO the PLC is about to run (README §8). */
  setMoState(moId: string, state: OdooMoState): void {
    const mo = this.findMo(moId);
    if (!mo) throw new RangeError(`the simulator has no MO named ${moId}`);
    mo.state = state;
  }

  bookings(moId: string): Booking {
    const booking = this.bookingsByMo.get(moId);
    return booking ? { count: booking.count, lastPayload: structuredClone(booking.lastPayload) } : { count: 0, lastPayload: null };
  }

  /** How many times Odoo accepted a consumption update for this MO. */
  bookedCount(moId: string): number {
    return this.bookingsByMo.get(moId)?.count ?? 0;
  }

  recordBooking(moId: string, payload: Record<string, unknown>): void {
    const count = (this.bookingsByMo.get(moId)?.count ?? 0) + 1;
    this.bookingsByMo.set(moId, { count, lastPayload: structuredClone(payload) });
  }

  /** Cancel calls Odoo answered with success for this MO (including "already cancelled"). */
  cancels(moId: string): number {
    return this.cancelsByMo.get(moId) ?? 0;
  }

  recordCancel(moId: string): void {
    this.cancelsByMo.set(moId, this.cancels(moId) + 1);
  }

  markDones(moId: string): number {
    return this.markDonesByMo.get(moId) ?? 0;
  }

  recordMarkDone(moId: string): void {
    this.markDonesByMo.set(moId, this.markDones(moId) + 1);
  }

  credentialsMatch(db: string, login: string, password: string): boolean {
    const c = this.credentials;
    return db === c.db && login === c.username && password === c.password;
  }

  openSession(): string {
    this.logins++;
    const id = randomBytes(20).toString('hex');
    this.sessions.add(id);
    return id;
  }

  hasSession(id: string | null): boolean {
    return id !== null && this.sessions.has(id);
  }

  /** Drops every session: the next SCADA call sees "Odoo Session Expired". */
  expireSessions(): void {
    this.sessions.clear();
  }

  requestCount(endpoint: OdooEndpoint): number {
    return this.requestsByEndpoint.get(endpoint) ?? 0;
  }

  /** Resolves when the next request to `endpoint` arrives (before any injected latency). */
  waitForRequest(endpoint: OdooEndpoint): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ endpoint, resolve }));
  }

  noteRequest(endpoint: OdooEndpoint): void {
    this.requestsByEndpoint.set(endpoint, this.requestCount(endpoint) + 1);
    const due = this.waiters.filter((w) => w.endpoint === endpoint);
    this.waiters = this.waiters.filter((w) => w.endpoint !== endpoint);
    for (const waiter of due) waiter.resolve();
  }
}
