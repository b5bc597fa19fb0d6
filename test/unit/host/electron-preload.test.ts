import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, eventChannel, requests } from '../../../shared/contract';
import type { ConsoleWithSession } from '../../../shared/session-token';
import { CONSOLE_READY_CHANNEL, SHOW_ALARMS_CHANNEL } from '../../../electron/electron-channels';
import { SHOW_ALARMS_EVENT } from '../../../shared/desktop-events';

type Listener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; input: unknown }[],
  sessions: [] as unknown[],
  sent: [] as string[],
  listeners: new Map<string, Set<Listener>>(),
  answer: (_channel: string): unknown => ({ ok: true, result: 'answer' }),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown, session: unknown) => {
      electron.invoked.push({ channel, input });
      electron.sessions.push(session);
      return electron.answer(channel);
    },
    send: (channel: string) => electron.sent.push(channel),
    on: (channel: string, listener: Listener) => {
      electron.listeners.set(channel, (electron.listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener: (channel: string, listener: Listener) => electron.listeners.get(channel)?.delete(listener),
  },
}));

async function loadPreload(): Promise<ConsoleWithSession> {
  vi.resetModules();
  electron.exposed.clear();
  await import('../../../electron/preload');
  return electron.exposed.get('smartMoSync') as ConsoleWithSession;
}

function emit(channel: string, payload: unknown): void {
  for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer internals' }, payload);
}

beforeEach(() => {
  electron.invoked.length = 0;
  electron.sessions.length = 0;
  electron.sent.length = 0;
  electron.listeners.clear();
  electron.answer = () => ({ ok: true, result: 'answer' });
});
afterEach(() => vi.unstubAllGlobals());

describe('preload', () => {
  it('exposes exactly window.smartMoSync with one method per request, plus on() and the session token setter', async () => {
    const api = await loadPreload();

    expect([...electron.exposed.keys()]).toEqual(['smartMoSync']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(requests), 'on', 'setSessionToken', 'onSessionEnded'].sort());
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
    expect([...electron.listeners.keys()]).toEqual([SHOW_ALARMS_CHANNEL]);
  });

  it("passes main's request to show the alarm list on to the page as a DOM event, with nothing attached", async () => {
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    const heard: Event[] = [];
    page.addEventListener(SHOW_ALARMS_EVENT, (event) => heard.push(event));
    await loadPreload();

    emit(SHOW_ALARMS_CHANNEL, { view: 'anything main might send' });

    expect(heard).toHaveLength(1);
    expect(heard[0]).not.toHaveProperty('detail');
  });

  it('tells main it is ready once, after the page subscribed to its events', async () => {
    const api = await loadPreload();
    expect(electron.sent).toEqual([]);

    for (const event of EVENT_NAMES) api.on(event, () => undefined);
    expect(electron.sent).toEqual([]);
    await Promise.resolve();

    expect(electron.sent).toEqual([CONSOLE_READY_CHANNEL]);
  });

  it('sends the session token with every call, keeps it in memory only, and drops it when the engine answers unauthorized', async () => {
    const api = await loadPreload();
    const ended: string[] = [];
    api.onSessionEnded((message) => ended.push(message));

    await api.getSnapshot();
    api.setSessionToken('token-of-sari');
    await api.syncNow();
    electron.answer = () => ({ ok: false, error: { code: 'unauthorized', message: 'Sari was signed out after 15 minutes without activity' } });
    await expect(api.syncNow()).rejects.toMatchObject({ code: 'unauthorized', message: 'Sari was signed out after 15 minutes without activity' });
    await expect(api.syncNow()).rejects.toThrow(/signed out/);

    expect(electron.sessions).toEqual([null, 'token-of-sari', 'token-of-sari', null]);
    expect(ended).toEqual(['Sari was signed out after 15 minutes without activity']);
  });
});
