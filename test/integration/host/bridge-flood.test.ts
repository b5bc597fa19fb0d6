import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost } from '../../../electron/host/http-host';
import { BRIDGE_LIMITS } from '../../../electron/host/ws-bridge';
import { BRIDGE_PATH, type BridgeReply, type BridgeServerMessage } from '../../../shared/bridge-protocol';
import type { ConsoleBackend } from '../../../shared/contract';
import { createFakeBackend } from '../../support/fake-backend';
import { waitFor } from '../../support/wait-for';

let rendererDir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'sms-flood-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Smart MO Sync</title>');
});
afterAll(() => rm(rendererDir, { recursive: true, force: true }));
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHost(backend: ConsoleBackend): Promise<{ host: HeadlessHost; warnings: string[] }> {
  const warnings: string[] = [];
  const host = await startHeadlessHost({ backend, rendererDir, log: { warn: (message) => warnings.push(message) } });
  cleanups.push(() => host.stop());
  return { host, warnings };
}

/** A raw client that records what it reads (once it reads at all). */
async function connect(port: number): Promise<{ socket: WebSocket; messages: BridgeServerMessage[]; closed: () => boolean }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}`);
  cleanups.push(() => socket.terminate());
  const messages: BridgeServerMessage[] = [];
  let closed = false;
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as BridgeServerMessage));
  socket.on('close', () => (closed = true));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, messages, closed: () => closed };
}

async function snapshotAnswered(client: Awaited<ReturnType<typeof connect>>, id: number): Promise<void> {
  client.socket.send(JSON.stringify({ id, method: 'getSnapshot' }));
  await waitFor(() => client.messages.some((m) => 'id' in m && m.id === id && m.ok), 10_000, `the answer to call ${id}`);
}

describe('the bridge bounds what one connection can make the host hold', () => {
  it('a client that sends 100,000 snapshot calls and never reads is dropped with the reason logged; other consoles carry on', async () => {
    const { host, warnings } = await startHost(createFakeBackend().backend);
    const quiet = await connect(host.port);
    const flood = await connect(host.port);
    flood.socket.pause(); // reads nothing the host sends

    for (let id = 1; id <= 100_000; id++) flood.socket.send(JSON.stringify({ id, method: 'getSnapshot' }));

    await waitFor(() => warnings.length > 0, 30_000, 'the host to drop the flooding client');
    const limitMb = BRIDGE_LIMITS.unsentBytes / (1024 * 1024);
    expect(warnings).toEqual([expect.stringMatching(/^console client at 127\.0\.0\.1:\d+ too slow: closed after \d+\.\d MB unsent$/)]);
    expect(Number(/after ([\d.]+) MB/.exec(warnings[0]!)![1])).toBeGreaterThanOrEqual(limitMb);
    expect(Number(/after ([\d.]+) MB/.exec(warnings[0]!)![1])).toBeLessThan(limitMb + 1);
    flood.socket.resume();
    await waitFor(flood.closed, 10_000, 'the flooding connection to close');

    await snapshotAnswered(quiet, 1);
    await snapshotAnswered(await connect(host.port), 2);
  });

  it('a client with more calls open than the bound gets no more than the bound to the engine at once; the rest are answered afterwards or refused', async () => {
    const fake = createFakeBackend();
    let dispatched = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { host } = await startHost({
      ...fake.backend,
      handlers: {
        ...fake.backend.handlers,
        getSnapshot: async () => {
          dispatched++;
          await held;
          return fake.backend.handlers.getSnapshot();
        },
      },
    });
    const client = await connect(host.port);
    const calls = 4 * BRIDGE_LIMITS.callsInFlight;

    for (let id = 1; id <= calls; id++) client.socket.send(JSON.stringify({ id, method: 'getSnapshot' }));
    await waitFor(() => dispatched === BRIDGE_LIMITS.callsInFlight, 10_000, 'the first calls to reach the engine');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dispatched).toBe(BRIDGE_LIMITS.callsInFlight);

    release();
    await waitFor(() => client.messages.filter((m) => 'id' in m).length === calls, 10_000, 'an answer to every call');
    const replies = client.messages.filter((m): m is BridgeReply => 'id' in m);
    for (const reply of replies.filter((r) => !r.ok)) {
      expect(reply).toMatchObject({ error: { code: 'failed', message: `more than ${BRIDGE_LIMITS.callsInFlight} calls unanswered on this connection: wait for their answers` } });
    }
    expect(new Set(replies.map((r) => r.id)).size).toBe(calls);
    expect(client.closed()).toBe(false);
  });
});
