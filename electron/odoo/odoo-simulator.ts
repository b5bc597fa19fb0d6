/**
 * An Odoo 14 SCADA-API simulator over real HTTP, behaving like the plant
 * server (../shared/plant/odoo-api.md): cookie sessions, each route in its one
 * body style (JSON-RPC or plain, odoo-routes.ts; the other style is refused),
 * wrapped and bare replies, the captured MOs, and fault injection.
 * It is part of the product: the embedded demo runs against it.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endpointForPath, ODOO_ROUTES, type OdooEndpoint } from './odoo-routes';
import { parseRequest, replyPayload, runRoute, wrapsReply } from './odoo-sim-envelope';
import { INVALID_JSON, SERVER_ERROR, SESSION_EXPIRED, type SimReply } from './odoo-sim-handlers';
import { OdooSimFaults } from './odoo-sim-faults';
import { OdooSimState } from './odoo-sim-state';
import { seedMos, type OdooMoRecord } from './odoo-seed-mos';

export interface OdooSimulatorOptions {
  /** 0 = a free port. */
  port?: number;
  host?: string;
  /** The MOs Odoo holds, oldest first. Default: `moCount` seed MOs. */
  mos?: readonly OdooMoRecord[];
  /** Without `mos`: the captured WH/MO/00011…00020 first, then generated ones. Default 10. */
  moCount?: number;
  db?: string;
  username?: string;
  password?: string;
}

export interface OdooSimulator {
  /** Base URL, e.g. http://127.0.0.1:8069 */
  url: string;
  port: number;
  state: OdooSimState;
  faults: OdooSimFaults;
  stop(): Promise<void>;
}

/** Routes Odoo serves without a session. */
const PUBLIC_ROUTES: ReadonlySet<OdooEndpoint> = new Set(['authenticate', 'scada-authenticate', 'health']);
const MAX_BODY_BYTES = 1 << 20;

export async function startOdooSimulator(options: OdooSimulatorOptions = {}): Promise<OdooSimulator> {
  const { port = 0, host = '127.0.0.1', db = 'plant', username = 'admin', password = 'admin' } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`Odoo simulator port must be 0..65535 (got ${port})`);
  const state = new OdooSimState({ db, username, password }, options.mos ?? seedMos(options.moCount ?? 10));
  const pendingTimers = new Set<NodeJS.Timeout>();

  let boundPort = port;
  const server = createServer((req, res) => {
    handle(req, res, state, faults, pendingTimers).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'simulator failure');
      else res.destroy();
    });
  });
  const faults = new OdooSimFaults({
    setListening: (listening) => (listening ? listen(server, boundPort, host) : close(server)),
    expireSessions: () => state.expireSessions(),
  });
  await listen(server, port, host);
  boundPort = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    port: boundPort,
    state,
    faults,
    async stop() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      if (server.listening) await close(server);
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, state: OdooSimState, faults: OdooSimFaults, timers: Set<NodeJS.Timeout>): Promise<void> {
  const endpoint = endpointForPath(new URL(req.url ?? '/', 'http://simulator').pathname);
  const raw = await readBody(req);
  if (raw === null) {
    sendText(res, 413, 'request body too large');
    return;
  }
  if (endpoint) state.noteRequest(endpoint);
  const latencyMs = faults.latencyMs + (endpoint ? (faults.slowRoutes.get(endpoint) ?? 0) : 0);
  if (latencyMs > 0) {
    await delay(latencyMs, timers);
    if (res.destroyed && !faults.finishesAbandonedCalls) return;
  }

  if (faults.httpStatus !== null) return sendHtml(res, faults.httpStatus);
  if (faults.garbage) return sendText(res, 200, '<!DOCTYPE html><html><body><h1>Odoo</h1><p>Internal Server Error</p></body></html>', 'text/html');
  if (!endpoint) return sendHtml(res, 404);
  if (req.method !== ODOO_ROUTES[endpoint].method) return sendHtml(res, 405);
  const oneShot = faults.takeOneShot(endpoint);
  if (oneShot === 'http-500') return sendHtml(res, 500);
  if (oneShot === 'http-401') return sendHtml(res, 401);

  const request = parseRequest(raw);
  const wrap = wrapsReply(endpoint, request);
  const answer = (reply: SimReply, status = 200) => sendReply(res, status, reply, wrap, request.id, faults.padReplyBytes);
  if (request.invalid) return answer(INVALID_JSON);
  if (oneShot === 'session-expired') return answer(SESSION_EXPIRED);
  if (oneShot === 'rpc-error') return answer(SERVER_ERROR);
  if (!PUBLIC_ROUTES.has(endpoint) && !state.hasSession(sessionCookie(req))) return answer(SESSION_EXPIRED);
  if (endpoint !== 'authenticate' && endpoint !== 'scada-authenticate') {
    if (faults.wrongShape) return answer({ body: { count: 0 } });
    const scadaError = oneShot === 'scada-error' ? 'Simulated SCADA failure' : faults.scadaError;
    if (scadaError !== null) return answer({ body: { status: 'error', message: scadaError } });
  }

  const reply = runRoute(state, endpoint, request);
  // The client hung up during the latency; Odoo did the work anyway (finishesAbandonedCalls).
  if (res.destroyed) return;
  // Odoo did the work; the answer is lost on the way back.
  if (oneShot === 'drop-reply') return void res.socket?.destroy();
  answer(reply);
}

function sendReply(res: ServerResponse, status: number, reply: SimReply, wrap: boolean, id: unknown, padBytes: number): void {
  const headers: Record<string, string> = {};
  if ('sessionId' in reply && reply.sessionId) headers['Set-Cookie'] = `session_id=${reply.sessionId}; Max-Age=604800; HttpOnly; Path=/`;
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  if (padBytes <= 0) return void res.end(JSON.stringify(replyPayload(reply, wrap, id)));
  res.write(JSON.stringify(replyPayload(reply, wrap, id)));
  void streamPadding(res, padBytes);
}

/** Writes the padding as the client reads it, and stops when the client hangs up: the simulator never holds it whole. */
async function streamPadding(res: ServerResponse, bytes: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  for (let left = bytes; left > 0 && !res.destroyed; left -= chunk.length) {
    if (res.write(left < chunk.length ? chunk.subarray(0, left) : chunk)) continue;
    await new Promise<void>((resolve) => {
      const go = () => {
        res.off('drain', go);
        res.off('close', go);
        resolve();
      };
      res.on('drain', go);
      res.on('close', go);
    });
  }
  if (!res.destroyed) res.end();
}

function sendHtml(res: ServerResponse, status: number): void {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  sendText(res, status, `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, 'text/html');
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain'): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` });
  res.end(text);
}

function sessionCookie(req: IncomingMessage): string | null {
  const match = /(?:^|;\s*)session_id=([^;]*)/.exec(req.headers.cookie ?? '');
  return match?.[1] ?? null;
}

/** The body as text, or null when it exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Stops listening and drops every open connection, keep-alive ones included.
 * Resolves one event-loop turn after the close, so that an in-process client
 * has seen its pooled sockets end and its next call meets a refused
 * connection rather than a reset on a stale socket.
 */
async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}
