import type { ConsoleWithSession } from '../shared/session-token';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts inside Electron; absent in a browser served by the headless host. */
    smartMoSync?: ConsoleWithSession;
  }
}
