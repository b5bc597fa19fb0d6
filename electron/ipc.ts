/**
 * Electron's side of the contract: one ipcMain handler per request, all
 * through dispatchRequest, and the engine's events forwarded to the window.
 * Only the console's own page in the app's own window may call: anything else
 * (another window, a frame that navigated away) gets 'forbidden'.
 */
import { EVENT_NAMES, eventChannel, requests, type ConsoleBackend, type EventName, type RequestName } from '../shared/contract';
import { CONSOLE_READY_CHANNEL } from './electron-channels';
import { dispatchRequest, type DispatchOutcome } from './host/request-dispatch';

/** What the glue reads from an IPC event; Electron's IpcMainEvent and IpcMainInvokeEvent both fit. */
export interface IpcSenderInfo {
  sender: unknown;
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain the glue uses (a fake in unit tests). */
export interface ConsoleIpcMain {
  /** `session`: the console's session token, as the preload sends it after the input. */
  handle(channel: string, listener: (event: IpcSenderInfo, input: unknown, session?: unknown) => Promise<DispatchOutcome>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcSenderInfo) => void): unknown;
  removeListener(channel: string, listener: (event: IpcSenderInfo) => void): unknown;
}

/** The part of the window's webContents the glue uses. */
export interface ConsoleWebContents {
  send(channel: string, payload: unknown): void;
  on(event: 'did-start-loading', listener: () => void): unknown;
  removeListener(event: 'did-start-loading', listener: () => void): unknown;
}

export interface ConsoleIpcOptions {
  ipcMain: ConsoleIpcMain;
  webContents: ConsoleWebContents;
  backend: ConsoleBackend;
  /** The console page's file:// URL (dist/renderer/index.html). */
  pageUrl: string;
}

/*
 * Pushes that arrive before the page subscribed are kept for it, the oldest
 * dropped first: start-up logs matter, but an engine talking to a window that
 * never loads must not grow without bound.
 */
export const MAX_QUEUED_PUSHES = 500;

/** Registers every handler; the returned function removes them again. */
export function registerConsoleIpc(options: ConsoleIpcOptions): () => void {
  const { ipcMain, webContents, backend } = options;
  const page = pageIdentity(options.pageUrl);
  if (page === null) throw new Error(`console IPC: pageUrl '${options.pageUrl}' is not a URL`);
  const isConsolePage = (event: IpcSenderInfo): boolean =>
    event.sender === webContents && event.senderFrame !== null && pageIdentity(event.senderFrame.url) === page;

  const channels = (Object.keys(requests) as RequestName[]).map((method) => {
    const { channel } = requests[method];
    ipcMain.handle(channel, async (event, input, session) =>
      isConsolePage(event)
        ? dispatchRequest(backend.handlers, method, input, { kind: 'session', token: sessionToken(session) })
        : { ok: false, error: { code: 'forbidden', message: `IPC ${channel} refused: not the console's own page` } },
    );
    return channel;
  });

  let ready = false;
  const queued: { channel: string; payload: unknown }[] = [];
  const push = (event: EventName, payload: unknown): void => {
    const channel = eventChannel(event);
    if (ready) {
      webContents.send(channel, payload);
      return;
    }
    queued.push({ channel, payload });
    if (queued.length > MAX_QUEUED_PUSHES) queued.shift();
  };
  const onReady = (event: IpcSenderInfo): void => {
    if (!isConsolePage(event)) return;
    ready = true;
    for (const { channel, payload } of queued.splice(0)) webContents.send(channel, payload);
  };
  // A reload drops the page's listeners; hold pushes until it subscribes again.
  const onLoading = (): void => {
    ready = false;
  };
  ipcMain.on(CONSOLE_READY_CHANNEL, onReady);
  webContents.on('did-start-loading', onLoading);
  const unsubscribes = EVENT_NAMES.map((event) => backend.subscribe(event, (payload) => push(event, payload)));

  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(CONSOLE_READY_CHANNEL, onReady);
    webContents.removeListener('did-start-loading', onLoading);
  };
}

/** Anything but a plausible token counts as nobody signed in: the engine then refuses what needs a person. */
function sessionToken(session: unknown): string | null {
  return typeof session === 'string' && session.length > 0 && session.length <= 128 ? session : null;
}

/** A page is identified by scheme, host and path; query and hash do not make it another page. */
function pageIdentity(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
