/**
 * Sessions over the WebSocket bridge (issue 11): the renderer's link carries its token with every
 * call; once a user exists, a call without one is refused as unauthorized, and a console whose
 * session the engine no longer knows drops its token and is told.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadlessHost } from '../../../electron/host/http-host';
import { createWsLink, type OpenSocket, type WsLink } from '../../../renderer/api/ws-link';
import { BRIDGE_PATH } from '../../../shared/bridge-protocol';
import { createGuardedBackend, type GuardedBackend } from '../../support/guarded-backend';
import { ManualClock } from '../../support/manual-clock';

let rendererDir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'sms-session-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Smart MO Sync</title>');
});
afterAll(() => rm(rendererDir, { recursive: true, force: true }));
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const openNodeSocket: OpenSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data) => handlers.onMessage(String(data)));
  socket.on('close', () => handlers.onClose());
  socket.on('error', () => undefined);
  return { send: (text) => socket.send(text), close: () => socket.close() };
};

async function consoleOverBridge(clock: ManualClock): Promise<{ guarded: GuardedBackend; link: WsLink }> {
  const guarded = createGuardedBackend(clock);
  cleanups.push(() => guarded.dispose());
  const host = await startHeadlessHost({ backend: guarded.backend, rendererDir });
  cleanups.push(() => host.stop());
  const link = createWsLink({ url: `ws://127.0.0.1:${host.port}${BRIDGE_PATH}`, openSocket: openNodeSocket, setTimer: (ms, fn) => clock.setTimer(ms, fn) });
  cleanups.push(() => link.close());
  return { guarded, link };
}

describe('sessions over the bridge', () => {
  it('once a user exists, a call without a session is refused; signed in, the same call goes through as that person', async () => {
    const clock = new ManualClock();
    const { guarded, link } = await consoleOverBridge(clock);
    await expect(link.api.syncNow()).resolves.toEqual({ done: 'syncNow' });
    expect(guarded.acted.at(-1)?.caller).toMatchObject({ user: '(open station)', role: null });

    await guarded.addUser('Budi', 'operator', '1111');
    await expect(link.api.syncNow()).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining('nobody is signed in') });
    await expect(link.api.getSnapshot()).resolves.toEqual({ done: 'getSnapshot' });

    const { token } = await link.api.signIn({ user: 'budi', pin: '1111' });
    link.setSessionToken(token);
    await expect(link.api.syncNow()).resolves.toEqual({ done: 'syncNow' });
    expect(guarded.acted.at(-1)?.caller).toMatchObject({ user: 'Budi', role: 'operator', source: 'console' });
    expect(guarded.audit.map((line) => [line.user, line.action, line.outcome])).toEqual([
      ['(open station)', 'syncNow', 'done'],
      ['(not signed in)', 'syncNow', 'refused'],
      ['budi', 'signIn', 'done'],
      ['Budi', 'syncNow', 'done'],
    ]);
  });

  it('a session that ran out: the console drops its token and is told why', async () => {
    const clock = new ManualClock();
    const { guarded, link } = await consoleOverBridge(clock);
    await guarded.addUser('Sari', 'supervisor', '2222');
    const ended: string[] = [];
    link.onSessionEnded((message) => ended.push(message));
    link.setSessionToken((await link.api.signIn({ user: 'Sari', pin: '2222' })).token);

    await clock.advance(15 * 60_000);
    await expect(link.api.retryOutbox({ id: 1 })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(ended).toEqual(['Retrying an Odoo call needs a supervisor: Sari was signed out after 15 minutes without activity — sign in first']);
    // The token is gone: the next call says nobody is signed in, not that a session ran out.
    await expect(link.api.retryOutbox({ id: 1 })).rejects.toThrow(/nobody is signed in/);
  });
});
