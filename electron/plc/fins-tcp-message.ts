/**
 * FINS/TCP messages — ../shared/plant/fins.md §1.1 (Omron CJ1W-ETN21 manual §7).
 *
 * Every message starts with a 16-byte header: "FINS", length (bytes after the
 * length field, i.e. 8 + body), command, error code — all big-endian.
 */

export const FINS_TCP_HEADER_BYTES = 16;
const MAGIC = Buffer.from('FINS', 'ascii');
/** Command and error code fields, counted by the length field. */
const LENGTH_OVERHEAD = 8;
/** ../shared/plant/fins.md §1.1: a frame send carries at most a 2012-byte FINS frame (length 0x7E4). */
const MAX_FINS_TCP_LENGTH = 0x7e4;

export const FinsTcpCommand = {
  nodeAddressRequest: 0,
  nodeAddressReply: 1,
  frameSend: 2,
  frameSendError: 3,
  connectionConfirmation: 6,
} as const;

export const FinsTcpErrorCode = {
  normal: 0,
  notFinsHeader: 1,
  dataTooLong: 2,
  commandNotSupported: 3,
  allConnectionsInUse: 0x20,
  nodeAlreadyConnected: 0x21,
  protectedNode: 0x22,
  clientNodeOutOfRange: 0x23,
  sameNodeAsServer: 0x24,
  noNodeAddressesLeft: 0x25,
} as const;

const ERROR_MESSAGES: ReadonlyMap<number, string> = new Map([
  [FinsTcpErrorCode.normal, 'normal'],
  [FinsTcpErrorCode.notFinsHeader, 'header is not "FINS"'],
  [FinsTcpErrorCode.dataTooLong, 'data too long'],
  [FinsTcpErrorCode.commandNotSupported, 'command not supported'],
  [FinsTcpErrorCode.allConnectionsInUse, 'all connections are in use'],
  [FinsTcpErrorCode.nodeAlreadyConnected, 'the client node is already connected'],
  [FinsTcpErrorCode.protectedNode, 'protected node: access refused from this IP address'],
  [FinsTcpErrorCode.clientNodeOutOfRange, 'client node address out of range'],
  [FinsTcpErrorCode.sameNodeAsServer, 'client uses the same node address as the server'],
  [FinsTcpErrorCode.noNodeAddressesLeft, 'no node addresses left to assign'],
]);

export interface FinsTcpMessage {
  command: number;
  errorCode: number;
  body: Buffer;
}

/** The node numbers agreed in the node address handshake, used as SA1 (client) and DA1 (server). */
export interface FinsTcpNodes {
  clientNode: number;
  serverNode: number;
}

export function describeFinsTcpError(code: number): string {
  return `FINS/TCP error 0x${code.toString(16).padStart(2, '0')} (${ERROR_MESSAGES.get(code) ?? 'unknown FINS/TCP error code'})`;
}

export function encodeFinsTcpMessage(message: FinsTcpMessage): Buffer {
  const header = Buffer.alloc(FINS_TCP_HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(LENGTH_OVERHEAD + message.body.length, 4);
  header.writeUInt32BE(message.command, 8);
  header.writeUInt32BE(message.errorCode, 12);
  return Buffer.concat([header, message.body]);
}

export interface FinsTcpHeader {
  /** Body bytes that follow the 16-byte header. */
  bodyLength: number;
  command: number;
  errorCode: number;
}

/** A header that breaks the framing; the stream cannot be trusted any more and must be closed. */
export class FinsTcpFramingError extends Error {
  /** The error code to send back in a frame send error notification. */
  readonly errorCode: number;

  constructor(errorCode: number, detail: string) {
    super(`${describeFinsTcpError(errorCode)}: ${detail}`);
    this.name = 'FinsTcpFramingError';
    this.errorCode = errorCode;
  }
}

/** Reads the first 16 bytes of `bytes`; throws FinsTcpFramingError on a bad magic or length. */
export function decodeFinsTcpHeader(bytes: Buffer): FinsTcpHeader {
  if (bytes.length < FINS_TCP_HEADER_BYTES) {
    throw new RangeError(`FINS/TCP header needs ${FINS_TCP_HEADER_BYTES} bytes, got ${bytes.length}`);
  }
  if (!bytes.subarray(0, 4).equals(MAGIC)) {
    throw new FinsTcpFramingError(FinsTcpErrorCode.notFinsHeader, `starts with 0x${bytes.subarray(0, 4).toString('hex')}`);
  }
  const length = bytes.readUInt32BE(4);
  if (length < LENGTH_OVERHEAD) {
    throw new FinsTcpFramingError(FinsTcpErrorCode.notFinsHeader, `length ${length} is shorter than command + error code`);
  }
  if (length > MAX_FINS_TCP_LENGTH) {
    throw new FinsTcpFramingError(FinsTcpErrorCode.dataTooLong, `length ${length} exceeds ${MAX_FINS_TCP_LENGTH}`);
  }
  return { bodyLength: length - LENGTH_OVERHEAD, command: bytes.readUInt32BE(8), errorCode: bytes.readUInt32BE(12) };
}

/** Client → server, once after connecting; node 0 asks the server to assign one. */
export function encodeNodeAddressRequest(clientNode: number): Buffer {
  return encodeFinsTcpMessage({ command: FinsTcpCommand.nodeAddressRequest, errorCode: 0, body: uint32s([clientNode]) });
}

/** Server → client: the client's (possibly assigned) node and the server's node. */
export function encodeNodeAddressReply(nodes: FinsTcpNodes): Buffer {
  return encodeFinsTcpMessage({
    command: FinsTcpCommand.nodeAddressReply,
    errorCode: 0,
    body: uint32s([nodes.clientNode, nodes.serverNode]),
  });
}

export function decodeNodeAddressRequest(body: Buffer): number {
  if (body.length !== 4) throw new RangeError(`node address request body has ${body.length} bytes, expected 4`);
  return body.readUInt32BE(0);
}

export function decodeNodeAddressReply(body: Buffer): FinsTcpNodes {
  if (body.length !== 8) throw new RangeError(`node address reply body has ${body.length} bytes, expected 8`);
  return { clientNode: body.readUInt32BE(0), serverNode: body.readUInt32BE(4) };
}

export function encodeFrameSend(frame: Uint8Array): Buffer {
  return encodeFinsTcpMessage({ command: FinsTcpCommand.frameSend, errorCode: 0, body: Buffer.from(frame) });
}

/** Either side reports a broken exchange; the connection closes afterwards. */
export function encodeFrameSendError(errorCode: number): Buffer {
  return encodeFinsTcpMessage({ command: FinsTcpCommand.frameSendError, errorCode, body: Buffer.alloc(0) });
}

function uint32s(values: number[]): Buffer {
  const body = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => body.writeUInt32BE(value, 4 * i));
  return body;
}
