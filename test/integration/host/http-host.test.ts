import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost } from '../../../electron/host/http-host';
import { HEARTBEAT_MS } from '../../../electron/host/ws-bridge';
import { BRIDGE_PATH, type BridgeServerMessage } from '../../../shared/bridge-protocol';
import type { EventMap, EventName } from '../../../shared/contract';
import { createFakeBackend, type FakeBackend } from '../../support/fake-backend';
import { ManualClock } from '../../support/manual-clock';

const TOKEN = 'feed-line-token-0123456789';
let workDir: string;
let rendererDir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'sms-host-'));
  rendererDir = join(workDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Smart MO Sync</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("console");');
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }');
  await writeFile(join(workDir, 'secret.txt'), 'ODOO_PASSWORD=hunter2');
  await symlink(join(workDir, 'secret.txt'), join(rendererDir, 'assets', 'escape.txt'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHost(options: { token?: string; host?: string } = {}): Promise<{ host: HeadlessHost; fake: FakeBackend }> {
  const fake = createFakeBackend();
  const host = await startHeadlessHost({ backend: fake.backend, rendererDir, ...options });
  cleanups.push(() => host.stop());
  return { host, fake };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path sent exactly as written (fetch would normalise '..' away). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A bridge client that records every message and waits for the ones a test expects. */
class BridgeClient {
  readonly messages: BridgeServerMessage[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as BridgeServerMessage);
      for (const wake of this.waiters) wake();
    });
  }

  static async connect(port: number, query = '', headers: Record<string, string> = {}): Promise<BridgeClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}${query}`, { headers });
    cleanups.push(() => socket.terminate());
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new BridgeClient(socket);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  waitFor(predicate: (message: BridgeServerMessage) => boolean, what: string): Promise<BridgeServerMessage> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.messages.find(predicate);
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${what} within 20 s; got ${JSON.stringify(this.messages)}`));
      }, 20_000);
      this.waiters.add(check);
      check();
    });
  }

  reply(id: number | null): Promise<BridgeServerMessage> {
    return this.waitFor((message) => 'id' in message && message.id === id, `reply to call ${String(id)}`);
  }
}

function pushed<E extends EventName>(message: BridgeServerMessage, event: E): EventMap[E] | undefined {
  return 'event' in message && message.event === event ? (message.payload as EventMap[E]) : undefined;
}

/** Resolves with the HTTP status of a refused WebSocket upgrade. */
function refusedUpgradeStatus(port: number, query = '', headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}${query}`, { headers });
    cleanups.push(() => socket.terminate());
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
    socket.once('error', (error) => reject(error));
  });
}

describe('headless host — static renderer', () => {
  it('serves index.html with a strict Content-Security-Policy and no inline script allowance', async () => {
    const { host } = await startHost();

    const page = await rawGet(host.port, '/');

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>Smart MO Sync</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' ws:/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the bundle with the right content types', async () => {
    const { host } = await startHost();

    const script = await rawGet(host.port, '/assets/app.js');
    const style = await rawGet(host.port, '/assets/app.css');

    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log("console");');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it("answers the renderer's own routes with index.html but a missing file with 404", async () => {
    const { host } = await startHost();

    const route = await rawGet(host.port, '/archive/WH-MO-00011');
    const missing = await rawGet(host.port, '/assets/missing.js');

    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Smart MO Sync</title>');
    expect(missing.status).toBe(404);
  });

  it.each([
    ['/../secret.txt'],
    ['/assets/../../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/assets/..%2f..%2fsecret.txt'],
    ['/assets/escape.txt'],
    ['/%00index.html'],
    ['/%E0%A4%A'],
  ])('never serves a file outside the renderer: %s', async (path) => {
    const { host } = await startHost();

    const response = await rawGet(host.port, path);

    expect(response.body).not.toContain('hunter2');
    expect([400, 404]).toContain(response.status);
  });

  it('answers /healthz and refuses methods other than GET and HEAD', async () => {
    const { host } = await startHost();

    const health = await fetch(`http://127.0.0.1:${host.port}/healthz`);
    const post = await fetch(`http://127.0.0.1:${host.port}/`, { method: 'POST', body: 'x' });

    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect(post.status).toBe(405);
  });

  it('refuses a request whose Host header is not loopback (DNS rebinding) when there is no token', async () => {
    const { host } = await startHost();

    const rebound = await rawGet(host.port, '/', { Host: `evil.example:${host.port}` });

    expect(rebound.status).toBe(403);
  });

  it('says what is wrong when the renderer has not been built', async () => {
    const fake = createFakeBackend();

    await expect(startHeadlessHost({ backend: fake.backend, rendererDir: join(workDir, 'nowhere') })).rejects.toThrow(
      /no built renderer at .*nowhere.*run npm run build/,
    );
  });
});

