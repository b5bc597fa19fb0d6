import type { ConsoleApi } from '../shared/contract';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts inside Electron; absent in a browser served by the headless host. */
    smartMoSync?: ConsoleApi;
  }
}
