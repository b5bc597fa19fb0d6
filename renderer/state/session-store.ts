/**
 * Who is signed in at this screen (issue 11). The engine keeps the sessions; this store holds what
 * the console needs to show and decide: the person and role, whether the station still runs open
 * (no user yet), and this screen's own inactivity clock. The token lives in the link's memory only
 * (never on disk): a reload means signing in again, as on a shared plant terminal it should.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleApi } from '../../shared/contract';
import type { SessionInfo, SessionState, SignInResult } from '../../shared/domain';
import type { EngineLink } from '../api/engine-link';

/** Why this screen signed its person out on its own: no interaction for idleMinutes, or the engine no longer knew the session. */
export type SignedOutNotice = { why: 'idle'; minutes: number } | { why: 'ended'; engineSays: string };

export interface SessionStoreState {
  /** False until the engine answered getSession: until then nothing is shown as locked (the engine still decides). */
  loaded: boolean;
  session: SessionInfo | null;
  /** No user exists yet: the station runs open and invites to create the first engineer. */
  firstRun: boolean;
  idleMinutes: number;
  notice: SignedOutNotice | null;
  /** This screen's clock at the person's last key press or pointer press. */
  lastActivityAt: number;

  /** Asks the engine who this screen's token belongs to (at every (re)connection). */
  refresh(): Promise<void>;
  /** Throws the engine's refusal sentence. */
  signIn(user: string, pin: string): Promise<void>;
  /** Throws the engine's refusal sentence (e.g. a user exists already). */
  createFirstEngineer(user: string, pin: string): Promise<void>;
  signOut(): Promise<void>;
  /** A key or pointer press on this screen. */
  activity(): void;
  /** A call answered 'unauthorized' (the link dropped the token): the engine's sentence says why. */
  sessionEnded(engineSays: string): void;
  dismissNotice(): void;
}

export interface SessionStoreParts {
  api: ConsoleApi;
  /** The link sends this token with every later call; null: nobody. */
  setToken(token: string | null): void;
  clock?: () => number;
  /** Runs `fn` after `delayMs`; returns the cancel function. */
  setTimer(delayMs: number, fn: () => void): () => void;
}

const MINUTE_MS = 60_000;

export function createSessionStore(parts: SessionStoreParts): StoreApi<SessionStoreState> {
  const clock = parts.clock ?? Date.now;
  let cancelIdleTimer: (() => void) | null = null;

  return createStore<SessionStoreState>()((set, get) => {
    /** Checks at the earliest moment the person could have been idle long enough; re-arms when they acted since. */
    function armIdleTimer(): void {
      cancelIdleTimer?.();
      cancelIdleTimer = null;
      const { session, idleMinutes, lastActivityAt } = get();
      if (session === null) return;
      const dueInMs = lastActivityAt + idleMinutes * MINUTE_MS - clock();
      if (dueInMs > 0) {
        cancelIdleTimer = parts.setTimer(dueInMs, armIdleTimer);
        return;
      }
      set({ notice: { why: 'idle', minutes: idleMinutes } });
      void get().signOut();
    }

    function begin(result: SignInResult): void {
      parts.setToken(result.token);
      set({ session: result.session, firstRun: false, notice: null, lastActivityAt: clock() });
      armIdleTimer();
    }

    function forget(): void {
      cancelIdleTimer?.();
      cancelIdleTimer = null;
      parts.setToken(null);
      set({ session: null });
    }

    function accept(state: SessionState): void {
      const wasSignedIn = get().session !== null;
      set({ loaded: true, firstRun: state.firstRun, idleMinutes: state.idleMinutes });
      if (state.session === null) {
        if (wasSignedIn) {
          forget();
          set({ notice: { why: 'ended', engineSays: 'the engine does not know this session any more' } });
        }
        return;
      }
      set({ session: state.session });
    }

    return {
      loaded: false,
      session: null,
      firstRun: false,
      idleMinutes: 15,
      notice: null,
      lastActivityAt: clock(),

      async refresh() {
        try {
          accept(await parts.api.getSession());
        } catch {
          // The link is down or the engine predates sessions: the connection banner says so; keep what is known.
        }
      },

      async signIn(user, pin) {
        begin(await parts.api.signIn({ user, pin }));
      },

      async createFirstEngineer(user, pin) {
        begin(await parts.api.createFirstEngineer({ user, pin }));
      },

      async signOut() {
        if (get().session === null) return;
        try {
          // Sent while the token is still attached, so the engine ends this session, not nobody's.
          const state = await parts.api.signOut();
          set({ firstRun: state.firstRun, idleMinutes: state.idleMinutes });
        } catch {
          // Signing out must work with the engine unreachable: this screen forgets the token all the same.
        }
        forget();
      },

      activity() {
        set({ lastActivityAt: clock() });
      },

      sessionEnded(engineSays) {
        if (get().session === null) return;
        forget();
        set({ notice: { why: 'ended', engineSays } });
      },

      dismissNotice() {
        set({ notice: null });
      },
    };
  });
}

/** Pressing counts; a mouse merely passing over the screen does not keep someone signed in. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * Asks the engine at every (re)connection, signs out when the link says the engine ended the
 * session, and counts key and pointer presses on `screen` as activity; returns the stop function.
 */
export function followSession(
  store: StoreApi<SessionStoreState>,
  link: Pick<EngineLink, 'connection' | 'onConnectionChange' | 'onSessionEnded'>,
  screen: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
): () => void {
  const acted = (): void => store.getState().activity();
  const stopLink = link.onConnectionChange((connection) => {
    if (connection === 'open') void store.getState().refresh();
  });
  const stopEnded = link.onSessionEnded((engineSays) => store.getState().sessionEnded(engineSays));
  if (link.connection() === 'open') void store.getState().refresh();
  for (const event of ACTIVITY_EVENTS) screen.addEventListener(event, acted, { capture: true, passive: true });
  return () => {
    stopLink();
    stopEnded();
    for (const event of ACTIVITY_EVENTS) screen.removeEventListener(event, acted, { capture: true });
  };
}
