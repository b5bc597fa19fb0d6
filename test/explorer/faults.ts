/**
 * What can go wrong in one schedule, and how often: chosen once per schedule
 * from its seed (some schedules are gentle, some harsh), switched off for the
 * healing phase so that liveness can be judged.
 */
import type { Chooser } from './chooser';

export type PlcRequestFate = 'deliver' | 'drop' | 'late' | 'duplicate';
export type PlcReplyFate = 'deliver' | 'drop' | 'late' | 'duplicate';
/**
 * refused: the connection is refused, Odoo never sees the call; blackhole: the
 * request is lost, the client times out; otherwise Odoo executes the call
 * (possibly long after the client gave up: `applyAfterMs`) and the reply
 * arrives, is dropped, or never comes.
 */
export type OdooFate =
  | { kind: 'refused' | 'blackhole' }
  | { kind: 'executed'; applyAfterMs: number; reply: 'deliver' | 'drop' | 'never' };

/** Odoo 14 workers run at most limit_time_real (120 s by default): no call applies later than that. */
const ODOO_LIMIT_TIME_REAL_MS = 120_000;
/**
 * A command datagram on the plant LAN arrives within the FINS timeout or not
 * at all (a command that overtook a newer one could undo it; no PLC protocol
 * survives that). Replies may come back late, after the client gave up.
 */
const SLOW_REQUEST_MS = [800, 1_900] as const;
const LATE_REPLY_MS = [2_500, 6_000] as const;

export class FaultPlan {
  active = true;
  readonly rate: number;
  readonly crashRate: number;
  crashesLeft: number;

  constructor(private readonly choose: Chooser) {
    this.rate = choose.pick([0, 0.01, 0.03, 0.06, 0.12]);
    this.crashRate = choose.pick([0, 0.001, 0.004, 0.01]);
    this.crashesLeft = choose.int(0, 3);
  }

  plcRequest(): PlcRequestFate {
    if (!this.active || !this.choose.chance(this.rate)) return 'deliver';
    return this.choose.pick(['drop', 'drop', 'late', 'duplicate'] as const);
  }

  plcReply(): PlcReplyFate {
    if (!this.active || !this.choose.chance(this.rate)) return 'deliver';
    return this.choose.pick(['drop', 'drop', 'late', 'duplicate'] as const);
  }

  plcLatencyMs(): number {
    return this.choose.int(1, 15);
  }

  plcSlowRequestMs(): number {
    return this.choose.int(...SLOW_REQUEST_MS);
  }

  plcLateReplyMs(): number {
    return this.choose.int(...LATE_REPLY_MS);
  }

  odoo(): OdooFate {
    const normal = (): OdooFate => ({ kind: 'executed', applyAfterMs: this.choose.int(20, 400), reply: 'deliver' });
    if (!this.active || !this.choose.chance(this.rate * 1.5)) return normal();
    switch (this.choose.int(0, 4)) {
      case 0:
        return { kind: 'refused' };
      case 1:
        return { kind: 'blackhole' };
      case 2:
        return { kind: 'executed', applyAfterMs: this.choose.int(20, 400), reply: 'drop' };
      case 3:
        return { kind: 'executed', applyAfterMs: this.choose.int(20, 400), reply: 'never' };
      default:
        // Slow Odoo: the call runs long after the client's 30 s timeout, but within limit_time_real.
        return { kind: 'executed', applyAfterMs: this.choose.int(25_000, ODOO_LIMIT_TIME_REAL_MS - 5_000), reply: 'deliver' };
    }
  }

  /** Should the process die at this await point? */
  crashHere(): boolean {
    if (!this.active || this.crashesLeft <= 0 || !this.choose.chance(this.crashRate)) return false;
    this.crashesLeft--;
    return true;
  }
}
