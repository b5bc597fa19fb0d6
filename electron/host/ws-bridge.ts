/**
 * The contract over a WebSocket (shared/bridge-protocol.ts): each client's
 * numbered calls go through dispatchRequest and are answered to that client
 * only; every engine event is pushed to every client. A malformed frame gets
 * an error reply and the connection stays up — a supervisor's screen must not
 * drop because of one bad message.
 *
 * Memory per connection is bounded: a client that sends calls faster than
 * they are answered is read no further until its answers go out, and one that
 * does not read what it is sent (a frozen tab, a flood) is dropped once too
 * much waits for it, with the reason in the log — otherwise a single client
 * could drive the host out of memory.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';
import { BRIDGE_PATH, type BridgeReply, type BridgeServerMessage } from '../../shared/bridge-protocol';
import { EVENT_NAMES, type BridgeError, type ConsoleBackend } from '../../shared/contract';
import { systemClock, type Clock } from '../engine/clock';
import type { EngineLog } from '../engine/engine-log';
import { dispatchRequest } from './request-dispatch';

export type Admission = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export interface BridgeOptions {
  backend: ConsoleBackend;
  /** Decides whether an upgrade request may open the bridge (token, origin). */
  admit(request: IncomingMessage): Admission;
  /** Drives the heartbeat; default the system clock. */
  clock?: Clock;
  /** Where a dropped client's reason goes (the engine's log); default nowhere. */
  log?: Pick<EngineLog, 'warn'>;
  /** Default BRIDGE_LIMITS; the bench lifts them to show the naive way. */
  limits?: BridgeLimits;
}

export interface BridgeLimits {
  /** Calls of one connection dispatched and not yet answered; beyond it the bridge stops reading that connection. */
  callsInFlight: number;
  /** Bytes sent to one connection that it has not read yet; beyond it the connection is closed. */
  unsentBytes: number;
}

/*
 * A console has a handful of calls open at a time, and its biggest message (a
 * snapshot, a page of runs) is tens of kB: these leave it ample room.
 */
export const BRIDGE_LIMITS: BridgeLimits = { callsInFlight: 32, unsentBytes: 8 * 1024 * 1024 };

export interface Bridge {
  clientCount(): number;
  /** Drops every client (they see the connection close and start reconnecting) and stops accepting new ones. */
  close(): void;
}

/** Calls are tiny JSON objects; anything near this size is not a console talking. */
const MAX_FRAME_BYTES = 64 * 1024;

/*
 * A client that vanished without closing (a laptop lid shut, a cable pulled)
 * would keep its engine subscriptions until TCP gives up, hours later. Each
 * beat pings every client; one that did not answer the previous ping is dropped.
 */
export const HEARTBEAT_MS = 30_000;

const callFrame = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    method: z.string().max(64),
    input: z.unknown().optional(),
    session: z.string().min(1).max(128).nullable().optional(),
  })
  .strict();

