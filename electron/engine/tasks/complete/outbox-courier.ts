/**
 * Delivers outbox entries to Odoo, each exactly once.
 *
 * One courier at a time: an entry is claimed in the store (a conditional
 * update) before anything is read or sent, and moved to `sending` only while
 * the claim holds, so two processes (the console and `run complete --once`)
 * or two stations never both send it. In the plant the station also checks,
 * right before each send, that it still holds the PLC lease.
 *
 * Failures fall in three kinds, because they mean different things for a
 * booking that must not happen twice:
 * - not delivered (connection refused, login or session trouble, and any
 *   failed read before the send): send again later;
 * - fate unknown (timeout, a connection dropped mid-call, HTTP 5xx, an unreadable reply): for a consumption,
 *   the entry stays `sending` and is settled by reading the MO back
 *   (booking-verdict.ts) before anything is sent again — but not before the
 *   settle horizon: Odoo 14 may still be executing the original call (its
 *   workers run up to limit_time_real, 120 s by default), and a read during
 *   that time would see the MO unchanged and send it a second time;
 * - rejected by Odoo (SCADA status "error"): counted; after `maxRejections`
 *   the entry is quarantined for an operator. A partial booking is
 *   quarantined at once — resending would book the accepted part twice.
 * Retries back off exponentially; Odoo being down never quarantines anything.
 */
import type { OutboxEntry } from '../../../../shared/domain';
import { EQUIPMENT } from '../../../../shared/equipment';
import type { OdooClient } from '../../../odoo/odoo-client';
import { OdooError } from '../../../odoo/odoo-error';
import type { AuthorityStore, OutboxPatch } from '../../../store/authority-store';
import { DELIVERABLE } from '../../../store/outbox-rows';
import type { Clock } from '../../clock';
import { clockTime } from '../../clock-time';
import { errorMessage } from '../../task-runner';
import { bookingVerdict, consumedByEquipment } from './booking-verdict';

export type OdooCalls = Pick<OdooClient, 'moDetail' | 'updateWithConsumptions' | 'cancelMo' | 'markDone' | 'reportEquipmentFailure'>;

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxRejections: number;
}

export const COMPLETE_STEPS = ['baseline-recorded', 'sending', 'odoo-accepted'] as const;
export type CompleteStep = (typeof COMPLETE_STEPS)[number];

export interface CourierDeps {
  store: AuthorityStore;
  odoo: OdooCalls;
  clock: Clock;
  retry: RetryPolicy;
  /** This courier's name in claims, unique per instance (courier-claimant.ts). */
  claimant: string;
  /** How long a claim holds: longer than the Odoo calls made under it can take. */
  claimMs: number;
  /** A push whose reply never came is read back only this long after it was sent (ODOO_SETTLE_AFTER_SEC). */
  settleAfterMs: number;
  /** Plant mode: whether this station may still deliver (it holds the PLC lease); asked right before each send. */
  mayDeliver?: () => Promise<boolean>;
  checkpoint?: (step: CompleteStep) => void;
}

/** `alreadyRecorded`: booked and closed before (by another courier or run): nothing is left to do or to report. */
export type Delivery =
  | { state: 'booked'; note: string; alreadyRecorded?: true }
  | { state: 'waiting' | 'quarantined' | 'withdrawn'; reason: string };

type FailureKind = 'not-delivered' | 'unknown' | 'rejected';

export class OutboxCourier {
  constructor(private readonly deps: CourierDeps) {}

  async deliver(entry: OutboxEntry): Promise<Delivery> {
    const early = this.notNow(entry);
    if (early) return early;
    const { store, claimant } = this.deps;
    const claimed = await store.claimOutbox(entry.id, claimant, this.claimUntil(), this.now());
    if (!claimed) return this.heldElsewhere(entry);
    try {
      // The claim returns the entry as it is now: another courier may have sent it since it was listed.
      return this.notNow(claimed) ?? (await this.deliverClaimed(claimed));
    } catch (error) {
      if (!(error instanceof ClaimLost)) throw error;
      return this.heldElsewhere(entry);
    } finally {
      // An unreachable store keeps the claim; it runs out by itself.
      await store.releaseOutbox(entry.id, claimant).catch(() => undefined);
    }
  }

  /** Why the entry is not to be worked on now, or null. */
  private notNow(entry: OutboxEntry): Delivery | null {
    const now = this.deps.clock.now();
    switch (entry.state) {
      case 'done':
        return { state: 'booked', note: 'already booked', alreadyRecorded: true };
      case 'quarantined':
        return { state: 'quarantined', reason: entry.lastError ?? 'quarantined' };
      case 'withdrawn':
        return { state: 'withdrawn', reason: 'its batch was archived as cancelled; Odoo was not told' };
      case 'sending': {
        if (this.heldByAnother(entry)) return this.deliveredByAnother(entry);
        const settleAt = this.settleAt(entry);
        if (entry.kind === 'consumption' && now < settleAt) {
          return { state: 'waiting', reason: `Odoo may still be booking ${entry.moId}; checked again after ${clockTime(settleAt)}` };
        }
        break;
      }
      case 'pending':
        break;
    }
    if (entry.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now) {
      return { state: 'waiting', reason: `next attempt at ${entry.nextAttemptAt}${entry.lastError ? ` (last: ${entry.lastError})` : ''}` };
    }
    return null;
  }

