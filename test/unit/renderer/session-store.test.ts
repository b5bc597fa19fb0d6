import { describe, expect, it } from 'vitest';
import type { ConsoleApi } from '../../../shared/contract';
import type { SessionInfo, SessionState } from '../../../shared/domain';
import { createSessionStore } from '../../../renderer/state/session-store';

const MINUTE = 60_000;
const BUDI: SessionInfo = { user: 'Budi', role: 'operator', station: 'ST-1', signedInAt: '2026-11-28T08:00:00.000Z', expiresAt: '2026-11-28T08:15:00.000Z' };

/** The engine's session requests and a clock and timers the test moves. */
function setUp() {
  let now = 0;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const tokens: (string | null)[] = [];
  const calls: string[] = [];
  const engine: SessionState = { session: null, firstRun: false, idleMinutes: 15 };
  const api = {
    getSession: async () => ({ ...engine }),
    signIn: async () => ({ session: BUDI, token: 'token-1' }),
    signOut: async () => {
      calls.push('signOut');
      return { ...engine, session: null };
    },
  } as unknown as ConsoleApi;
  const store = createSessionStore({
    api,
    setToken: (token) => tokens.push(token),
    clock: () => now,
    setTimer: (delayMs, fn) => {
      const timer = { at: now + delayMs, fn, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  /** Moves the clock on, running the timers that fall due on the way. */
  const pass = async (ms: number): Promise<void> => {
    const until = now + ms;
    for (let due = timers.find((t) => !t.cancelled && t.at <= until); due; due = timers.find((t) => !t.cancelled && t.at <= until)) {
      due.cancelled = true;
      now = due.at;
      due.fn();
      await Promise.resolve();
    }
    now = until;
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { store, tokens, calls, engine, pass };
}

describe('who is signed in at this screen', () => {
  it('signs out after the idle minutes without a key or pointer press, and says why', async () => {
    const { store, tokens, calls, pass } = setUp();
    await store.getState().refresh();
    await store.getState().signIn('Budi', '1111');
    expect(tokens).toEqual(['token-1']);

    await pass(10 * MINUTE);
    store.getState().activity();
    await pass(14 * MINUTE);
    expect(store.getState().session?.user, 'activity at 10 min moves the sign-out to 25 min').toBe('Budi');

    await pass(1 * MINUTE);
    expect(store.getState().session).toBeNull();
    expect(store.getState().notice).toEqual({ why: 'idle', minutes: 15 });
    expect(calls).toEqual(['signOut']);
    expect(tokens).toEqual(['token-1', null]);
  });

  it('forgets the session when the engine ended it, with the engine’s sentence', async () => {
    const { store, tokens, pass } = setUp();
    await store.getState().signIn('Budi', '1111');
    store.getState().sessionEnded('Sync now needs an operator: Budi was signed out after 15 minutes without activity — sign in first');

    expect(store.getState().session).toBeNull();
    expect(store.getState().notice).toMatchObject({ why: 'ended' });
    expect(tokens).toEqual(['token-1', null]);
    await pass(60 * MINUTE);
    expect(store.getState().notice?.why, 'no idle sign-out of nobody afterwards').toBe('ended');
  });

  it('shows the station open until the engine says a user exists', async () => {
    const { store, engine } = setUp();
    expect(store.getState().loaded).toBe(false);
    engine.firstRun = true;
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ loaded: true, firstRun: true, session: null });
  });
});
