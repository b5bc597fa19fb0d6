/**
 * One app per workstation (one engine, one PLC driver): a second launch hands over to the first,
 * which comes forward, and quits itself.
 */
import { bringForward, type ForwardableWindow } from './bring-forward';

/** The part of Electron's app used here. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/** false: another instance runs, and this one is quitting. */
export function claimSingleInstance(app: SingleInstanceApp, consoleWindow: () => ForwardableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = consoleWindow();
    if (window) bringForward(window);
  });
  return true;
}
