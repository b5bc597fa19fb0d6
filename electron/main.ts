/**
 * Electron main: one console window, the engine, and the IPC glue between
 * them — nothing else. Runs bundled as dist/electron/main.cjs, next to
 * preload.cjs, with the renderer in dist/renderer.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { startEngine, type StartedEngine } from './engine/start-engine';
import { hardenApp } from './electron-security';
import { registerConsoleIpc } from './ipc';

const PAGE_FILE = join(__dirname, '..', 'renderer', 'index.html');
const PRELOAD_FILE = join(__dirname, 'preload.cjs');

let engine: StartedEngine | null = null;
let stopping = false;

function createConsoleWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Smart MO Sync',
    width: 1400,
    height: 900,
    show: false,
    backgroundColor: '#10161d',
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

async function start(): Promise<void> {
  hardenApp(app, session.defaultSession);
  engine = await startEngine({
    // A packaged app has no script path in argv; `electron main.cjs --demo` has one.
    argv: process.argv.slice(app.isPackaged ? 1 : 2),
    // better-sqlite3 built for Electron's ABI, when the one in node_modules is built for Node (TOOLCHAIN.md).
    sqliteNativeBinding: process.env.SMS_SQLITE_ELECTRON_BINDING,
  });
  console.info(engine.describe());

  const window = createConsoleWindow();
  const unregister = registerConsoleIpc({
    ipcMain,
    webContents: window.webContents,
    backend: engine.backend,
    pageUrl: pathToFileURL(PAGE_FILE).href,
  });
  window.on('closed', unregister);
  await window.loadFile(PAGE_FILE);
}

if (!app.requestSingleInstanceLock()) {
  // One engine per workstation: a second launch just brings the first window forward.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    const running = engine;
    if (running === null) return;
    // Let the engine finish its transaction and close the PLC socket before the process ends.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    running
      .stop()
      .catch((error: unknown) => console.error('engine did not stop cleanly:', error))
      .finally(() => {
        engine = null;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      // A bad config must be a message the operator can act on, never a blank window.
      dialog.showErrorBox('Smart MO Sync could not start', error instanceof Error ? error.message : String(error));
      await engine?.stop().catch(() => undefined);
      app.exit(1);
    });
}
