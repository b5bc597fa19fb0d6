/**
 * The console over the headless host's WebSocket bridge
 * (shared/bridge-protocol.ts). Reconnects with a growing pause after a drop;
 * calls in flight when the socket drops fail at once with "connection to the
 * engine lost", so no button waits forever. The socket and the timer are
 * injected: the browser passes its WebSocket, tests pass fakes.
 */
import { BRIDGE_PATH, type BridgeCall, type BridgeServerMessage } from '../../shared/bridge-protocol';
import { EVENT_NAMES, type ConsoleApi, type EventName, type RequestName } from '../../shared/contract';
import { createConsoleApi, type CallOutcome } from '../../shared/console-proxy';
import { holdSession } from '../../shared/session-token';
import type { ConnectionStatus, EngineLink } from './engine-link';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** After a drop, a refused upgrade or a failed connect alike. */
  onClose(): void;
}

export interface BridgeSocket {
  send(text: string): void;
  close(): void;
}

export type OpenSocket = (url: string, handlers: SocketHandlers) => BridgeSocket;
/** Runs `fn` after `delayMs`; returns the cancel function (same shape as the engine's Clock.setTimer). */
export type SetTimer = (delayMs: number, fn: () => void) => () => void;

export interface WsLinkOptions {
  url: string;
  openSocket: OpenSocket;
  setTimer: SetTimer;
}

export interface WsLink extends EngineLink {
  /** Closes the socket for good: no reconnect. */
  close(): void;
}

export const CONNECTION_LOST = 'connection to the engine lost';

/** The bridge URL for a page served by the headless host; the page's `?token=` is passed on. */
export function bridgeUrl(page: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(page.search).get('token');
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}${BRIDGE_PATH}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Pause before reconnect attempt n (0-based): 250 ms doubling to a 5 s ceiling, so a restarted host is found within seconds. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 5000);
}

interface PendingCall {
  resolve(outcome: CallOutcome): void;
  reject(error: Error): void;
}

export function createWsLink(options: WsLinkOptions): WsLink {
  let status: ConnectionStatus = 'connecting';
  let socket: BridgeSocket | null = null;
  let attempt = 0;
  let closedForGood = false;
  let cancelReconnect: (() => void) | null = null;
  let nextId = 1;
  const inFlight = new Map<number, PendingCall>();
  /** Calls made before the very first connection opened: sent once it does. */
  const awaitingFirstOpen: string[] = [];
  const eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function connect(): void {
    cancelReconnect = null;
    socket = options.openSocket(options.url, {
      onOpen() {
        attempt = 0;
        setStatus('open');
        for (const frame of awaitingFirstOpen.splice(0)) socket?.send(frame);
      },
      onMessage: receive,
      onClose() {
        socket = null;
        awaitingFirstOpen.length = 0;
        for (const call of inFlight.values()) call.reject(new Error(CONNECTION_LOST));
        inFlight.clear();
        if (closedForGood) return;
        setStatus('lost');
        cancelReconnect = options.setTimer(reconnectDelayMs(attempt++), connect);
      },
    });
  }

  function receive(text: string): void {
    const message = parseServerMessage(text);
    // The host is ours; a frame we cannot read means a mismatched version, and
    // dropping it beats crashing the console the operator is looking at.
    if (message === null) return;
    if ('event' in message) {
      for (const listener of eventListeners.get(message.event) ?? []) (listener as (payload: unknown) => void)(message.payload);
      return;
    }
    if (message.id === null) return;
    const call = inFlight.get(message.id);
    if (!call) return;
    inFlight.delete(message.id);
    call.resolve(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
  }

  function invoke(method: RequestName, input: unknown, session: string | null): Promise<CallOutcome> {
    return new Promise((resolve, reject) => {
      if (status === 'lost' || closedForGood) {
        reject(new Error(CONNECTION_LOST));
        return;
      }
      const id = nextId++;
      inFlight.set(id, { resolve, reject });
      const call: BridgeCall = { id, method, ...(input === undefined ? {} : { input }), ...(session === null ? {} : { session }) };
      const frame = JSON.stringify(call);
      if (status === 'open' && socket) socket.send(frame);
      else awaitingFirstOpen.push(frame);
    });
  }

  const on: ConsoleApi['on'] = (event, listener) => {
    const listeners = eventListeners.get(event) ?? new Set();
    eventListeners.set(event, listeners);
    const stored = listener as (payload: never) => void;
    listeners.add(stored);
    return () => {
      listeners.delete(stored);
    };
  };

  connect();
  const session = holdSession(invoke);

  return {
    ...session.holder,
    api: createConsoleApi(session.invoke, on),
    connection: () => status,
    onConnectionChange(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closedForGood = true;
      cancelReconnect?.();
      socket?.close();
    },
  };
}

/** Checks the envelope of a server frame; payloads are the engine's own typed values. */
function parseServerMessage(text: string): BridgeServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Record<string, unknown>;
  if (typeof frame.event === 'string') {
    return (EVENT_NAMES as readonly string[]).includes(frame.event) && 'payload' in frame ? (frame as unknown as BridgeServerMessage) : null;
  }
  const idOk = frame.id === null || typeof frame.id === 'number';
  const bodyOk = (frame.ok === true && 'result' in frame) || (frame.ok === false && isBridgeError(frame.error));
  return idOk && bodyOk ? (frame as unknown as BridgeServerMessage) : null;
}

function isBridgeError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
