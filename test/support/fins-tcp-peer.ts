import net from 'node:net';
import type { FinsTcpMessage } from '../../electron/plc/fins-tcp-message';
import { FinsTcpStreamReader } from '../../electron/plc/fins-tcp-stream';

/**
 * One end of a FINS/TCP connection driven by a test: raw writes out,
 * reassembled messages in, awaited one at a time.
 */
export class FinsTcpPeer {
  private readonly reader = new FinsTcpStreamReader();
  private readonly received: FinsTcpMessage[] = [];
  private waiting: ((message: FinsTcpMessage) => void) | null = null;
  /** Resolves when the other side closes the connection. */
  readonly closed: Promise<void>;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.reader.push(chunk)) {
        const waiting = this.waiting;
        this.waiting = null;
        if (waiting) waiting(message);
        else this.received.push(message);
      }
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static async connect(port: number): Promise<FinsTcpPeer> {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return new FinsTcpPeer(socket);
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next message; rejects when the connection closes first. */
  next(): Promise<FinsTcpMessage> {
    const queued = this.received.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      void this.closed.then(() => reject(new Error('connection closed before the next FINS/TCP message')));
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A TCP server whose connections the test scripts through FinsTcpPeer. */
export async function scriptedFinsTcpServer(onPeer: (peer: FinsTcpPeer) => void): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const peers: FinsTcpPeer[] = [];
  const server = net.createServer((socket) => {
    const peer = new FinsTcpPeer(socket);
    peers.push(peer);
    onPeer(peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => peers.length,
    close: async () => {
      peers.forEach((peer) => peer.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
