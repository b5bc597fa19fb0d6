/**
 * The console's side of signing in (issue 11): the session token lives in memory only — never
 * in storage, never in the URL — and goes with every call. An answer `unauthorized` (the session
 * ran out, the user was disabled) drops it at once and tells whoever listens, so the screen shows
 * "signed out" instead of failing one button after another. Used by the preload and the WebSocket
 * link alike.
 */
import type { ConsoleApi, RequestName } from './contract';
import type { CallOutcome, InvokeRequest } from './console-proxy';

export interface SessionHolder {
  /** The sign-in screen's: the token signIn/createFirstEngineer answered, or null on sign-out. */
  setSessionToken(token: string | null): void;
  /** Called with the engine's sentence when it answered `unauthorized` and the token was dropped. */
  onSessionEnded(listener: (message: string) => void): () => void;
}

/** What the Electron preload exposes as `window.smartMoSync`. */
export type ConsoleWithSession = ConsoleApi & SessionHolder;

export type InvokeWithSession = (method: RequestName, input: unknown, session: string | null) => Promise<CallOutcome>;

export function holdSession(send: InvokeWithSession): { invoke: InvokeRequest; holder: SessionHolder } {
  let token: string | null = null;
  const listeners = new Set<(message: string) => void>();
  const invoke: InvokeRequest = async (method, input) => {
    const sentWith = token;
    const outcome = await send(method, input, sentWith);
    // Only the token this call carried: a sign-in that finished meanwhile keeps its new one.
    if (!outcome.ok && outcome.error.code === 'unauthorized' && sentWith !== null && token === sentWith) {
      token = null;
      for (const listener of listeners) listener(outcome.error.message);
    }
    return outcome;
  };
  return {
    invoke,
    holder: {
      setSessionToken(next) {
        token = next;
      },
      onSessionEnded(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    },
  };
}
