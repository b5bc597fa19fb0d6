/**
 * The sandboxed preload (bundled to CommonJS preload.cjs): exposes exactly
 * `window.smartMoSync`, a ConsoleApi derived from the contract, plus the
 * session token's setter (kept here, in memory, and sent with every call). The
 * page gets functions only — never ipcRenderer, never an event object, never
 * config secrets (the engine's PublicConfig carries none).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, eventChannel, requests, type ConsoleApi, type EventName } from '../shared/contract';
import { createConsoleApi, type CallOutcome } from '../shared/console-proxy';
import { holdSession, type ConsoleWithSession } from '../shared/session-token';
import { SHOW_ALARMS_EVENT } from '../shared/desktop-events';
import { CONSOLE_READY_CHANNEL, SHOW_ALARMS_CHANNEL } from './electron-channels';

let readySignalled = false;

/*
 * The page subscribes to all its events in one synchronous pass at start-up;
 * signalling "ready" a microtask after the first subscription tells main to
 * release the pushes it held, once every listener is in place.
 */
function signalReadyOnce(): void {
  if (readySignalled) return;
  readySignalled = true;
  queueMicrotask(() => ipcRenderer.send(CONSOLE_READY_CHANNEL));
}

const on: ConsoleApi['on'] = (event, listener) => {
  if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof listener !== 'function') {
    throw new TypeError(`smartMoSync.on: unknown event '${String(event)}'; events are ${EVENT_NAMES.join(', ')}`);
  }
  const channel = eventChannel(event satisfies EventName);
  // Strip Electron's event object: it would hand the page a reference to ipcRenderer.
  const forward = (_event: Electron.IpcRendererEvent, payload: Parameters<typeof listener>[0]): void => listener(payload);
  ipcRenderer.on(channel, forward);
  signalReadyOnce();
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
};

const session = holdSession((method, input, token) => ipcRenderer.invoke(requests[method].channel, input, token) as Promise<CallOutcome>);
const api: ConsoleWithSession = { ...createConsoleApi(session.invoke, on), ...session.holder };

contextBridge.exposeInMainWorld('smartMoSync', api);

ipcRenderer.on(SHOW_ALARMS_CHANNEL, () => window.dispatchEvent(new Event(SHOW_ALARMS_EVENT)));