  /** The claim went to someone else, or the entry left the deliverable states since it was listed. */
  private async heldElsewhere(entry: OutboxEntry): Promise<Delivery> {
    const current = (await this.deps.store.outboxEntry(entry.moId, entry.kind)) ?? entry;
    return this.notNow(current) ?? this.deliveredByAnother(current);
  }

  private heldByAnother(entry: OutboxEntry): boolean {
    return entry.claimedBy !== null && entry.claimedBy !== this.deps.claimant && Date.parse(entry.claimedUntil ?? '') > this.deps.clock.now();
  }

  private deliveredByAnother(entry: OutboxEntry): Delivery {
    return { state: 'waiting', reason: `another courier is delivering it${entry.claimedBy ? ` (${entry.claimedBy})` : ''}` };
  }

  private async deliverClaimed(entry: OutboxEntry): Promise<Delivery> {
    let current = entry;
    try {
      // Marking done is a state, not an amount: an earlier attempt whose answer was lost may have done it, and Odoo
      // refuses a second one ("Cannot mark MO … in state done") — so it is read first. Its purpose is that Odoo stops
      // listing the MO: an MO already done (or cancelled by a planner) needs nothing more.
      if (entry.kind === 'mark-done') {
        const { state } = await this.deps.odoo.moDetail(entry.moId);
        if (state === 'done') return { state: 'booked', note: `${entry.moId} is already marked done in Odoo` };
        if (state === 'cancel') return { state: 'booked', note: `${entry.moId} was cancelled in Odoo meanwhile; nothing to mark done` };
      }
      if (entry.kind !== 'consumption') return await this.send(entry, () => this.call(entry));
      const sent = equipmentAmounts(entry.payload);
      if (current.state === 'sending' && current.baseline !== null) {
        // A previous send's fate is unknown (crash or lost reply) and Odoo is done with it by now: settle it before sending again.
        const verdict = bookingVerdict(current.baseline, consumedByEquipment(await this.deps.odoo.moDetail(entry.moId)), sent);
        if (verdict === 'booked') return { state: 'booked', note: 'booked by an earlier attempt (confirmed with mo-detail)' };
        if (verdict === 'unclear') {
          return this.quarantine(current, `Odoo's consumption of ${entry.moId} moved by other amounts than this push: check the MO in Odoo, then retry or archive`);
        }
        current = await this.update(current, { state: 'pending' });
      }
      if (current.baseline === null) {
        const baseline = consumedByEquipment(await this.deps.odoo.moDetail(entry.moId));
        current = await this.update(current, { baseline });
        this.deps.checkpoint?.('baseline-recorded');
      }
    } catch (error) {
      if (error instanceof ClaimLost) throw error;
      // A failed read sends nothing: the entry keeps its state and is tried again later, never counted as a rejection.
      return this.retryLater(current, error);
    }
    return this.send(current, async () => {
      const reply = await this.deps.odoo.updateWithConsumptions(entry.payload as { mo_id: string; [key: string]: string | number });
      return reply.result === 'partial' ? `partial: ${reply.errors.join('; ')}` : null;
    });
  }

  /** Marks the entry as being sent (durably, only while the claim holds), sends, and settles the result. */
  private async send(entry: OutboxEntry, call: () => Promise<string | null>): Promise<Delivery> {
    if (this.deps.mayDeliver && !(await this.deps.mayDeliver())) {
      return { state: 'waiting', reason: 'this station no longer drives the PLC; the station that does delivers it' };
    }
    const sending = await this.deps.store.markOutboxSending(entry.id, this.deps.claimant, this.claimUntil(), this.now());
    if (!sending) return this.heldElsewhere(entry);
    this.deps.checkpoint?.('sending');
    let problem: string | null;
    try {
      problem = await call();
    } catch (error) {
      return this.failed(sending, error, classify(error));
    }
    if (problem) return this.quarantine(sending, `Odoo booked only part of ${entry.moId} (${problem}); resending would book the rest twice`);
    this.deps.checkpoint?.('odoo-accepted');
    return { state: 'booked', note: 'booked' };
  }

  private async call(entry: OutboxEntry): Promise<null> {
    const payload = entry.payload;
    switch (entry.kind) {
      case 'cancel':
        await this.deps.odoo.cancelMo(entry.moId);
        return null;
      case 'mark-done':
        await this.deps.odoo.markDone(entry.moId, Number(payload.finished_qty), new Date(String(payload.date_end)));
        return null;
      case 'failure-report':
        await this.deps.odoo.reportEquipmentFailure({
          equipmentCode: String(payload.equipment_code),
          description: String(payload.description),
          date: new Date(String(payload.date).replace(' ', 'T')),
        });
        return null;
      case 'consumption':
        throw new Error('consumption entries go through deliverClaimed');
    }
  }

