import type net from 'node:net';
import {
  decodeNodeAddressRequest,
  encodeFrameSend,
  encodeFrameSendError,
  encodeNodeAddressReply,
  FinsTcpCommand,
  FinsTcpErrorCode,
  FinsTcpFramingError,
  type FinsTcpMessage,
} from './fins-tcp-message';
import type { FinsTcpNodePool } from './fins-tcp-node-pool';
import { FinsTcpStreamReader } from './fins-tcp-stream';

export interface FinsTcpSessionContext {
  serverNode: number;
  nodes: FinsTcpNodePool;
  /** An unplugged PLC does not even answer the node address handshake. */
  isSilent(): boolean;
  /** Handles one FINS command frame; `reply` sends the answer back on this connection. */
  handleFrame(frame: Buffer, reply: (response: Buffer) => void): void;
}

/**
 * The server side of one FINS/TCP connection (../shared/plant/fins.md §1.1): node address
 * handshake first, then frame sends. Anything that breaks the protocol gets a
 * frame send error notification and the connection is closed, as an Omron
 * Ethernet unit does.
 */
export function serveFinsTcpConnection(socket: net.Socket, context: FinsTcpSessionContext): void {
  const reader = new FinsTcpStreamReader();
  let clientNode: number | null = null;
  let refused = false;

  const refuse = (errorCode: number): void => {
    refused = true;
    socket.end(encodeFrameSendError(errorCode), () => socket.destroy());
  };

  const onMessage = (message: FinsTcpMessage): void => {
    switch (message.command) {
      case FinsTcpCommand.nodeAddressRequest: {
        if (context.isSilent()) return;
        if (clientNode !== null || message.body.length !== 4) return refuse(FinsTcpErrorCode.commandNotSupported);
        const claim = context.nodes.claim(decodeNodeAddressRequest(message.body));
        if (!claim.ok) return refuse(claim.errorCode);
        clientNode = claim.node;
        socket.write(encodeNodeAddressReply({ clientNode: claim.node, serverNode: context.serverNode }));
        return;
      }
      case FinsTcpCommand.frameSend:
        if (clientNode === null) return refuse(FinsTcpErrorCode.commandNotSupported);
        context.handleFrame(message.body, (response) => {
          if (socket.writable) socket.write(encodeFrameSend(response));
        });
        return;
      case FinsTcpCommand.frameSendError:
        socket.destroy();
        return;
      case FinsTcpCommand.connectionConfirmation:
        return;
      default:
        refuse(FinsTcpErrorCode.commandNotSupported);
    }
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    if (refused) return;
    let messages: FinsTcpMessage[];
    try {
      messages = reader.push(chunk);
    } catch (error) {
      refuse(error instanceof FinsTcpFramingError ? error.errorCode : FinsTcpErrorCode.notFinsHeader);
      return;
    }
    for (const message of messages) {
      if (refused || socket.destroyed) return;
      onMessage(message);
    }
  });
  // A reset by the client shows up as an error before 'close'; nothing to do but let it close.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (clientNode !== null) context.nodes.release(clientNode);
  });
}