describe('headless host — binding and token', () => {
  it('refuses to listen beyond loopback without a token, before opening any port', async () => {
    const fake = createFakeBackend();

    await expect(startHeadlessHost({ backend: fake.backend, rendererDir, host: '0.0.0.0' })).rejects.toThrow(
      'refusing to listen on 0.0.0.0 without a token: set SMS_HOST_TOKEN_FILE (--token-file), SMS_HOST_TOKEN or --token',
    );
    expect(fake.subscriberCount()).toBe(0);
  });

  it('refuses a token too short to protect the engine', async () => {
    const fake = createFakeBackend();

    await expect(startHeadlessHost({ backend: fake.backend, rendererDir, token: 'abc' })).rejects.toThrow(/token must be at least 16 characters/);
  });

  it('with a token: the page answers 401 without it or with a wrong one, 200 with it; the bundle stays public', async () => {
    const { host } = await startHost({ token: TOKEN });

    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
    expect((await rawGet(host.port, '/')).status).toBe(401);
    expect((await rawGet(host.port, '/?token=wrong-token-0123456789')).status).toBe(401);
    expect((await rawGet(host.port, `/?token=${TOKEN}`)).status).toBe(200);
    expect((await rawGet(host.port, '/assets/app.js')).status).toBe(200);
  });

  it('with a token: the bridge refuses an upgrade without it and works with it', async () => {
    const { host } = await startHost({ token: TOKEN });

    expect(await refusedUpgradeStatus(host.port)).toBe(401);
    expect(await refusedUpgradeStatus(host.port, '?token=wrong-token-0123456789')).toBe(401);

    const client = await BridgeClient.connect(host.port, `?token=${TOKEN}`);
    client.send({ id: 1, method: 'getSnapshot' });
    expect(await client.reply(1)).toMatchObject({ id: 1, ok: true, result: { station: 'FAKE-01' } });
  });

  it('listens on all interfaces when given a token', async () => {
    const { host } = await startHost({ token: TOKEN, host: '0.0.0.0' });

    expect((await rawGet(host.port, `/?token=${TOKEN}`)).status).toBe(200);
  });
});

