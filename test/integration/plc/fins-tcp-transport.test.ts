import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { FinsClient } from '../../../electron/plc/fins-client';
import { executeFinsCommand } from '../../../electron/plc/fins-command-executor';
import { decodeCommand } from '../../../electron/plc/fins-frame';
import {
  decodeNodeAddressRequest,
  encodeFinsTcpMessage,
  encodeFrameSend,
  encodeFrameSendError,
  encodeNodeAddressReply,
  FinsTcpCommand,
} from '../../../electron/plc/fins-tcp-message';
import { scriptedFinsTcpServer, type FinsTcpPeer } from '../../support/fins-tcp-peer';

const EVENTUALLY = { timeout: 5_000, interval: 20 };
const NODES = { clientNode: 7, serverNode: 9 };

describe('FINS over TCP (client side)', () => {
  const cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function plc(script: (peer: FinsTcpPeer) => Promise<void>) {
    const server = await scriptedFinsTcpServer((peer) => void script(peer).catch(() => peer.destroy()));
    cleanup.push(server.close);
    return server;
  }

  function connect(port: number, options: { timeoutMs?: number; attempts?: number } = {}): FinsClient {
    const client = new FinsClient({ host: '127.0.0.1', port, protocol: 'tcp', timeoutMs: 1_000, backoffMs: 10, ...options });
    cleanup.push(() => client.close());
    return client;
  }

  /** Node address handshake as a PLC does it, the reply dribbled out in pieces. */
  async function handshake(peer: FinsTcpPeer): Promise<number> {
    const request = await peer.next();
    const reply = encodeNodeAddressReply(NODES);
    peer.write(reply.subarray(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 5));
    peer.write(reply.subarray(5, 19));
    peer.write(Buffer.concat([reply.subarray(19), encodeFinsTcpMessage({ command: FinsTcpCommand.connectionConfirmation, errorCode: 0, body: Buffer.alloc(0) })]));
    return decodeNodeAddressRequest(request.body);
  }

  it('asks the PLC for a node, addresses frames with the handshake nodes and reassembles the stream', async () => {
    const memory = new DmMemory();
    memory.write(6000, [1, 2, 3]);
    const requestedNodes: number[] = [];
    const addressed: { da1: number; sa1: number }[] = [];
    const server = await plc(async (peer) => {
      requestedNodes.push(await handshake(peer));
      for (;;) {
        const { body } = await peer.next();
        const decoded = decodeCommand(body);
        if (decoded.kind === 'command') addressed.push({ da1: decoded.command.header.da1, sa1: decoded.command.header.sa1 });
        const execution = executeFinsCommand(body, { memory, node: NODES.serverNode, endCodeFaults: [] });
        if (execution.kind !== 'answered' || execution.response === null) continue;
        // The answer, followed in the same chunk by a command the client does not know.
        peer.write(Buffer.concat([encodeFrameSend(execution.response), encodeFinsTcpMessage({ command: 0x99, errorCode: 0, body: Buffer.alloc(0) })]));
      }
    });
    const client = connect(server.port);
    expect(await client.readDm(6000, 3)).toEqual([1, 2, 3]);
    await client.writeDm(6076, [1]);
    expect(memory.read(6076, 1)).toEqual([1]);
    expect(requestedNodes).toEqual([0]);
    expect(addressed).toEqual([
      { da1: 9, sa1: 7 },
      { da1: 9, sa1: 7 },
    ]);
    await vi.waitFor(() => expect(client.stats().discarded.malformed).toBe(2), EVENTUALLY);
    expect(server.connections()).toBe(1);
  });

  it('on a frame send error notification the connection closes; the retry connects again and succeeds', async () => {
    const memory = new DmMemory();
    let connection = 0;
    const server = await plc(async (peer) => {
      connection++;
      await handshake(peer);
      const { body } = await peer.next();
      if (connection === 1) {
        peer.write(encodeFrameSendError(0x03));
        return;
      }
      const execution = executeFinsCommand(body, { memory, node: NODES.serverNode, endCodeFaults: [] });
      if (execution.kind === 'answered' && execution.response) peer.write(encodeFrameSend(execution.response));
    });
    const client = connect(server.port);
    await client.writeDm(7076, [0]);
    expect(server.connections()).toBe(2);
    expect(client.stats()).toMatchObject({ retries: 1, roundTrips: 2 });
  });

  it('reports a PLC that refuses the connection with the FINS/TCP error in words', async () => {
    const server = await plc(async (peer) => {
      await peer.next();
      peer.write(encodeFrameSendError(0x21));
      peer.socket.end();
    });
    const client = connect(server.port, { attempts: 1 });
    await expect(client.readDm(0, 1)).rejects.toMatchObject({
      kind: 'transport',
      message: expect.stringContaining('PLC refused the connection: FINS/TCP error 0x21 (the client node is already connected)'),
    });
  });

  it('answers a corrupt stream with an error notification and hangs up', async () => {
    let notification: Promise<{ command: number; errorCode: number }> | null = null;
    const server = await plc(async (peer) => {
      await handshake(peer);
      await peer.next();
      peer.write(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
      notification = peer.next();
    });
    const client = connect(server.port, { attempts: 1 });
    await expect(client.readDm(0, 1)).rejects.toMatchObject({ kind: 'transport', message: expect.stringContaining('corrupt FINS/TCP stream') });
    await vi.waitFor(() => expect(notification).not.toBeNull(), EVENTUALLY);
    expect(await notification).toMatchObject({ command: FinsTcpCommand.frameSendError, errorCode: 1 });
  });

  it('times out a PLC that accepts the connection but never answers the handshake', async () => {
    const server = await plc(async () => undefined);
    const client = connect(server.port, { timeoutMs: 200, attempts: 1 });
    await expect(client.readDm(0, 1)).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining('no node address reply within 200 ms') });
  });

  it('reports a refused connection as a link failure', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const client = connect(closedPort, { attempts: 2 });
    await expect(client.readDm(0, 1)).rejects.toMatchObject({
      kind: 'transport',
      message: expect.stringMatching(new RegExp(`^PLC link failed \\(127\\.0\\.0\\.1:${closedPort}/tcp\\) reading D0\\+1: cannot connect: .*ECONNREFUSED.*\\(2 attempts\\)$`)),
    });
  });
});
