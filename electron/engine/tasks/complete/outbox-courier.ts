/**
 * Delivers outbox entries to Odoo, each exactly once.
 *
 * Failures fall in three kinds, because they mean different things for a
 * booking that must not happen twice:
 * - not delivered (connection refused, login or session trouble): send again later;
 * - fate unknown (timeout, a connection dropped mid-call, HTTP 5xx, an unreadable reply): for a consumption,
 *   the entry stays `sending` and is settled by reading the MO back
 *   (booking-verdict.ts) before anything is sent again;
 * - rejected by Odoo (SCADA status "error"): counted; after `maxRejections`
 *   the entry is quarantined for an operator. A partial booking is
 *   quarantined at once — resending would book the accepted part twice.
 * Retries back off exponentially; Odoo being down never quarantines anything.
 */
import type { OutboxEntry } from '../../../../shared/domain';
import { EQUIPMENT } from '../../../../shared/equipment';
import type { OdooClient } from '../../../odoo/odoo-client';
import { OdooError } from '../../../odoo/odoo-error';
import type { AuthorityStore } from '../../../store/authority-store';
import type { Clock } from '../../clock';
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
  checkpoint?: (step: CompleteStep) => void;
}

export type Delivery = { state: 'booked'; note: string } | { state: 'waiting' | 'quarantined'; reason: string };

type FailureKind = 'not-delivered' | 'unknown' | 'rejected';

export class OutboxCourier {
  constructor(private readonly deps: CourierDeps) {}

  async deliver(entry: OutboxEntry): Promise<Delivery> {
    if (entry.state === 'done') return { state: 'booked', note: 'already booked' };
    if (entry.state === 'quarantined') return { state: 'quarantined', reason: entry.lastError ?? 'quarantined' };
    if (entry.nextAttemptAt && Date.parse(entry.nextAttemptAt) > this.deps.clock.now()) {
      return { state: 'waiting', reason: `next attempt at ${entry.nextAttemptAt}${entry.lastError ? ` (last: ${entry.lastError})` : ''}` };
    }
    try {
      return entry.kind === 'consumption' ? await this.deliverConsumption(entry) : await this.send(entry, () => this.call(entry));
    } catch (error) {
      return this.failed(entry, error, entry.kind === 'consumption' && entry.state === 'sending' ? 'unknown' : classify(error));
    }
  }

  private async deliverConsumption(entry: OutboxEntry): Promise<Delivery> {
    const sent = equipmentAmounts(entry.payload);
    let current = entry;
    if (current.state === 'sending') {
      // A previous send's fate is unknown (crash or lost reply): settle it before sending again.
      const verdict = bookingVerdict(current.baseline ?? {}, consumedByEquipment(await this.deps.odoo.moDetail(entry.moId)), sent);
      if (verdict === 'booked') return { state: 'booked', note: 'booked by an earlier attempt (confirmed with mo-detail)' };
      if (verdict === 'unclear') {
        return this.quarantine(current, `Odoo's consumption of ${entry.moId} moved by other amounts than this push: check the MO in Odoo, then retry or archive`);
      }
      current = await this.deps.store.updateOutbox(current.id, { state: 'pending', at: this.now() });
    }
    if (current.baseline === null) {
      const baseline = consumedByEquipment(await this.deps.odoo.moDetail(entry.moId));
      current = await this.deps.store.updateOutbox(current.id, { baseline, at: this.now() });
      this.deps.checkpoint?.('baseline-recorded');
    }
    const outcome = await this.send(current, async () => {
      const reply = await this.deps.odoo.updateWithConsumptions(entry.payload as { mo_id: string; [key: string]: string | number });
      return reply.result === 'partial' ? `partial: ${reply.errors.join('; ')}` : null;
    });
    return outcome;
  }

  /** Marks the entry as being sent (durably), sends, and settles the result. */
  private async send(entry: OutboxEntry, call: () => Promise<string | null>): Promise<Delivery> {
    const sending = await this.deps.store.updateOutbox(entry.id, { state: 'sending', at: this.now() });
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
        throw new Error('consumption entries go through deliverConsumption');
    }
  }

  private async failed(entry: OutboxEntry, error: unknown, kind: FailureKind): Promise<Delivery> {
    const message = errorMessage(error);
    const attempts = entry.attempts + (kind === 'rejected' ? 1 : 0);
    if (attempts >= this.deps.retry.maxRejections) {
      return this.quarantine(entry, `Odoo refused ${attempts} times: ${message}`, attempts);
    }
    const delay = this.nextDelay(entry);
    const nextAttemptAt = new Date(this.deps.clock.now() + delay).toISOString();
    // A consumption whose fate is unknown stays `sending`: it is checked against Odoo before any resend.
    const state = entry.kind === 'consumption' && kind === 'unknown' ? 'sending' : 'pending';
    await this.deps.store.updateOutbox(entry.id, { state, attempts, lastError: message, nextAttemptAt, at: this.now() });
    return { state: 'waiting', reason: `${message}; retry in ${Math.round(delay / 1000)} s` };
  }

  private async quarantine(entry: OutboxEntry, reason: string, attempts = entry.attempts): Promise<Delivery> {
    await this.deps.store.updateOutbox(entry.id, { state: 'quarantined', attempts, lastError: reason, nextAttemptAt: null, at: this.now() });
    return { state: 'quarantined', reason };
  }

  /** Doubles the previous delay (derived from the entry's own timestamps), within the policy's bounds. */
  private nextDelay(entry: OutboxEntry): number {
    const previous = entry.nextAttemptAt ? Date.parse(entry.nextAttemptAt) - Date.parse(entry.updatedAt) : 0;
    return Math.min(this.deps.retry.maxMs, Math.max(this.deps.retry.baseMs, previous * 2));
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
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
