/**
 * The headless host: serves the built renderer and the WebSocket bridge so
 * the console runs in any browser — a second screen, a supervisor's laptop,
 * the e2e tests. It listens on the loopback interface unless told otherwise;
 * anywhere else it demands a token (DESIGN.md, Non-negotiables).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { realpath, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { ConsoleBackend } from '../../shared/contract';
import type { Clock } from '../engine/clock';
import type { EngineLog } from '../engine/engine-log';
import { contentSecurityPolicy } from '../electron-csp';
import { attachBridge, type Admission, type BridgeLimits } from './ws-bridge';

export interface HeadlessHostOptions {
  backend: ConsoleBackend;
  /** Interface to listen on; default 127.0.0.1. Anything but loopback needs a token. */
  host?: string;
  /** Default 0: the system picks a free port (see `port` on the result). */
  port?: number;
  /** Required by the page and the bridge when set, passed as `?token=`. */
  token?: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Drives the bridge's heartbeat; default the system clock (tests pass a ManualClock). */
  clock?: Clock;
  /** Where the bridge says why it dropped a client (too slow); default nowhere. */
  log?: Pick<EngineLog, 'warn'>;
  /** Per-connection bounds of the bridge; default BRIDGE_LIMITS. */
  bridgeLimits?: BridgeLimits;
}

