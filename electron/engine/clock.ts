/**
 * Time as the engine sees it. Injected everywhere so that tests drive a
 * 60-minute schedule in microseconds (see test/support/manual-clock.ts).
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once after `delayMs`; the returned function cancels it. */
  setTimer(delayMs: number, fn: () => void, options?: TimerOptions): () => void;
}

export interface TimerOptions {
  /**
   * Someone is waiting for this timer (a request's timeout, a retry's backoff): it keeps the
   * process alive until it fires. Background timers (schedules, heartbeats) do not, so that a
   * host that forgot to stop one can still exit; but a one-shot command whose only pending
   * work is an unref'd timer would exit 0 in silence with its answer never given.
   */
  awaited?: boolean;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, fn, options) {
    const handle = setTimeout(fn, Math.max(0, delayMs));
    if (!options?.awaited) handle.unref?.();
    return () => clearTimeout(handle);
  },
};

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimer(ms, resolve, { awaited: true });
  });
}
