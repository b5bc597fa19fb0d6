import { describe, expect, it } from 'vitest';
import {
  admitRequest,
  CircuitBreaker,
  CLOSED_CIRCUIT,
  describeRejection,
  recordOutcome,
  type Admission,
  type CircuitState,
} from '../../../electron/plc/circuit-breaker';
import { ManualClock } from '../../support/manual-clock';

const options = { failureThreshold: 3, coolDownMs: 10_000 };

function rejection(admission: Admission): Extract<Admission, { admitted: false }> {
  if (admission.admitted) throw new Error('expected the request to be refused');
  return admission;
}

describe('circuit breaker state machine', () => {
  it('stays closed below the threshold and counts consecutive failures', () => {
    let state: CircuitState = CLOSED_CIRCUIT;
    state = recordOutcome(state, false, 0, options);
    state = recordOutcome(state, false, 0, options);
    expect(state).toEqual({ kind: 'closed', failures: 2 });
    expect(admitRequest(state, 0, options).admission).toEqual({ admitted: true, probe: false });
  });

  it('a success in between resets the count: only failures in a row open it', () => {
    let state: CircuitState = CLOSED_CIRCUIT;
    for (const reached of [false, false, true, false, false]) state = recordOutcome(state, reached, 0, options);
    expect(state).toEqual({ kind: 'closed', failures: 2 });
  });

  it('opens on the Nth failure and refuses requests until the cool-down is over', () => {
    let state: CircuitState = { kind: 'closed', failures: 2 };
    state = recordOutcome(state, false, 1_000, options);
    expect(state).toEqual({ kind: 'open', failures: 3, openedAt: 1_000 });
    const refused = admitRequest(state, 1_000, options);
    expect(refused.state).toBe(state);
    expect(describeRejection(rejection(refused.admission))).toBe('circuit open after 3 failed requests, next probe in 10 s');
    expect(describeRejection(rejection(admitRequest(state, 9_500, options).admission))).toBe(
      'circuit open after 3 failed requests, next probe in 2 s',
    );
  });

  it('lets exactly one probe through after the cool-down (half-open)', () => {
    const open: CircuitState = { kind: 'open', failures: 3, openedAt: 0 };
    const probe = admitRequest(open, 10_000, options);
    expect(probe.admission).toEqual({ admitted: true, probe: true });
    expect(probe.state).toEqual({ kind: 'half-open', failures: 3 });
    const second = rejection(admitRequest(probe.state, 10_001, options).admission);
    expect(describeRejection(second)).toBe('circuit half-open after 3 failed requests, probe request in flight');
  });

  it('a successful probe closes the circuit; a failed one opens it for another cool-down', () => {
    const halfOpen: CircuitState = { kind: 'half-open', failures: 3 };
    expect(recordOutcome(halfOpen, true, 10_000, options)).toEqual(CLOSED_CIRCUIT);
    const reopened = recordOutcome(halfOpen, false, 12_000, options);
    expect(reopened).toEqual({ kind: 'open', failures: 4, openedAt: 12_000 });
    expect(admitRequest(reopened, 21_999, options).admission.admitted).toBe(false);
    expect(admitRequest(reopened, 22_000, options).admission.admitted).toBe(true);
  });
});

describe('CircuitBreaker on a clock', () => {
  it('opens, waits out the cool-down on the injected clock and recovers without a restart', async () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker(clock, { failureThreshold: 2, coolDownMs: 5_000 });
    for (let i = 0; i < 2; i++) {
      expect(breaker.admit().admitted).toBe(true);
      breaker.record(false);
    }
    expect(breaker.snapshot()).toEqual({ state: { kind: 'open', failures: 2, openedAt: 0 }, nextProbeInMs: 5_000 });
    expect(breaker.admit().admitted).toBe(false);
    await clock.advance(4_999);
    expect(breaker.admit().admitted).toBe(false);
    await clock.advance(1);
    expect(breaker.admit()).toEqual({ admitted: true, probe: true });
    breaker.record(true);
    expect(breaker.snapshot()).toEqual({ state: CLOSED_CIRCUIT, nextProbeInMs: null });
    expect(clock.pendingTimers()).toBe(0);
  });
});