describe('headless host — WebSocket bridge', () => {
  it('answers a call with its id and pushes the resulting events', async () => {
    const { host } = await startHost();
    const client = await BridgeClient.connect(host.port);

    client.send({ id: 7, method: 'syncNow' });

    const reply = await client.reply(7);
    expect(reply).toMatchObject({ ok: true, result: { outcome: 'fetched', moIds: expect.arrayContaining(['WH/MO/00011']) } });
    await client.waitFor((m) => pushed(m, 'snapshot')?.queue.count === 10, 'snapshot with 10 batches');
  });

  it('answers malformed frames with an error reply and keeps the connection', async () => {
    const { host } = await startHost();
    const client = await BridgeClient.connect(host.port);

    client.send('{not json');
    expect(await client.reply(null)).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'malformed frame: not valid JSON' } });

    client.send({ id: 2, method: 'listRuns', input: { page: -1 } });
    expect(await client.reply(2)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('page') } });

    client.send({ id: 3, method: 'launchMissiles' });
    expect(await client.reply(3)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });

    client.send({ id: 4, method: 42 });
    expect(await client.reply(4)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('method') } });

    client.send({ id: 5, method: 'getSnapshot' });
    expect(await client.reply(5)).toMatchObject({ ok: true });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('turns a failing handler into a failed reply', async () => {
    const { host, fake } = await startHost();
    const client = await BridgeClient.connect(host.port);
    fake.failNext('syncNow', 'Odoo refused the session: wrong password');

    client.send({ id: 1, method: 'syncNow' });

    expect(await client.reply(1)).toEqual({ id: 1, ok: false, error: { code: 'failed', message: 'Odoo refused the session: wrong password' } });
  });

  it("answers 'failed' for an engine answer that is not JSON, without throwing into the engine", async () => {
    const fake = createFakeBackend();
    const listeners: ((payload: unknown) => void)[] = [];
    const host = await startHeadlessHost({
      rendererDir,
      backend: {
        handlers: { ...fake.backend.handlers, getConfig: async () => ({ station: 'L1', counter: 1n }) as never },
        subscribe: (_event, listener) => {
          listeners.push(listener as (payload: unknown) => void);
          return () => undefined;
        },
      },
    });
    cleanups.push(() => host.stop());
    const client = await BridgeClient.connect(host.port);

    client.send({ id: 1, method: 'getConfig' });
    expect(await client.reply(1)).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringContaining('could not be encoded') } });
    for (const listener of listeners) expect(() => listener({ counter: 2n })).not.toThrow();
    client.send({ id: 2, method: 'getSnapshot' });
    expect(await client.reply(2)).toMatchObject({ ok: true });
  });

  it('pushes every event to every client, but a reply only to the caller', async () => {
    const { host } = await startHost();
    const caller = await BridgeClient.connect(host.port);
    const watcher = await BridgeClient.connect(host.port);

    caller.send({ id: 1, method: 'syncNow' });

    await caller.reply(1);
    const seen = await watcher.waitFor((m) => 'event' in m && m.event === 'run', 'pushed run');
    expect(seen).toMatchObject({ event: 'run', payload: { outcome: 'fetched', trigger: 'manual' } });
    await watcher.waitFor((m) => 'event' in m && m.event === 'snapshot', 'pushed snapshot');
    expect(watcher.messages.some((m) => 'id' in m)).toBe(false);
  });

  it('refuses an upgrade from a page of another origin', async () => {
    const { host } = await startHost();

    expect(await refusedUpgradeStatus(host.port, '', { Origin: 'http://evil.example' })).toBe(403);
    const sameOrigin = await BridgeClient.connect(host.port, '', { Origin: `http://127.0.0.1:${host.port}` });
    expect(sameOrigin.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('unsubscribes from the engine when a client goes away', async () => {
    const { host, fake } = await startHost();
    const first = await BridgeClient.connect(host.port);
    const second = await BridgeClient.connect(host.port);
    expect(fake.subscriberCount()).toBe(6);

    first.socket.close();
    await vi.waitFor(() => expect(fake.subscriberCount()).toBe(3), { timeout: 20_000, interval: 20 });
    second.socket.terminate();
    await vi.waitFor(() => expect(fake.subscriberCount()).toBe(0), { timeout: 20_000, interval: 20 });
  });

  it('drops a client that stopped answering pings, releasing its subscriptions', async () => {
    const clock = new ManualClock();
    const fake = createFakeBackend();
    const host = await startHeadlessHost({ backend: fake.backend, rendererDir, clock });
    cleanups.push(() => host.stop());
    const client = await BridgeClient.connect(host.port);
    expect(fake.subscriberCount()).toBe(3);

    client.socket.pause(); // the laptop lid closes: nothing is read, no pong goes back
    await clock.advance(HEARTBEAT_MS);
    expect(fake.subscriberCount()).toBe(3);
    await clock.advance(HEARTBEAT_MS);

    await vi.waitFor(() => expect(fake.subscriberCount()).toBe(0), { timeout: 20_000, interval: 20 });
  });

  it('drops its clients and leaves no subscription behind when stopped', async () => {
    const { host, fake } = await startHost();
    const client = await BridgeClient.connect(host.port);
    const closed = new Promise<void>((resolve) => client.socket.once('close', () => resolve()));

    await host.stop();

    await closed;
    expect(fake.subscriberCount()).toBe(0);
    await expect(rawGet(host.port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });
});
