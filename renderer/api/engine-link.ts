/**
 * How the console reaches the engine. Panels only see a ConsoleApi; the link
 * adds what differs between transports — whether the engine is reachable
 * right now (IPC always is; the WebSocket bridge can drop) — and carries the
 * signed-in person's session token with every call (shared/session-token.ts).
 */
import type { ConsoleApi } from '../../shared/contract';
import type { ConsoleWithSession, SessionHolder } from '../../shared/session-token';

export type ConnectionStatus = 'connecting' | 'open' | 'lost';

export interface EngineLink extends SessionHolder {
  api: ConsoleApi;
  connection(): ConnectionStatus;
  /** Called on every change of the connection status; returns the unsubscribe function. */
  onConnectionChange(listener: (status: ConnectionStatus) => void): () => void;
}

/** Inside Electron the preload's API is the engine, in-process: always connected. */
export function ipcLink(preload: ConsoleWithSession): EngineLink {
  return {
    api: preload,
    connection: () => 'open',
    onConnectionChange: () => () => undefined,
    setSessionToken: (token) => preload.setSessionToken(token),
    onSessionEnded: (listener) => preload.onSessionEnded(listener),
  };
}
