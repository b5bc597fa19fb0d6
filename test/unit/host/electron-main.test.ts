import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHOW_ALARMS_CHANNEL } from '../../../electron/electron-channels';
import { requests, type ConsoleBackend } from '../../../shared/contract';
import type { Snapshot } from '../../../shared/domain';
import { createFakeBackend } from '../../support/fake-backend';

const electron = await vi.hoisted(async () => {
  // vi.hoisted runs before the imports above: import the emitter here.
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    sent: string[] = [];
    send = (channel: string): void => {
      this.sent.push(channel);
    };
    windowOpenHandler: (() => { action: string }) | null = null;
    setWindowOpenHandler(handler: () => { action: string }): void {
      this.windowOpenHandler = handler;
    }
  }
  class FakeBrowserWindow extends Emitter {
    static created: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.created;
    readonly webContents = new FakeWebContents();
    loadedFile: string | null = null;
    minimized = false;
    /** What brought the window forward, in order. */
    forwarded: string[] = [];
    constructor(readonly options: { kiosk?: boolean; webPreferences: Record<string, unknown> }) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    async loadFile(file: string): Promise<void> {
      this.loadedFile = file;
    }
    show(): void {
      this.forwarded.push('show');
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
      this.forwarded.push('restore');
    }
    focus(): void {
      this.forwarded.push('focus');
    }
    isDestroyed(): boolean {
      return false;
    }
  }
  class FakeTray extends Emitter {
    static created: FakeTray[] = [];
    toolTip = '';
    menu: { label?: string; click?: () => void }[] = [];
    destroyed = false;
    constructor(public image: unknown) {
      super();
      FakeTray.created.push(this);
    }
    setToolTip(toolTip: string): void {
      this.toolTip = toolTip;
    }
    setImage(image: unknown): void {
      this.image = image;
    }
    setContextMenu(menu: { label?: string; click?: () => void }[]): void {
      this.menu = menu;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  class FakeNotification extends Emitter {
    static created: FakeNotification[] = [];
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      FakeNotification.created.push(this);
    }
    show(): void {
      this.shown = true;
    }
    close(): void {}
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    singleInstanceLock: true,
    requestSingleInstanceLock: () => app.singleInstanceLock,
    quit: vi.fn(),
    exit: vi.fn(),
  });
  return {
    app,
    FakeBrowserWindow,
    FakeWebContents,
    FakeTray,
    FakeNotification,
    /** Display-sleep blockers held, by id. */
    blockers: new Map<number, string>(),
    /** The button the operator picks in a message box, by its label. */
    messageBoxAnswer: 'Keep running',
    messageBoxes: [] as { message: string; buttons: string[] }[],
    handled: new Set<string>(),
    errorBoxes: [] as [string, string][],
    headerHook: null as null | ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: unknown) => void) => void),
    permissionHook: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  };
});

const engine = vi.hoisted(() => ({ startEngine: vi.fn() }));

vi.mock('electron', () => ({
  app: electron.app,
  BrowserWindow: electron.FakeBrowserWindow,
  dialog: {
    showErrorBox: (title: string, message: string) => electron.errorBoxes.push([title, message]),
    showMessageBox: async (_window: unknown, box: { message: string; buttons: string[] }) => {
      electron.messageBoxes.push(box);
      return { response: box.buttons.indexOf(electron.messageBoxAnswer) };
    },
  },
  Tray: electron.FakeTray,
  Menu: { buildFromTemplate: (template: unknown) => template },
  nativeImage: { createFromBuffer: (png: Buffer) => ({ png }) },
  Notification: electron.FakeNotification,
  powerSaveBlocker: {
    start: (type: string) => {
      const id = electron.blockers.size + 1;
      electron.blockers.set(id, type);
      return id;
    },
    stop: (id: number) => electron.blockers.delete(id),
  },
  ipcMain: {
    handle: (channel: string) => electron.handled.add(channel),
    removeHandler: (channel: string) => electron.handled.delete(channel),
    on: () => undefined,
    removeListener: () => undefined,
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (hook: typeof electron.headerHook) => (electron.headerHook = hook) },
      setPermissionRequestHandler: (hook: typeof electron.permissionHook) => (electron.permissionHook = hook),
    },
  },
}));

vi.mock('../../../electron/engine/start-engine', () => engine);

