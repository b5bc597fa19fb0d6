import type { Clock } from '../engine/clock';

/**
 * Circuit breaker for one PLC. A dead PLC costs attempts × timeout per
 * request (../shared/plant/fins.md §1: ≈ 6 s, a minute per Task 2 cycle); after a few failed
 * requests in a row we stop asking and fail at once, then let one probe
 * through after a cool-down. A successful probe closes the circuit again —
 * no restart needed. Pure: time comes from the injected clock, no timers.
 */
export interface CircuitBreakerOptions {
  /** Consecutive failed requests that open the circuit (default 3). */
  failureThreshold: number;
  /** How long the circuit stays open before one probe is let through (default 10 s). */
  coolDownMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: Readonly<CircuitBreakerOptions> = Object.freeze({ failureThreshold: 3, coolDownMs: 10_000 });

export type CircuitState =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; failures: number; openedAt: number }
  /** The cool-down is over and one probe request is in flight. */
  | { kind: 'half-open'; failures: number };

export type Admission =
  | { admitted: true; probe: boolean }
  | { admitted: false; failures: number; nextProbeInMs: number; probeInFlight: boolean };

export const CLOSED_CIRCUIT: CircuitState = Object.freeze({ kind: 'closed', failures: 0 });

/** A request wants to go out at `now`: may it, and what does that change? */
export function admitRequest(state: CircuitState, now: number, options: CircuitBreakerOptions): { state: CircuitState; admission: Admission } {
  switch (state.kind) {
    case 'closed':
      return { state, admission: { admitted: true, probe: false } };
    case 'half-open':
      return { state, admission: { admitted: false, failures: state.failures, nextProbeInMs: 0, probeInFlight: true } };
    case 'open': {
      const nextProbeInMs = state.openedAt + options.coolDownMs - now;
      if (nextProbeInMs > 0) {
        return { state, admission: { admitted: false, failures: state.failures, nextProbeInMs, probeInFlight: false } };
      }
      return { state: { kind: 'half-open', failures: state.failures }, admission: { admitted: true, probe: true } };
    }
  }
}

/** An admitted request finished; `reached` is false when the PLC did not answer. */
export function recordOutcome(state: CircuitState, reached: boolean, now: number, options: CircuitBreakerOptions): CircuitState {
  if (reached) return CLOSED_CIRCUIT;
  const failures = state.failures + 1;
  if (state.kind === 'half-open' || failures >= options.failureThreshold) return { kind: 'open', failures, openedAt: now };
  return { kind: 'closed', failures };
}

/** "circuit open after 3 failed requests, next probe in 10 s" */
export function describeRejection(admission: Extract<Admission, { admitted: false }>): string {
  if (admission.probeInFlight) return `circuit half-open after ${admission.failures} failed requests, probe request in flight`;
  const nextProbe = admission.nextProbeInMs > 0 ? `next probe in ${Math.ceil(admission.nextProbeInMs / 1000)} s` : 'next request probes';
  return `circuit open after ${admission.failures} failed requests, ${nextProbe}`;
}

/** The state machine above bound to a clock, for the client's I/O shell. */
export class CircuitBreaker {
  private state: CircuitState = CLOSED_CIRCUIT;

  constructor(
    private readonly clock: Clock,
    private readonly options: CircuitBreakerOptions = DEFAULT_CIRCUIT_BREAKER,
  ) {}

  admit(): Admission {
    const step = admitRequest(this.state, this.clock.now(), this.options);
    this.state = step.state;
    return step.admission;
  }

  record(reached: boolean): void {
    this.state = recordOutcome(this.state, reached, this.clock.now(), this.options);
  }

  /** The current state, with the time left before the next probe when open. */
  snapshot(): { state: CircuitState; nextProbeInMs: number | null } {
    const nextProbeInMs = this.state.kind === 'open' ? Math.max(0, this.state.openedAt + this.options.coolDownMs - this.clock.now()) : null;
    return { state: this.state, nextProbeInMs };
  }
}
