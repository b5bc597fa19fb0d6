import { systemClock, type Clock } from '../../electron/engine/clock';

/**
 * Real timers (sockets need real time for timeouts) but a wall clock the test
 * can move forward, so a 10 s circuit-breaker cool-down passes instantly.
 */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return systemClock.now() + this.offsetMs;
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    return systemClock.setTimer(delayMs, fn);
  }

  jump(ms: number): void {
    this.offsetMs += ms;
  }
}