function runningEngine(config: { kiosk?: boolean } = {}) {
  const fake = createFakeBackend({ waveSize: 4 });
  const snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  // The fake engine's own backend, plus a way to push a snapshot it cannot produce (Odoo calls waiting).
  const backend: ConsoleBackend = {
    handlers: fake.backend.handlers,
    subscribe: (event, listener) => {
      const unsubscribe = fake.backend.subscribe(event, listener);
      if (event !== 'snapshot') return unsubscribe;
      const forSnapshots = listener as (snapshot: Snapshot) => void;
      snapshotListeners.add(forSnapshots);
      return () => {
        unsubscribe();
        snapshotListeners.delete(forSnapshots);
      };
    },
  };
  const pushSnapshot = async (change: Partial<Snapshot>): Promise<void> => {
    const snapshot = { ...(await fake.backend.handlers.getSnapshot()), ...change };
    for (const listener of snapshotListeners) listener(snapshot);
  };
  const stop = vi.fn(async () => undefined);
  engine.startEngine.mockResolvedValue({
    backend,
    config: { kiosk: config.kiosk ?? false, uiLanguage: 'en' },
    describe: () => 'station FAKE-01, demo',
    stop,
  });
  return { fake, stop, pushSnapshot };
}

async function startedConsole(config: { kiosk?: boolean } = {}) {
  const running = runningEngine(config);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  await startMain();
  await vi.waitFor(() => expect(electron.FakeBrowserWindow.created[0]?.loadedFile).not.toBeNull());
  const [window] = electron.FakeBrowserWindow.created;
  const [tray] = electron.FakeTray.created;
  if (!window || !tray) throw new Error('main opened no window or no tray');
  await vi.waitFor(() => expect(tray.toolTip).not.toBe(''));
  return { ...running, window, tray };
}

async function startMain(argv: string[] = []): Promise<void> {
  process.argv = ['/usr/bin/electron', '/opt/app/dist/electron/main.cjs', ...argv];
  vi.resetModules();
  await import('../../../electron/main');
}

const originalArgv = process.argv;
afterEach(() => {
  process.argv = originalArgv;
  electron.app.removeAllListeners();
  electron.app.quit.mockClear();
  electron.app.exit.mockClear();
  electron.FakeBrowserWindow.created.length = 0;
  electron.FakeTray.created.length = 0;
  electron.FakeNotification.created.length = 0;
  electron.blockers.clear();
  electron.messageBoxes.length = 0;
  electron.messageBoxAnswer = 'Keep running';
  electron.app.singleInstanceLock = true;
  electron.handled.clear();
  electron.errorBoxes.length = 0;
  engine.startEngine.mockReset();
  delete process.env.SMS_SQLITE_ELECTRON_BINDING;
});

describe('Electron main', () => {
  it('opens one isolated, sandboxed window on the built renderer, with the contract registered', async () => {
    runningEngine();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);

    await startMain();
    await vi.waitFor(() => expect(electron.FakeBrowserWindow.created[0]?.loadedFile).toMatch(/renderer\/index\.html$/));

    const [window] = electron.FakeBrowserWindow.created;
    expect(electron.FakeBrowserWindow.created).toHaveLength(1);
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(window?.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect([...electron.handled].sort()).toEqual(Object.values(requests).map((r) => r.channel).sort());
  });

  it('starts the engine with the command-line flags and the Electron-ABI sqlite binding', async () => {
    runningEngine();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    process.env.SMS_SQLITE_ELECTRON_BINDING = '/opt/sqlite/electron/better_sqlite3.node';

    await startMain(['--demo']);
    await vi.waitFor(() => expect(engine.startEngine).toHaveBeenCalled());

    expect(engine.startEngine).toHaveBeenCalledWith({ argv: ['--demo'], sqliteNativeBinding: '/opt/sqlite/electron/better_sqlite3.node' });
  });

  it('shows why in an error box and quits when the engine cannot start — no blank window', async () => {
    engine.startEngine.mockRejectedValue(new Error('PLC_PORT must be a port 1..65535'));

    await startMain();
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));

    expect(electron.errorBoxes).toEqual([['Smart MO Sync could not start', 'PLC_PORT must be a port 1..65535']]);
    expect(electron.FakeBrowserWindow.created).toHaveLength(0);
  });

  it('stops the engine once before quitting', async () => {
    const { stop } = runningEngine();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await startMain();
    await vi.waitFor(() => expect(electron.FakeBrowserWindow.created).toHaveLength(1));

    const firstQuit = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', firstQuit);
    electron.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());

    expect(firstQuit.preventDefault).toHaveBeenCalled();
    expect(stop).toHaveBeenCalledTimes(1);
    const finalQuit = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', finalQuit);
    expect(finalQuit.preventDefault).not.toHaveBeenCalled();
  });

  it('adds the CSP header, denies permissions, navigation, new windows and webviews', async () => {
    runningEngine();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await startMain();
    await vi.waitFor(() => expect(electron.FakeBrowserWindow.created).toHaveLength(1));

    let headers: unknown;
    electron.headerHook?.({ responseHeaders: { 'X-Other': ['1'] } }, (result) => (headers = result));
    expect(headers).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [expect.stringContaining("script-src 'self'")] } });

    let granted: boolean | undefined;
    electron.permissionHook?.({}, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);

    const contents = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const navigation = { preventDefault: vi.fn() };
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation, 'https://evil.example');
    contents.emit('will-attach-webview', webview);
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
  });
});

