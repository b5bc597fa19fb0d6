import { decodeFinsTcpHeader, FINS_TCP_HEADER_BYTES, type FinsTcpHeader, type FinsTcpMessage } from './fins-tcp-message';

/**
 * Cuts a TCP byte stream into FINS/TCP messages. TCP may split a message
 * across chunks or pack several into one, so bytes are buffered until a
 * whole header + body is there. A bad header throws FinsTcpFramingError;
 * the stream has lost its framing and the connection must be closed.
 */
export class FinsTcpStreamReader {
  private pending: Buffer = Buffer.alloc(0);
  private header: FinsTcpHeader | null = null;

  push(chunk: Buffer): FinsTcpMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: FinsTcpMessage[] = [];
    for (;;) {
      if (this.header === null) {
        if (this.pending.length < FINS_TCP_HEADER_BYTES) break;
        this.header = decodeFinsTcpHeader(this.pending);
        this.pending = this.pending.subarray(FINS_TCP_HEADER_BYTES);
      }
      if (this.pending.length < this.header.bodyLength) break;
      const { command, errorCode, bodyLength } = this.header;
      messages.push({ command, errorCode, body: Buffer.from(this.pending.subarray(0, bodyLength)) });
      this.pending = this.pending.subarray(bodyLength);
      this.header = null;
    }
    return messages;
  }
}
