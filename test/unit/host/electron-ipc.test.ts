import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { eventChannel, requests } from '../../../shared/contract';
import { CONSOLE_READY_CHANNEL } from '../../../electron/electron-channels';
import { MAX_QUEUED_PUSHES, registerConsoleIpc, type ConsoleIpcMain, type ConsoleWebContents, type IpcSenderInfo } from '../../../electron/ipc';
import type { DispatchOutcome } from '../../../electron/host/request-dispatch';
import { createFakeBackend } from '../../support/fake-backend';

const PAGE_URL = 'file:///opt/smart-mo-sync/dist/renderer/index.html';

class FakeIpcMain implements ConsoleIpcMain {
  readonly handlers = new Map<string, (event: IpcSenderInfo, input: unknown, session?: unknown) => Promise<DispatchOutcome>>();
  readonly listeners = new Map<string, Set<(event: IpcSenderInfo) => void>>();

  handle(channel: string, listener: (event: IpcSenderInfo, input: unknown, session?: unknown) => Promise<DispatchOutcome>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: (event: IpcSenderInfo) => void): void {
    this.listeners.set(channel, (this.listeners.get(channel) ?? new Set()).add(listener));
  }
  removeListener(channel: string, listener: (event: IpcSenderInfo) => void): void {
    this.listeners.get(channel)?.delete(listener);
  }
  invoke(channel: string, event: IpcSenderInfo, input?: unknown, session?: unknown): Promise<DispatchOutcome> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, input, session);
  }
  emit(channel: string, event: IpcSenderInfo): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event);
  }
}

class FakeWebContents extends EventEmitter implements ConsoleWebContents {
  readonly sent: { channel: string; payload: unknown }[] = [];
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

function setUp() {
  const ipcMain = new FakeIpcMain();
  const webContents = new FakeWebContents();
  const fake = createFakeBackend();
  const unregister = registerConsoleIpc({ ipcMain, webContents, backend: fake.backend, pageUrl: PAGE_URL });
  const fromConsole: IpcSenderInfo = { sender: webContents, senderFrame: { url: `${PAGE_URL}#/archive` } };
  return { ipcMain, webContents, fake, unregister, fromConsole };
}

describe('registerConsoleIpc', () => {
  it('registers one handler per request of the contract', () => {
    const { ipcMain } = setUp();

    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(requests).map((r) => r.channel).sort());
  });

  it("answers the console page's calls through dispatchRequest", async () => {
    const { ipcMain, fromConsole, fake } = setUp();

    const synced = await ipcMain.invoke(requests.syncNow.channel, fromConsole);
    const bad = await ipcMain.invoke(requests.listRuns.channel, fromConsole, { page: 'one' });

    expect(synced).toMatchObject({ ok: true, result: { outcome: 'fetched' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('page') } });
    expect(fake.calls.syncNow).toBe(1);
  });

  it("hands the engine the page's session token with each call (anything else counts as nobody signed in)", async () => {
    const webContents = new FakeWebContents();
    const seen: unknown[] = [];
    const backend = {
      handlers: { getSnapshot: async (_input: unknown, credentials: unknown) => void seen.push(credentials) },
      subscribe: () => () => undefined,
    } as unknown as Parameters<typeof registerConsoleIpc>[0]['backend'];
    const ipcMain = new FakeIpcMain();
    registerConsoleIpc({ ipcMain, webContents, backend, pageUrl: PAGE_URL });
    const fromConsole: IpcSenderInfo = { sender: webContents, senderFrame: { url: PAGE_URL } };

    await ipcMain.invoke(requests.getSnapshot.channel, fromConsole, undefined, 'token-of-sari');
    await ipcMain.invoke(requests.getSnapshot.channel, fromConsole, undefined, { token: 'not a string' });
    await ipcMain.invoke(requests.getSnapshot.channel, fromConsole);

    expect(seen).toEqual([
      { kind: 'session', token: 'token-of-sari' },
      { kind: 'session', token: null },
      { kind: 'session', token: null },
    ]);
  });

  it.each<[string, (own: FakeWebContents) => IpcSenderInfo]>([
    ['another window', () => ({ sender: new FakeWebContents(), senderFrame: { url: PAGE_URL } })],
    ['a frame showing another page', (own) => ({ sender: own, senderFrame: { url: 'https://evil.example/index.html' } })],
    ['a frame that is gone', (own) => ({ sender: own, senderFrame: null })],
  ])('refuses calls from %s as forbidden without touching the engine', async (_name, stranger) => {
    const { ipcMain, webContents, fake } = setUp();

    const outcome = await ipcMain.invoke(requests.syncNow.channel, stranger(webContents));

    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.calls.syncNow).toBe(0);
  });

  it('holds pushes until the page says it is ready, then delivers them in order', () => {
    const { ipcMain, webContents, fake, fromConsole } = setUp();
    fake.pushLog('engine started');
    fake.recordScheduledRun('plc-read', 'idle', 'no batch in the PLC');
    expect(webContents.sent).toEqual([]);

    ipcMain.emit(CONSOLE_READY_CHANNEL, fromConsole);
    fake.pushLog('after ready');

    expect(webContents.sent.map((m) => m.channel)).toEqual([
      eventChannel('log'),
      eventChannel('run'),
      eventChannel('snapshot'),
      eventChannel('log'),
    ]);
    expect(webContents.sent[3]?.payload).toMatchObject({ message: 'after ready' });
  });

  it('ignores a ready signal from a stranger', () => {
    const { ipcMain, webContents, fake } = setUp();

    ipcMain.emit(CONSOLE_READY_CHANNEL, { sender: new FakeWebContents(), senderFrame: { url: PAGE_URL } });
    fake.pushLog('secret plant log');

    expect(webContents.sent).toEqual([]);
  });

  it('holds pushes again while the page reloads, keeping only the newest ones', () => {
    const { ipcMain, webContents, fake, fromConsole } = setUp();
    ipcMain.emit(CONSOLE_READY_CHANNEL, fromConsole);

    webContents.emit('did-start-loading');
    for (let i = 0; i < MAX_QUEUED_PUSHES + 5; i++) fake.pushLog(`line ${i}`);
    expect(webContents.sent).toEqual([]);
    ipcMain.emit(CONSOLE_READY_CHANNEL, fromConsole);

    expect(webContents.sent).toHaveLength(MAX_QUEUED_PUSHES);
    expect(webContents.sent[0]?.payload).toMatchObject({ message: 'line 5' });
  });

  it('removes every handler and engine subscription when unregistered', () => {
    const { ipcMain, webContents, fake, unregister } = setUp();

    unregister();

    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.listeners.get(CONSOLE_READY_CHANNEL)?.size).toBe(0);
    expect(webContents.listenerCount('did-start-loading')).toBe(0);
    expect(fake.subscriberCount()).toBe(0);
  });
});