describe('Electron main: desktop conventions', () => {
  it('a second launch brings the first window forward; the second launch itself quits without an engine', async () => {
    const { window } = await startedConsole();
    window.minimized = true;
    window.forwarded.length = 0;

    electron.app.emit('second-instance', {}, ['/usr/bin/smart-mo-sync']);
    expect(window.forwarded).toEqual(['restore', 'show', 'focus']);

    electron.app.removeAllListeners();
    engine.startEngine.mockClear();
    electron.app.singleInstanceLock = false;
    await startMain();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(engine.startEngine).not.toHaveBeenCalled();
  });

  it("shows the plant's state in the tray, following the engine's snapshots", async () => {
    const { fake, tray } = await startedConsole();
    expect(tray.toolTip).toBe('Smart MO Sync — no batch in the PLC, no high alarm');

    await fake.backend.handlers.syncNow();
    fake.raiseAlarm({ kind: 'stuck-batch', priority: 'high' });

    expect(tray.toolTip).toBe('Smart MO Sync — 4 batches in the PLC, 1 high alarm');
    expect(tray.menu.map((item) => item.label)).toEqual(['Show console', undefined, 'Quit']);
  });

  it('notifies a new high alarm once; clicking it brings the window forward on the alarm list', async () => {
    const { fake, window } = await startedConsole();

    fake.raiseAlarm({ kind: 'wave-unconfirmed', priority: 'high' });
    await fake.backend.handlers.syncNow();

    expect(electron.FakeNotification.created.map((n) => [n.options.body, n.shown])).toEqual([
      ['Wave not confirmed by the PLC. Click to see the alarm list.', true],
    ]);
    window.forwarded.length = 0;
    electron.FakeNotification.created[0]?.emit('click');
    expect(window.forwarded).toEqual(['show', 'focus']);
    expect(window.webContents.sent).toContain(SHOW_ALARMS_CHANNEL);
  });

  it('keeps the display awake while the queue has batches, and lets it sleep once the wave is done', async () => {
    const { fake } = await startedConsole();
    expect(electron.blockers.size).toBe(0);

    await fake.backend.handlers.syncNow();
    expect([...electron.blockers.values()]).toEqual(['prevent-display-sleep']);

    fake.finishWave();
    expect(electron.blockers.size).toBe(0);
  });

  it('asks before quitting while Odoo calls wait; "Keep running" keeps the app and its engine', async () => {
    const { stop, pushSnapshot, tray } = await startedConsole();
    await pushSnapshot({ outbox: { pending: 2, quarantined: [] } });

    const quit = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', quit);
    await vi.waitFor(() => expect(electron.messageBoxes).toHaveLength(1));
    // Every promise settled: had the answer been to quit, the engine would be stopping by now.
    await new Promise(setImmediate);

    expect(quit.preventDefault).toHaveBeenCalled();
    expect(electron.messageBoxes[0]?.message).toBe('2 calls to Odoo are still waiting.');
    expect(stop).not.toHaveBeenCalled();
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(tray.destroyed).toBe(false);

    // Asked again on the next Quit, and this time the operator quits anyway.
    electron.messageBoxAnswer = 'Quit anyway';
    electron.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(electron.messageBoxes).toHaveLength(2);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('quits without a question when no Odoo call waits, and closing the window is quitting', async () => {
    const { stop, window } = await startedConsole();

    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);

    electron.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(stop).toHaveBeenCalled());
    expect(electron.messageBoxes).toEqual([]);
  });

  it('opens the window in kiosk mode when SMS_KIOSK is set', async () => {
    const { window } = await startedConsole({ kiosk: true });

    expect(window.options.kiosk).toBe(true);
  });
});
