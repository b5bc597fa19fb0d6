/**
 * Messages of the WebSocket bridge (headless host). The same requests and
 * events as Electron IPC, framed as JSON: the client numbers its calls, the
 * server answers each id once, and pushes events without an id.
 */
import type { BridgeError, EventMap, EventName, RequestName, ResponseMap } from './contract';

export interface BridgeCall {
  id: number;
  method: RequestName;
  input?: unknown;
  /** The console's session token (issue 11), sent with every call; null or absent: nobody is signed in there. */
  session?: string | null;
}

export type BridgeReply =
  | { id: number; ok: true; result: ResponseMap[RequestName] }
  /** `id` is null when the frame was so malformed that its id could not be read. */
  | { id: number | null; ok: false; error: BridgeError };

export interface BridgePush<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

export type BridgeServerMessage = BridgeReply | BridgePush;

/** Path of the WebSocket endpoint; a token, when the host requires one, goes in `?token=`. */
export const BRIDGE_PATH = '/bridge';
