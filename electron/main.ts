/**
 * Electron main: one console window, the engine, the IPC glue between them,
 * and the desktop conventions around the window (electron/desktop). Runs
 * bundled as dist/electron/main.cjs, next to preload.cjs, with the renderer
 * in dist/renderer.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { startEngine, type StartedEngine } from './engine/start-engine';
import { hardenApp } from './electron-security';
import { registerConsoleIpc } from './ipc';
import { SHOW_ALARMS_CHANNEL } from './electron-channels';
import { bringForward } from './desktop/bring-forward';
import { startDesktopShell, type DesktopShell } from './desktop/desktop-shell';
import { claimSingleInstance } from './desktop/single-instance';

const PAGE_FILE = join(__dirname, '..', 'renderer', 'index.html');
const PRELOAD_FILE = join(__dirname, 'preload.cjs');

let engine: StartedEngine | null = null;
let consoleWindow: BrowserWindow | null = null;
let shell: DesktopShell | null = null;
let stopping = false;

function createConsoleWindow(kiosk: boolean): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Smart MO Sync',
    width: 1400,
    height: 900,
    kiosk,
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
  // Closing the window is quitting: it goes through the same question as the tray's Quit.
  window.on('close', (event) => {
    if (engine === null) return;
    event.preventDefault();
    app.quit();
  });
  window.on('closed', () => {
    consoleWindow = null;
  });
  return window;
}

function showConsole(): void {
  if (consoleWindow) bringForward(consoleWindow);
}

function showAlarms(): void {
  if (!consoleWindow) return;
  bringForward(consoleWindow);
  consoleWindow.webContents.send(SHOW_ALARMS_CHANNEL);
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

  const window = createConsoleWindow(engine.config.kiosk);
  consoleWindow = window;
  shell = startDesktopShell({
    backend: engine.backend,
    language: engine.config.uiLanguage,
    consoleWindow: () => consoleWindow,
    showConsole,
    showAlarms,
    quit: () => app.quit(),
  });
  const unregister = registerConsoleIpc({
    ipcMain,
    webContents: window.webContents,
    backend: engine.backend,
    pageUrl: pathToFileURL(PAGE_FILE).href,
  });
  window.on('closed', unregister);
  await window.loadFile(PAGE_FILE);
}

/** Whether to quit: the operator is asked while Odoo calls wait; a question that cannot be shown does not hold the app. */
function confirmQuit(): Promise<boolean> {
  return shell ? shell.confirmQuit().catch(() => true) : Promise.resolve(true);
}

if (claimSingleInstance(app, () => consoleWindow)) {
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    const running = engine;
    if (running === null) return;
    // Let the engine finish its transaction and close the PLC socket before the process ends.
    event.preventDefault();
    if (stopping) return;
    // A Quit chosen again while the question is open gets the same answer (quit-guard.ts), and stops nothing twice.
    void confirmQuit().then(async (quit) => {
      if (!quit || stopping) return;
      stopping = true;
      shell?.close();
      await running.stop().catch((error: unknown) => console.error('engine did not stop cleanly:', error));
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
