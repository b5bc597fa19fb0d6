import { afterEach, describe, expect, it, vi } from 'vitest';
import { requests } from '../../../shared/contract';
import { createFakeBackend } from '../../support/fake-backend';

const electron = await vi.hoisted(async () => {
  // vi.hoisted runs before the imports above: import the emitter here.
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    send = (): void => undefined;
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
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    async loadFile(file: string): Promise<void> {
      this.loadedFile = file;
    }
    show(): void {}
    isMinimized(): boolean {
      return false;
    }
    focus(): void {}
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    exit: vi.fn(),
  });
  return {
    app,
    FakeBrowserWindow,
    FakeWebContents,
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
  dialog: { showErrorBox: (title: string, message: string) => electron.errorBoxes.push([title, message]) },
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

function runningEngine() {
  const fake = createFakeBackend();
  const stop = vi.fn(async () => undefined);
  engine.startEngine.mockResolvedValue({ backend: fake.backend, describe: () => 'station FAKE-01, demo', stop });
  return { fake, stop };
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
