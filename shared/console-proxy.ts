/**
 * Builds a ConsoleApi from two transport functions — the counterpart of VS
 * Code's `ProxyChannel.toService`. The Electron preload and the renderer's
 * WebSocket adapter both use it, so each request in `requests` becomes a
 * method without being listed anywhere else.
 */
import { requests, type BridgeError, type ConsoleApi, type RequestName } from './contract';

/** What a host answers for one call, over IPC or the WebSocket bridge. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: BridgeError };

export type InvokeRequest = (method: RequestName, input: unknown) => Promise<CallOutcome>;

/** A failed call as the console sees it: the host's sentence for the operator, and its code to branch on. */
export class BridgeCallError extends Error {
  constructor(
    readonly code: BridgeError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }
}

function unwrapOutcome(outcome: CallOutcome): unknown {
  if (!outcome.ok) throw new BridgeCallError(outcome.error.code, outcome.error.message);
  return outcome.result;
}

export function createConsoleApi(invoke: InvokeRequest, on: ConsoleApi['on']): ConsoleApi {
  const methods = Object.fromEntries(
    (Object.keys(requests) as RequestName[]).map((method) => [
      method,
      async (input?: unknown) => unwrapOutcome(await invoke(method, input)),
    ]),
  );
  // The mapped ConsoleApi type cannot be built key by key without a cast; the
  // keys come from `requests` itself, so none is missing.
  return { ...methods, on } as ConsoleApi;
}
