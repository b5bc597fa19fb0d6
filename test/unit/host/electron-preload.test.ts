import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, eventChannel, requests, type ConsoleApi } from '../../../shared/contract';
import { CONSOLE_READY_CHANNEL } from '../../../electron/electron-channels';

type Listener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; input: unknown }[],
  sent: [] as string[],
  listeners: new Map<string, Set<Listener>>(),
  answer: (_channel: string): unknown => ({ ok: true, result: 'answer' }),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      electron.invoked.push({ channel, input });
      return electron.answer(channel);
    },
    send: (channel: string) => electron.sent.push(channel),
    on: (channel: string, listener: Listener) => {
      electron.listeners.set(channel, (electron.listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener: (channel: string, listener: Listener) => electron.listeners.get(channel)?.delete(listener),
  },
}));

async function loadPreload(): Promise<ConsoleApi> {
  vi.resetModules();
  electron.exposed.clear();
  await import('../../../electron/preload');
  return electron.exposed.get('smartMoSync') as ConsoleApi;
}

function emit(channel: string, payload: unknown): void {
  for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer internals' }, payload);
}

beforeEach(() => {
  electron.invoked.length = 0;
  electron.sent.length = 0;
  electron.listeners.clear();
  electron.answer = () => ({ ok: true, result: 'answer' });
});

describe('preload', () => {
  it('exposes exactly window.smartMoSync with one method per request, plus on()', async () => {
    const api = await loadPreload();

    expect([...electron.exposed.keys()]).toEqual(['smartMoSync']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(requests), 'on'].sort());
  });

  it("calls each request's own channel and returns the engine's result", async () => {
    const api = await loadPreload();

    await expect(api.listRuns({ before: 3 })).resolves.toBe('answer');
    await api.getSnapshot();

    expect(electron.invoked).toEqual([
      { channel: requests.listRuns.channel, input: { before: 3 } },
      { channel: requests.getSnapshot.channel, input: undefined },
    ]);
  });

  it("rejects with the host's sentence when the call failed", async () => {
    const api = await loadPreload();
    electron.answer = () => ({ ok: false, error: { code: 'forbidden', message: "IPC sync/now refused: not the console's own page" } });

    await expect(api.syncNow()).rejects.toThrow("IPC sync/now refused: not the console's own page");
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', async () => {
    const api = await loadPreload();
    const received: unknown[][] = [];

    const stop = api.on('log', (...args: unknown[]) => received.push(args));
    emit(eventChannel('log'), { message: 'first' });
    stop();
    emit(eventChannel('log'), { message: 'second' });

    expect(received).toEqual([[{ message: 'first' }]]);
  });

  it('refuses to subscribe the page to channels that are not contract events', async () => {
    const api = await loadPreload();

    expect(() => api.on('../../queue/snapshot' as 'log', () => undefined)).toThrow(/unknown event/);
    expect(electron.listeners.size).toBe(0);
  });

  it('tells main it is ready once, after the page subscribed to its events', async () => {
    const api = await loadPreload();
    expect(electron.sent).toEqual([]);

    for (const event of EVENT_NAMES) api.on(event, () => undefined);
    expect(electron.sent).toEqual([]);
    await Promise.resolve();

    expect(electron.sent).toEqual([CONSOLE_READY_CHANNEL]);
  });
});