export interface HeadlessHost {
  /** Where an operator opens the console; carries `?token=` when the host requires one. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const optionsSchema = z.object({
  host: z.string().trim().min(1, 'host must name an interface, e.g. 127.0.0.1').default('127.0.0.1'),
  port: z.number().int().min(0).max(65535, 'port must be 0..65535 (0 picks a free one)').default(0),
  token: z
    .string()
    .min(16, 'token must be at least 16 characters (e.g. `openssl rand -hex 16`)')
    .regex(/^[\x21-\x7e]+$/, 'token must be printable ASCII without spaces')
    .optional(),
  rendererDir: z.string().min(1, 'rendererDir must name the built renderer directory'),
});

/*
 * The hashed bundle vite writes under assets/ is the same public code for
 * every visitor and holds no plant data. The page loads it by relative URL,
 * without the token, so it is served without one; index.html and the bridge —
 * the way to the engine — require it.
 */
const PUBLIC_ASSET_PREFIX = '/assets/';
const HEALTH_PATH = '/healthz';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`headless host: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const { host, port, token, rendererDir } = parsed.data;
  if (!isLoopbackName(host) && token === undefined) {
    throw new Error(`refusing to listen on ${host} without a token: set SMS_HOST_TOKEN_FILE (--token-file), SMS_HOST_TOKEN or --token`);
  }
  const root = await realpath(resolve(rendererDir)).catch(() => null);
  if (root === null || !(await isFile(join(root, 'index.html')))) {
    throw new Error(`headless host: no built renderer at ${resolve(rendererDir)} (index.html missing) — run npm run build`);
  }

  const gate = accessGate(token);
  const server = createServer((request, response) => {
    handleHttp(request, response, root, gate).catch((error: unknown) => {
      // The code only (EACCES, EMFILE…): a message would show the host's file paths to the browser.
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unexpected';
      if (!response.headersSent) sendText(response, 500, `internal error (${code}) while serving the console`);
      else response.destroy();
    });
  });
  const bridge = attachBridge(server, {
    backend: options.backend,
    clock: options.clock,
    log: options.log,
    limits: options.bridgeLimits,
    admit: (request) => {
      const admission = gate(request);
      return admission.ok ? sameOriginUpgrade(request) : admission;
    },
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    const refuse = (error: NodeJS.ErrnoException): void => {
      bridge.close();
      rejectListen(new Error(`headless host: cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    };
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('headless host: server has no TCP address');

  let stopped: Promise<void> | null = null;
  return {
    url: `http://${isIPv6(host) ? `[${host}]` : host}:${address.port}/${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`,
    port: address.port,
    stop() {
      stopped ??= new Promise<void>((resolveClose) => {
        bridge.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

type Gate = (request: IncomingMessage) => Admission;

/**
 * With a token, the token decides. Without one the host is on loopback, and
 * the Host header must be a loopback name too: a web page whose DNS name was
 * re-pointed at 127.0.0.1 (DNS rebinding) would otherwise reach the engine.
 */
function accessGate(token: string | undefined): Gate {
  if (token === undefined) {
    return (request) => {
      const hostHeader = hostnameOf(request.headers.host);
      return hostHeader !== null && isLoopbackName(hostHeader)
        ? { ok: true }
        : { ok: false, status: 403, reason: `Host header '${request.headers.host ?? ''}' is not a loopback address` };
    };
  }
  const expected = digest(token);
  return (request) => {
    const offered = new URL(request.url ?? '/', 'http://host.invalid').searchParams.get('token');
    return offered !== null && timingSafeEqual(digest(offered), expected)
      ? { ok: true }
      : { ok: false, status: 401, reason: 'missing or wrong token: open the console with the URL the host printed (…?token=…)' };
  };
}

/** A browser always sends Origin on a WebSocket upgrade; a page from another site must not drive the engine. */
function sameOriginUpgrade(request: IncomingMessage): Admission {
  const origin = request.headers.origin;
  if (origin === undefined) return { ok: true };
  const host = request.headers.host ?? '';
  return origin === `http://${host}` || origin === `https://${host}`
    ? { ok: true }
    : { ok: false, status: 403, reason: `WebSocket from origin ${origin} refused: only the console's own page may connect` };
}

async function handleHttp(request: IncomingMessage, response: ServerResponse, root: string, gate: Gate): Promise<void> {
  setSecurityHeaders(response);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    sendText(response, 405, `method ${request.method ?? ''} not allowed`);
    return;
  }
  const pathname = new URL(request.url ?? '/', 'http://host.invalid').pathname;
  if (pathname === HEALTH_PATH) {
    response.setHeader('Cache-Control', 'no-store');
    sendBody(request, response, 200, CONTENT_TYPES['.json'] ?? '', JSON.stringify({ ok: true }));
    return;
  }
  if (!pathname.startsWith(PUBLIC_ASSET_PREFIX)) {
    const admission = gate(request);
    if (!admission.ok) {
      sendText(response, admission.status, admission.reason);
      return;
    }
  }
  const file = await resolveStaticFile(root, pathname);
  if (file.kind === 'bad-path') {
    sendText(response, 400, 'bad path');
    return;
  }
  if (file.kind === 'not-found') {
    sendText(response, 404, `not found: ${pathname}`);
    return;
  }
  // index.html is the page behind the token; no cache may keep a copy of it.
  response.setHeader('Cache-Control', file.path.endsWith(`${sep}index.html`) ? 'no-store' : 'no-cache');
  const contentType = CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
  sendBody(request, response, 200, contentType, await readFile(file.path));
}

type StaticFile = { kind: 'file'; path: string } | { kind: 'not-found' } | { kind: 'bad-path' };

/**
 * Maps a URL path to a file inside `root`, or to index.html for the
 * renderer's own routes (paths without a file extension). Paths that leave
 * `root` — '..', encoded '%2e%2e', symlinks — are reported as not found.
 */
async function resolveStaticFile(root: string, pathname: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'bad-path' };
  }
  if (decoded.includes('\0')) return { kind: 'bad-path' };
  const candidate = resolve(root, `.${decoded}`);
  if (!isInside(root, candidate)) return { kind: 'not-found' };
  if (await isFile(candidate)) {
    const real = await realpath(candidate);
    return isInside(root, real) ? { kind: 'file', path: real } : { kind: 'not-found' };
  }
  return extname(decoded) === '' ? { kind: 'file', path: join(root, 'index.html') } : { kind: 'not-found' };
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy('host-header'));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // The page's URL may carry the token; never hand it to another site.
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}

function sendBody(request: IncomingMessage, response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

function isLoopbackName(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost') return true;
  if (isIPv4(name)) return name.startsWith('127.');
  if (isIPv6(name)) return name === '::1' || name.startsWith('::ffff:127.');
  return false;
}

function hostnameOf(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return null;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
