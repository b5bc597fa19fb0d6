/**
 * The explorer's virtual time: one timeline for the whole simulated plant.
 * Time moves only when every promise chain has settled and nothing is due,
 * so a schedule is a pure function of its seed. Each simulated process gets
 * its own view (`forProcess`), whose timers die with the process.
 */
import type { Clock } from '../../electron/engine/clock';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export const SIM_EPOCH = Date.UTC(2026, 10, 29, 6, 0, 0);

export class SimClock implements Clock {
  private current = SIM_EPOCH;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    const timer: Timer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.insert(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** A clock whose timers fire only while `alive()` holds: a killed process's timers never run. */
  forProcess(alive: () => boolean): Clock {
    return {
      now: () => this.current,
      setTimer: (delayMs, fn) => this.setTimer(delayMs, () => alive() && fn()),
    };
  }

  /** Fires every timer due up to `until` in time order, settling promise chains after each. */
  async runUntil(until: number, afterEach: () => void | Promise<void> = () => undefined): Promise<void> {
    await settle();
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      if (next.cancelled) continue;
      this.current = Math.max(this.current, next.at);
      next.fn();
      await settle();
      await afterEach();
    }
    this.current = Math.max(this.current, until);
    await settle();
  }

  private insert(timer: Timer): void {
    // Sorted by (at, seq): binary search keeps a busy schedule cheap.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.timers[mid] as Timer;
      if (t.at < timer.at || (t.at === timer.at && t.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
  }
}

/**
 * Lets every promise chain run as far as it can. Nothing in a simulated
 * process does real I/O, so a few turns of the event loop drain it; the
 * engine's own setImmediate (snapshot coalescing) needs the extra turns.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
