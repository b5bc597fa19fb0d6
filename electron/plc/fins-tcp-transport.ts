import net from 'node:net';
import type { Clock } from '../engine/clock';
import {
  decodeNodeAddressReply,
  describeFinsTcpError,
  encodeFrameSend,
  encodeFrameSendError,
  encodeNodeAddressRequest,
  FinsTcpCommand,
  FinsTcpFramingError,
  type FinsTcpMessage,
} from './fins-tcp-message';
import { FinsTcpStreamReader } from './fins-tcp-stream';
import { errorText, FinsLinkError, type FinsRoute, type FinsTransport, type FinsTransportListener } from './fins-transport';

export interface FinsTcpTransportOptions {
  host: string;
  port: number;
  /** Limit for connecting plus the node address handshake. */
  timeoutMs: number;
  clock: Clock;
}

/** Node 0 in the node address request asks the PLC to assign our node (../shared/plant/fins.md §1.1). */
const ASK_PLC_TO_ASSIGN_NODE = 0;

interface Connection {
  socket: net.Socket;
  /** Null until the node address handshake is done. */
  route: FinsRoute | null;
}

/**
 * FINS over TCP (../shared/plant/fins.md §1.1): connect, node address handshake, then every
 * FINS frame travels in a "frame send" message. The nodes the PLC reports in
 * the handshake are the ones to address (SA1/DA1). A frame send error
 * notification or a lost connection breaks the link; the next request
 * connects again.
 */
export class FinsTcpTransport implements FinsTransport {
  readonly endpoint: string;
  private connection: Connection | null = null;

  constructor(
    private readonly options: FinsTcpTransportOptions,
    private readonly listener: FinsTransportListener,
  ) {
    this.endpoint = `${options.host}:${options.port}/tcp`;
  }

  async open(): Promise<FinsRoute> {
    if (this.connection?.route) return this.connection.route;
    return this.connect();
  }

  async send(frame: Buffer): Promise<void> {
    const socket = this.connection?.route ? this.connection.socket : null;
    if (socket === null) throw new FinsLinkError('FINS/TCP connection is not open');
    await new Promise<void>((resolve, reject) => {
      socket.write(encodeFrameSend(frame), (error) =>
        error ? reject(new FinsLinkError(`send failed: ${error.message}`, { cause: error })) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (connection === null || connection.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      connection.socket.once('close', () => resolve());
      connection.socket.destroy();
    });
  }

  private connect(): Promise<FinsRoute> {
    const socket = net.createConnection({ host: this.options.host, port: this.options.port });
    socket.setNoDelay(true);
    const connection: Connection = { socket, route: null };
    this.connection = connection;
    const reader = new FinsTcpStreamReader();

    return new Promise<FinsRoute>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: { route: FinsRoute } | { error: FinsLinkError }): void => {
        if (settled) return;
        settled = true;
        cancelTimer();
        if ('route' in outcome) {
          connection.route = outcome.route;
          resolve(outcome.route);
        } else {
          this.drop(connection);
          reject(outcome.error);
        }
      };
      const cancelTimer = this.options.clock.setTimer(
        this.options.timeoutMs,
        () => settle({ error: new FinsLinkError(`no node address reply within ${this.options.timeoutMs} ms`, { timedOut: true }) }),
        { awaited: true },
      );

      socket.on('connect', () => socket.write(encodeNodeAddressRequest(ASK_PLC_TO_ASSIGN_NODE)));
      socket.on('data', (chunk: Buffer) => {
        if (this.connection !== connection) return;
        let messages: FinsTcpMessage[];
        try {
          messages = reader.push(chunk);
        } catch (error) {
          // The stream has lost its framing: tell the PLC why (../shared/plant/fins.md §1.1), then hang up.
          const farewell = error instanceof FinsTcpFramingError ? encodeFrameSendError(error.errorCode) : undefined;
          const reason = `corrupt FINS/TCP stream: ${errorText(error)}`;
          if (settled) this.breakLink(connection, reason, farewell);
          else settle({ error: new FinsLinkError(reason, { cause: error }) });
          return;
        }
        for (const message of messages) {
          if (connection.route === null && !settled) this.onHandshakeMessage(message, settle);
          else this.onMessage(connection, message);
        }
      });
      socket.on('error', (error) => {
        if (!settled) settle({ error: new FinsLinkError(`cannot connect: ${error.message}`, { cause: error }) });
        // After the handshake an error is always followed by 'close', which breaks the link.
      });
      socket.on('close', () => {
        if (!settled) settle({ error: new FinsLinkError('connection closed during the node address handshake') });
        else this.breakLink(connection, 'PLC closed the FINS/TCP connection');
      });
    });
  }

  private onHandshakeMessage(message: FinsTcpMessage, settle: (outcome: { route: FinsRoute } | { error: FinsLinkError }) => void): void {
    switch (message.command) {
      case FinsTcpCommand.nodeAddressReply:
        try {
          const nodes = decodeNodeAddressReply(message.body);
          settle({ route: { plcNode: nodes.serverNode, clientNode: nodes.clientNode } });
        } catch (error) {
          settle({ error: new FinsLinkError(`bad node address reply: ${errorText(error)}`, { cause: error }) });
        }
        return;
      case FinsTcpCommand.frameSendError:
        settle({ error: new FinsLinkError(`PLC refused the connection: ${describeFinsTcpError(message.errorCode)}`) });
        return;
      case FinsTcpCommand.connectionConfirmation:
        return;
      default:
        settle({ error: new FinsLinkError(`unexpected FINS/TCP command ${message.command} during the node address handshake`) });
    }
  }

  private onMessage(connection: Connection, message: FinsTcpMessage): void {
    switch (message.command) {
      case FinsTcpCommand.frameSend:
        this.listener.frame(message.body);
        return;
      case FinsTcpCommand.frameSendError:
        this.breakLink(connection, `PLC sent a frame send error notification: ${describeFinsTcpError(message.errorCode)}`);
        return;
      case FinsTcpCommand.connectionConfirmation:
        return;
      default:
        this.listener.discarded('malformed');
    }
  }

  /** Reports a broken link once per connection; the next open() connects again. */
  private breakLink(connection: Connection, reason: string, farewell?: Buffer): void {
    if (this.connection !== connection) return;
    this.drop(connection, farewell);
    this.listener.broken(reason);
  }

  private drop(connection: Connection, farewell?: Buffer): void {
    if (this.connection === connection) this.connection = null;
    const { socket } = connection;
    if (farewell !== undefined && socket.writable) socket.end(farewell, () => socket.destroy());
    else socket.destroy();
  }
}
