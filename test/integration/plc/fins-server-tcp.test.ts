import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { commandHeader, decodeResponse, encodeCommand, type FinsCommand } from '../../../electron/plc/fins-frame';
import { FinsServer } from '../../../electron/plc/fins-server';
import {
  decodeNodeAddressReply,
  encodeFinsTcpMessage,
  encodeFrameSend,
  encodeNodeAddressRequest,
  FinsTcpCommand,
} from '../../../electron/plc/fins-tcp-message';
import { FinsTcpPeer } from '../../support/fins-tcp-peer';

describe('FinsServer over FINS/TCP (server side)', () => {
  let memory: DmMemory;
  let server: FinsServer;
  let port: number;
  const peers: FinsTcpPeer[] = [];

  beforeEach(async () => {
    memory = new DmMemory();
    server = new FinsServer({ memory, tcpPort: 0 });
    port = (await server.start()).tcpPort ?? 0;
  });

  afterEach(async () => {
    peers.splice(0).forEach((peer) => peer.destroy());
    await server.stop();
  });

  async function peer(): Promise<FinsTcpPeer> {
    const connected = await FinsTcpPeer.connect(port);
    peers.push(connected);
    return connected;
  }

  async function handshake(client: FinsTcpPeer, requestedNode = 0) {
    client.write(encodeNodeAddressRequest(requestedNode));
    const reply = await client.next();
    expect(reply).toMatchObject({ command: FinsTcpCommand.nodeAddressReply, errorCode: 0 });
    return decodeNodeAddressReply(reply.body);
  }

  it('assigns each client its own node and reports its node 2', async () => {
    expect(await handshake(await peer())).toEqual({ clientNode: 239, serverNode: 2 });
    expect(await handshake(await peer())).toEqual({ clientNode: 240, serverNode: 2 });
    expect(await handshake(await peer(), 17)).toEqual({ clientNode: 17, serverNode: 2 });
  });

  it('frees a node when its connection closes', async () => {
    const first = await peer();
    await handshake(first, 17);
    first.destroy();
    await first.closed;
    // The server sees the close asynchronously: claim node 17 again until it is free.
    await vi.waitFor(async () => {
      const next = await peer();
      next.write(encodeNodeAddressRequest(17));
      const reply = await next.next();
      expect(reply.command).toBe(FinsTcpCommand.nodeAddressReply);
      expect(decodeNodeAddressReply(reply.body)).toEqual({ clientNode: 17, serverNode: 2 });
    }, { timeout: 5_000, interval: 20 });
  });

  it('answers frames sent in the same chunk as the handshake, each in its own frame send', async () => {
    memory.write(7000, [0x5748, 0x2f4d]);
    const client = await peer();
    const read: FinsCommand = { kind: 'read', header: commandHeader({ da1: 2, sa1: 239, sid: 3 }), address: 7000, count: 2 };
    const write: FinsCommand = { kind: 'write', header: commandHeader({ da1: 2, sa1: 239, sid: 4 }), address: 7076, words: [1] };
    client.write(Buffer.concat([encodeNodeAddressRequest(0), encodeFrameSend(encodeCommand(read)), encodeFrameSend(encodeCommand(write))]));
    expect((await client.next()).command).toBe(FinsTcpCommand.nodeAddressReply);
    const readAnswer = await client.next();
    expect(readAnswer.command).toBe(FinsTcpCommand.frameSend);
    expect(decodeResponse(readAnswer.body, read)).toMatchObject({ ok: true, words: [0x5748, 0x2f4d] });
    expect(decodeResponse((await client.next()).body, write)).toMatchObject({ ok: true });
    expect(memory.read(7076, 1)).toEqual([1]);
    expect(server.stats()).toEqual({ requests: 2, reads: 1, writes: 1, dropped: 0 });
  });

  it.each([
    ['a header that is not "FINS"', () => Buffer.from('GET / HTTP/1.1\r\nHost: plc\r\n\r\n'), 0x01],
    ['a length above 0x7E4', () => Buffer.from('46494e53000007e5000000020000000000', 'hex'), 0x02],
    ['a frame send before the node address handshake', () => encodeFrameSend(Buffer.alloc(18)), 0x03],
    ['an unknown command', () => encodeFinsTcpMessage({ command: 0x42, errorCode: 0, body: Buffer.alloc(0) }), 0x03],
    ['the server node as client node', () => encodeNodeAddressRequest(2), 0x24],
    ['a client node out of range', () => encodeNodeAddressRequest(300), 0x23],
  ])('refuses %s with an error notification and closes the connection', async (_name, bytes, errorCode) => {
    const client = await peer();
    client.write(bytes());
    expect(await client.next()).toEqual({ command: FinsTcpCommand.frameSendError, errorCode, body: Buffer.alloc(0) });
    await client.closed;
  });

  it('refuses a node already connected with 0x21', async () => {
    await handshake(await peer(), 17);
    const second = await peer();
    second.write(encodeNodeAddressRequest(17));
    expect(await second.next()).toMatchObject({ command: FinsTcpCommand.frameSendError, errorCode: 0x21 });
  });

  it('stays mute while silent, even to the handshake', async () => {
    server.faults.silent = true;
    const client = await peer();
    client.write(encodeNodeAddressRequest(0));
    // Behind the ignored handshake, a frame send on a connection without a node: the server's
    // first word on this connection must be its refusal of that, not a reply to the handshake.
    client.write(encodeFrameSend(Buffer.alloc(18)));
    expect(await client.next()).toMatchObject({ command: FinsTcpCommand.frameSendError, errorCode: 0x03 });
  });
});
