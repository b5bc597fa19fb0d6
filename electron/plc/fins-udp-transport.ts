import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { errorText, FinsLinkError, type FinsRoute, type FinsTransport, type FinsTransportListener } from './fins-transport';

export interface FinsUdpTransportOptions {
  host: string;
  port: number;
  /** UDP has no handshake: the configured nodes are used as they are. */
  route: FinsRoute;
}

interface BoundSocket {
  socket: dgram.Socket;
  /** The PLC's address, resolved once when the socket was bound. */
  peerAddress: string;
}

/**
 * FINS over UDP with ONE bound socket kept open for the client's lifetime
 * (../shared/plant/fins.md §7.2; the old middleware opened a socket per request). Datagrams
 * from any other address or port are not the PLC's and are discarded.
 */
export class FinsUdpTransport implements FinsTransport {
  readonly endpoint: string;
  private bound: BoundSocket | null = null;

  constructor(
    private readonly options: FinsUdpTransportOptions,
    private readonly listener: FinsTransportListener,
  ) {
    this.endpoint = `${options.host}:${options.port}/udp`;
  }

  async open(): Promise<FinsRoute> {
    if (this.bound === null) this.bound = await this.bind();
    return this.options.route;
  }

  async send(frame: Buffer): Promise<void> {
    const bound = this.bound;
    if (bound === null) throw new FinsLinkError('UDP socket is not open');
    await new Promise<void>((resolve, reject) => {
      bound.socket.send(frame, this.options.port, bound.peerAddress, (error) =>
        error ? reject(new FinsLinkError(`send failed: ${error.message}`, { cause: error })) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    const bound = this.bound;
    this.bound = null;
    if (bound !== null) await new Promise<void>((resolve) => bound.socket.close(() => resolve()));
  }

  private async bind(): Promise<BoundSocket> {
    const peer = await lookup(this.options.host).catch((error: unknown) => {
      throw new FinsLinkError(`cannot resolve ${this.options.host}: ${errorText(error)}`, { cause: error });
    });
    const socket = dgram.createSocket(peer.family === 6 ? 'udp6' : 'udp4');
    socket.on('message', (message, from) => {
      if (from.address === peer.address && from.port === this.options.port) this.listener.frame(message);
      else this.listener.discarded('foreign');
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (error) => {
        socket.close();
        reject(new FinsLinkError(`cannot bind a UDP socket: ${error.message}`, { cause: error }));
      });
      socket.bind(0, () => resolve());
    });
    socket.removeAllListeners('error');
    socket.on('error', (error) => {
      // A socket error leaves the socket unusable: drop it; the next request binds a new one.
      if (this.bound?.socket === socket) this.bound = null;
      socket.close();
      this.listener.broken(`UDP socket error: ${error.message}`);
    });
    return { socket, peerAddress: peer.address };
  }
}
