/**
 * The desktop conventions around the console window, fed by the engine's snapshots: the tray
 * icon, notifications of new high alarms, the display kept awake during a wave, and the question
 * before quitting while Odoo calls wait. The engine knows nothing of them (no Electron in
 * electron/engine).
 */
import { Menu, Notification, Tray, dialog, nativeImage, powerSaveBlocker, type BrowserWindow } from 'electron';
import type { ConsoleBackend } from '../../shared/contract';
import type { Snapshot } from '../../shared/domain';
import { notifyNewHighAlarms } from './alarm-notifier';
import { desktopText, type DesktopLanguage } from './desktop-text';
import { keepDisplayAwakeDuringWaves } from './display-awake';
import { showPlantStateInTray } from './plant-tray';
import { guardQuit } from './quit-guard';
import { trayIconImages } from './tray-icon';

export interface DesktopShellOptions {
  backend: ConsoleBackend;
  language: DesktopLanguage;
  /** The console window, while it exists (questions are modal to it: in kiosk mode nothing shows above it otherwise). */
  consoleWindow(): BrowserWindow | null;
  showConsole(): void;
  showAlarms(): void;
  quit(): void;
}

export interface DesktopShell {
  /** Whether quitting may go ahead: asks the operator when Odoo calls wait. */
  confirmQuit(): Promise<boolean>;
  close(): void;
}

export function startDesktopShell(options: DesktopShellOptions): DesktopShell {
  const text = desktopText(options.language);
  const icons = trayIconImages(nativeImage);
  const tray = new Tray(icons.normal);
  const showInTray = showPlantStateInTray({
    tray,
    icons,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    text,
    showConsole: options.showConsole,
    quit: options.quit,
  });
  const notify = Notification.isSupported()
    ? notifyNewHighAlarms({
        // Critical and without timeout: a high alarm's notice stays until it is acted on (it is withdrawn when acknowledged).
        notify: (content) => new Notification({ ...content, urgency: 'critical', timeoutType: 'never' }),
        text,
        showAlarms: options.showAlarms,
      })
    : () => undefined;
  const displayAwake = keepDisplayAwakeDuringWaves(powerSaveBlocker);

  let latest: Snapshot | null = null;
  const take = (snapshot: Snapshot): void => {
    latest = snapshot;
    showInTray(snapshot);
    notify(snapshot);
    displayAwake.update(snapshot);
  };
  const unsubscribe = options.backend.subscribe('snapshot', take);
  // The engine pushes a snapshot when something changes; until then the tray shows the one asked for.
  options.backend.handlers
    .getSnapshot()
    .then((snapshot) => {
      if (latest === null) take(snapshot);
    })
    .catch((error: unknown) => console.error('desktop shell: no first snapshot:', error));

  const confirmQuit = guardQuit({
    pendingOdooCalls: () => latest?.outbox.pending ?? 0,
    ask: (question) => {
      const window = options.consoleWindow();
      return window && !window.isDestroyed() ? dialog.showMessageBox(window, question) : dialog.showMessageBox(question);
    },
    text,
  });

  return {
    confirmQuit,
    close: () => {
      unsubscribe();
      displayAwake.release();
      tray.destroy();
    },
  };
}
