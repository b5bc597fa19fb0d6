/**
 * How the console reaches the engine. Panels only see a ConsoleApi; the link
 * adds the one thing that differs between transports — whether the engine is
 * reachable right now (IPC always is; the WebSocket bridge can drop).
 */
import type { ConsoleApi } from '../../shared/contract';

export type ConnectionStatus = 'connecting' | 'open' | 'lost';

export interface EngineLink {
  api: ConsoleApi;
  connection(): ConnectionStatus;
  /** Called on every change of the connection status; returns the unsubscribe function. */
  onConnectionChange(listener: (status: ConnectionStatus) => void): () => void;
}

/** Inside Electron the preload's API is the engine, in-process: always connected. */
export function ipcLink(api: ConsoleApi): EngineLink {
  return {
    api,
    connection: () => 'open',
    onConnectionChange: () => () => undefined,
  };
}