export function attachBridge(server: Server, options: BridgeOptions): Bridge {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const heartbeat = startHeartbeat(sockets, options.clock ?? systemClock);

  const onUpgrade = (request: IncomingMessage, stream: Duplex, head: Buffer): void => {
    if (pathOf(request) !== BRIDGE_PATH) {
      refuseUpgrade(stream, 404, `no WebSocket endpoint here; the bridge is at ${BRIDGE_PATH}`);
      return;
    }
    const admission = options.admit(request);
    if (!admission.ok) {
      refuseUpgrade(stream, admission.status, admission.reason);
      return;
    }
    const peer = `${request.socket.remoteAddress ?? 'unknown'}:${request.socket.remotePort ?? '?'}`;
    sockets.handleUpgrade(request, stream, head, (socket) => {
      heartbeat.watch(socket);
      serveClient(socket, options.backend, { peer, limits: options.limits ?? BRIDGE_LIMITS, log: options.log });
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    clientCount: () => sockets.clients.size,
    close() {
      heartbeat.stop();
      server.off('upgrade', onUpgrade);
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
    },
  };
}

function startHeartbeat(sockets: WebSocketServer, clock: Clock): { watch(socket: WebSocket): void; stop(): void } {
  const answeredPing = new WeakSet<WebSocket>();
  const beat = (): void => {
    for (const socket of sockets.clients) {
      if (answeredPing.delete(socket)) socket.ping();
      else socket.terminate();
    }
    cancel = clock.setTimer(HEARTBEAT_MS, beat);
  };
  let cancel = clock.setTimer(HEARTBEAT_MS, beat);
  return {
    watch(socket) {
      answeredPing.add(socket);
      socket.on('pong', () => answeredPing.add(socket));
    },
    stop: () => cancel(),
  };
}

interface Client {
  peer: string;
  limits: BridgeLimits;
  log: Pick<EngineLog, 'warn'> | undefined;
}

function serveClient(socket: WebSocket, backend: ConsoleBackend, client: Client): void {
  const deliver = (message: BridgeServerMessage): void => {
    send(socket, message);
    if (socket.readyState !== WebSocket.OPEN || socket.bufferedAmount <= client.limits.unsentBytes) return;
    const mb = (socket.bufferedAmount / (1024 * 1024)).toFixed(1);
    client.log?.warn(`console client at ${client.peer} too slow: closed after ${mb} MB unsent`, { peer: client.peer, unsentBytes: socket.bufferedAmount });
    // terminate, not close: a closing handshake would queue behind the very bytes that are not moving.
    socket.terminate();
  };
  const unsubscribes = EVENT_NAMES.map((event) =>
    backend.subscribe(event, (payload) => deliver({ event, payload })),
  );
  // 'close' follows every 'error' in ws; unsubscribing there is enough to
  // leave no listener behind in the engine for a client that went away.
  socket.on('close', () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  });
  socket.on('error', () => socket.terminate());
  let inFlight = 0;
  socket.on('message', (data, isBinary) => {
    // Pausing stops reading the socket, but frames already read still arrive: those are refused, not queued.
    if (inFlight >= client.limits.callsInFlight) {
      deliver(errorReply(frameId(data), 'failed', `more than ${client.limits.callsInFlight} calls unanswered on this connection: wait for their answers`));
      return;
    }
    if (++inFlight === client.limits.callsInFlight) socket.pause();
    void answer(backend, data, isBinary, deliver).finally(() => {
      if (inFlight-- === client.limits.callsInFlight) socket.resume();
    });
  });
}

async function answer(backend: ConsoleBackend, data: RawData, isBinary: boolean, send: (message: BridgeServerMessage) => void): Promise<void> {
  if (isBinary) {
    send(errorReply(null, 'bad-request', 'binary frames are not supported; send a JSON text frame {"id", "method", "input"}'));
    return;
  }
  let frame: unknown;
  try {
    frame = JSON.parse(rawText(data));
  } catch {
    send(errorReply(null, 'bad-request', 'malformed frame: not valid JSON'));
    return;
  }
  const call = callFrame.safeParse(frame);
  if (!call.success) {
    const fields = call.error.issues.map((issue) => issue.path.join('.') || 'frame').join(', ');
    send(errorReply(readableId(frame), 'bad-request', `malformed frame: expected {"id": number, "method": string, "input"?, "session"?}; check ${fields}`));
    return;
  }
  const outcome = await dispatchRequest(backend.handlers, call.data.method, call.data.input, { kind: 'session', token: call.data.session ?? null });
  send({ id: call.data.id, ...outcome });
}

/*
 * Pushes run inside the engine's event emitter: an answer that cannot be
 * encoded (a BigInt, a cycle) must neither throw into the engine nor crash the
 * host. A reply becomes a 'failed' reply; a push is dropped for this client.
 */
function send(socket: WebSocket, message: BridgeServerMessage): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (error) {
    if (!('id' in message)) return;
    const reason = error instanceof Error ? error.message : String(error);
    text = JSON.stringify(errorReply(message.id, 'failed', `the engine's answer could not be encoded as JSON: ${reason}`));
  }
  socket.send(text);
}

function errorReply(id: number | null, code: BridgeError['code'], message: string): BridgeReply {
  return { id, ok: false, error: { code, message } };
}

/** The id of a frame that failed validation, when it has a usable one, so the client can fail that call. */
function readableId(frame: unknown): number | null {
  if (typeof frame !== 'object' || frame === null || !('id' in frame)) return null;
  const id = frame.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

function frameId(data: RawData): number | null {
  try {
    return readableId(JSON.parse(rawText(data)));
  } catch {
    return null;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data)).toString('utf8');
  return data.toString('utf8');
}

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://bridge.invalid').pathname;
}

function refuseUpgrade(stream: Duplex, status: 401 | 403 | 404, reason: string): void {
  const statusText = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  const body = `${reason}\n`;
  stream.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
