import type { OdooCalls } from '../../electron/engine/tasks/complete/outbox-courier';
import type { ConsumptionOutcome } from '../../electron/odoo/odoo-client';
import { OdooError } from '../../electron/odoo/odoo-error';
import type { ManualClock } from './manual-clock';
import { openMo } from './mo-factory';

/** How Odoo handles one consumption push: applies it after `applyAfterMs`; the client gives up after `timeoutMs` (null: it waits). */
export interface PushPlan {
  applyAfterMs: number;
  timeoutMs: number | null;
}

/**
 * An Odoo on a ManualClock for courier tests: consumption is additive per MO,
 * a push may be applied after the client has given up (an Odoo worker runs on
 * until limit_time_real), and every read is logged with its time.
 */
export class SlowOdoo {
  readonly bookings = new Map<string, number>();
  readonly detailReadsAt: number[] = [];
  readonly pushesAt: number[] = [];
  /** Plans for the next pushes, in order; afterwards pushes apply and answer at once. */
  readonly plans: PushPlan[] = [];
  /** The next mo-detail reads fail (as a timeout). */
  failDetailReads = 0;
  /** Runs inside each mo-detail read, before it answers. */
  onDetailRead: (() => Promise<void>) | null = null;
  /** Every call waits this long before Odoo acts on it (a round trip to the plant's server); 0: at once. */
  roundTripMs = 0;
  /** Each call as it started: `push WH/MO/00011`, `detail …`, `mark-done …`, `cancel …`. */
  readonly started: string[] = [];
  /** The most calls in flight at one moment, and how often a call started while another for the same MO was in flight. */
  maxInFlight = 0;
  sameMoOverlaps = 0;
  readonly marksDone: string[] = [];
  readonly cancels: string[] = [];
  private readonly inFlight: string[] = [];
  private readonly consumed = new Map<string, Record<string, number>>();

  constructor(private readonly clock: ManualClock) {}

  booked(moId: string): number {
    return this.bookings.get(moId) ?? 0;
  }

  calls(): OdooCalls {
    const unused = () => Promise.reject(new Error('not used by these tests'));
    return {
      moDetail: (moId) => this.call('detail', moId, async () => {
        this.detailReadsAt.push(this.clock.now());
        await this.onDetailRead?.();
        if (this.failDetailReads > 0) {
          this.failDetailReads--;
          throw new OdooError('timeout', 'mo-detail', 'no reply within 30 s');
        }
        const mo = openMo(Number(moId.slice(-5)));
        const kg = this.consumed.get(moId) ?? {};
        for (const c of mo.components_consumption) c.consumed = c.equipment ? (kg[c.equipment.code] ?? 0) : 0;
        return mo;
      }),
      updateWithConsumptions: (payload) => this.call('push', payload.mo_id, () => {
        this.pushesAt.push(this.clock.now());
        const plan = this.plans.shift();
        const reply: ConsumptionOutcome = { result: 'success', message: 'ok', moState: 'progress', consumedItems: [], errors: [] };
        if (!plan) {
          this.apply(payload);
          return Promise.resolve(reply);
        }
        return new Promise<ConsumptionOutcome>((resolve, reject) => {
          const timedOut = plan.timeoutMs !== null && plan.timeoutMs <= plan.applyAfterMs;
          this.clock.setTimer(plan.applyAfterMs, () => {
            this.apply(payload);
            if (!timedOut) resolve(reply);
          });
          if (timedOut) this.clock.setTimer(plan.timeoutMs!, () => reject(new OdooError('timeout', 'update-with-consumptions', 'no reply within 30 s')));
        });
      }),
      cancelMo: (moId) =>
        this.call('cancel', moId, async () => {
          this.cancels.push(moId);
          return { alreadyCancelled: false, message: 'cancelled', moState: 'cancel' };
        }),
      markDone: (moId) =>
        this.call('mark-done', moId, async () => {
          this.marksDone.push(moId);
          return { message: 'marked done' };
        }),
      reportEquipmentFailure: unused,
    };
  }

  /** Keeps the in-flight tally around one call, which answers a round trip after it started. */
  private async call<T>(what: string, moId: string, answer: () => Promise<T>): Promise<T> {
    this.started.push(`${what} ${moId}`);
    if (this.inFlight.includes(moId)) this.sameMoOverlaps++;
    this.inFlight.push(moId);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.length);
    try {
      if (this.roundTripMs > 0) await new Promise<void>((resolve) => this.clock.setTimer(this.roundTripMs, resolve));
      return await answer();
    } finally {
      this.inFlight.splice(this.inFlight.indexOf(moId), 1);
    }
  }

  private apply(payload: { mo_id: string; [key: string]: string | number }): void {
    const kg = this.consumed.get(payload.mo_id) ?? {};
    for (const [code, value] of Object.entries(payload)) if (code !== 'mo_id' && typeof value === 'number') kg[code] = (kg[code] ?? 0) + value;
    this.consumed.set(payload.mo_id, kg);
    this.bookings.set(payload.mo_id, this.booked(payload.mo_id) + 1);
  }
}