  /** The send itself failed. */
  private async failed(entry: OutboxEntry, error: unknown, kind: FailureKind): Promise<Delivery> {
    const message = errorMessage(error);
    const attempts = entry.attempts + (kind === 'rejected' ? 1 : 0);
    if (attempts >= this.deps.retry.maxRejections) {
      return this.quarantine(entry, `Odoo refused ${attempts} times: ${message}`, attempts);
    }
    const delay = this.nextDelay(entry);
    const nextAttemptAt = new Date(this.deps.clock.now() + delay).toISOString();
    // A consumption whose fate is unknown stays `sending`: it is checked against Odoo before any resend.
    const unsettled = entry.kind === 'consumption' && kind === 'unknown';
    await this.update(entry, { state: unsettled ? 'sending' : 'pending', attempts, lastError: message, nextAttemptAt });
    if (unsettled) return { state: 'waiting', reason: `${message}; Odoo may still be booking ${entry.moId}; checked again after ${clockTime(this.settleAt(entry))}` };
    return { state: 'waiting', reason: `${message}; retry in ${Math.round(delay / 1000)} s` };
  }

  /** A read before (or instead of) the send failed: nothing was sent by this attempt. */
  private async retryLater(entry: OutboxEntry, error: unknown): Promise<Delivery> {
    const what = entry.state === 'sending' ? `could not check in Odoo whether ${entry.moId} was booked` : `could not read ${entry.moId} from Odoo before sending it (nothing sent)`;
    const message = `${what}: ${errorMessage(error)}`;
    const delay = this.nextDelay(entry);
    await this.update(entry, { lastError: message, nextAttemptAt: new Date(this.deps.clock.now() + delay).toISOString() });
    return { state: 'waiting', reason: `${message}; retry in ${Math.round(delay / 1000)} s` };
  }

  private async quarantine(entry: OutboxEntry, reason: string, attempts = entry.attempts): Promise<Delivery> {
    await this.update(entry, { state: 'quarantined', attempts, lastError: reason, nextAttemptAt: null });
    return { state: 'quarantined', reason };
  }

  /**
   * Every change the courier makes: only while it still holds its claim, and only to an entry still
   * deliverable (an archive may have withdrawn it meanwhile). A courier whose claim ran out during a
   * slow Odoo call must not write what it learnt then — a baseline read before another courier's
   * push would make that push look unbooked.
   */
  private async update(entry: OutboxEntry, patch: Omit<OutboxPatch, 'at' | 'onlyIn'>): Promise<OutboxEntry> {
    const updated = await this.deps.store.updateClaimedOutbox(entry.id, this.deps.claimant, { ...patch, at: this.now(), onlyIn: DELIVERABLE });
    if (!updated) throw new ClaimLost();
    return updated;
  }

  /** When a push of unknown fate may be read back: Odoo cannot still be executing it. */
  private settleAt(entry: OutboxEntry): number {
    return Date.parse(entry.sentAt ?? entry.updatedAt) + this.deps.settleAfterMs;
  }

  /** Doubles the previous delay (derived from the entry's own timestamps), within the policy's bounds. */
  private nextDelay(entry: OutboxEntry): number {
    const previous = entry.nextAttemptAt ? Date.parse(entry.nextAttemptAt) - Date.parse(entry.updatedAt) : 0;
    return Math.min(this.deps.retry.maxMs, Math.max(this.deps.retry.baseMs, previous * 2));
  }

  private claimUntil(): string {
    return new Date(this.deps.clock.now() + this.deps.claimMs).toISOString();
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

/** This courier's claim on the entry is gone: whatever it was doing is left to the claim's new holder. */
class ClaimLost extends Error {
  constructor() {
    super('the outbox claim was lost');
    this.name = 'ClaimLost';
  }
}

function classify(error: unknown): FailureKind {
  if (!(error instanceof OdooError)) return 'unknown';
  switch (error.kind) {
    case 'refused':
    case 'auth':
    case 'session-expired':
    case 'rpc':
      return 'not-delivered';
    case 'scada':
      return 'rejected';
    case 'http':
      return error.httpStatus !== null && error.httpStatus < 500 ? 'not-delivered' : 'unknown';
    case 'dropped':
    case 'timeout':
    case 'garbage':
    case 'shape':
      return 'unknown';
  }
}

/** The equipment quantities of a consumption payload: everything but the MO id and the finished weight. */
export function equipmentAmounts(payload: Record<string, unknown>): Record<string, number> {
  const codes = new Set(EQUIPMENT.map((e) => e.odooCode));
  return Object.fromEntries(Object.entries(payload).filter(([key, value]) => codes.has(key) && typeof value === 'number')) as Record<
    string,
    number
  >;
}
