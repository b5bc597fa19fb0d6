/**
 * How a FinsClient reaches the PLC: UDP datagrams (fins-udp-transport) or a
 * FINS/TCP connection (fins-tcp-transport). The client matches responses to
 * requests itself; a transport only carries FINS frames.
 */

/** DA1 and SA1 to put in the command header. */
export interface FinsRoute {
  plcNode: number;
  clientNode: number;
}

/** Why an incoming frame was thrown away (counted in FinsClient.stats()). */
export type DiscardReason = 'late' | 'foreign' | 'malformed';

export interface FinsTransportListener {
  /** A FINS frame arrived from the PLC. */
  frame(bytes: Buffer): void;
  /** Something arrived that is not a usable FINS frame from the PLC. */
  discarded(reason: DiscardReason): void;
  /** The link broke (connection closed, socket error): an answer in flight will not come. */
  broken(reason: string): void;
}

export interface FinsTransport {
  /** "192.168.1.2:9600/udp" — names the PLC in every error message. */
  readonly endpoint: string;
  /** Binds or connects (FINS/TCP: plus the node address handshake) unless already open. Throws FinsLinkError. */
  open(): Promise<FinsRoute>;
  /** Throws FinsLinkError. */
  send(frame: Buffer): Promise<void>;
  close(): Promise<void>;
}

export type FinsTransportFactory = (listener: FinsTransportListener) => FinsTransport;

/** The transport could not open or send; `timedOut` when the PLC simply did not answer in time. */
export class FinsLinkError extends Error {
  readonly timedOut: boolean;

  constructor(reason: string, options: { timedOut?: boolean; cause?: unknown } = {}) {
    super(reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FinsLinkError';
    this.timedOut = options.timedOut ?? false;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
