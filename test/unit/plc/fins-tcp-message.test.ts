import { describe, expect, it } from 'vitest';
import {
  decodeFinsTcpHeader,
  decodeNodeAddressReply,
  decodeNodeAddressRequest,
  describeFinsTcpError,
  encodeFinsTcpMessage,
  encodeFrameSend,
  encodeFrameSendError,
  encodeNodeAddressReply,
  encodeNodeAddressRequest,
  FinsTcpFramingError,
} from '../../../electron/plc/fins-tcp-message';
import { FinsTcpNodePool } from '../../../electron/plc/fins-tcp-node-pool';
import { hexBytes } from '../../support/fins-hex';

describe('FINS/TCP header (fins.md §1.1)', () => {
  it('encodes the node address request: "FINS", length 0x0C, command 0, client node', () => {
    expect(encodeNodeAddressRequest(0)).toEqual(hexBytes('46 49 4E 53 00 00 00 0C 00 00 00 00 00 00 00 00 00 00 00 00'));
  });

  it('encodes the node address reply with length 0x10 and both nodes, and reads it back', () => {
    const reply = encodeNodeAddressReply({ clientNode: 239, serverNode: 2 });
    expect(reply).toEqual(hexBytes('46 49 4E 53 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00 EF 00 00 00 02'));
    expect(decodeNodeAddressReply(reply.subarray(16))).toEqual({ clientNode: 239, serverNode: 2 });
    expect(decodeNodeAddressRequest(encodeNodeAddressRequest(7).subarray(16))).toBe(7);
  });

  it('wraps a FINS frame in a frame send whose length is 8 + frame length', () => {
    const frame = hexBytes('80 00 02 00 02 00 00 01 00 00 01 01 82 1B A4 00 00 01');
    const message = encodeFrameSend(frame);
    expect(message.subarray(0, 16)).toEqual(hexBytes('46 49 4E 53 00 00 00 1A 00 00 00 02 00 00 00 00'));
    expect(message.subarray(16)).toEqual(frame);
    expect(decodeFinsTcpHeader(message)).toEqual({ bodyLength: frame.length, command: 2, errorCode: 0 });
  });

  it('encodes a frame send error notification with its error code and no body', () => {
    expect(encodeFrameSendError(0x21)).toEqual(hexBytes('46 49 4E 53 00 00 00 08 00 00 00 03 00 00 00 21'));
  });

  it('rejects a header that is not "FINS", a length shorter than 8 and one longer than 0x7E4', () => {
    const bad = (hex: string) => () => decodeFinsTcpHeader(hexBytes(hex));
    expect(bad('46 49 4E 54 00 00 00 08 00 00 00 02 00 00 00 00')).toThrow(FinsTcpFramingError);
    expect(bad('46 49 4E 54 00 00 00 08 00 00 00 02 00 00 00 00')).toThrow('header is not "FINS"');
    expect(bad('46 49 4E 53 00 00 00 04 00 00 00 02 00 00 00 00')).toThrow('shorter than command + error code');
    expect(bad('46 49 4E 53 00 00 07 E5 00 00 00 02 00 00 00 00')).toThrow('data too long');
    expect(decodeFinsTcpHeader(hexBytes('46 49 4E 53 00 00 07 E4 00 00 00 02 00 00 00 00')).bodyLength).toBe(0x7e4 - 8);
    expect(thrownBy(bad('46 49 4E 53 00 00 07 E5 00 00 00 02 00 00 00 00'))).toMatchObject({ errorCode: 2 });
    expect(thrownBy(bad('00 00 00 00 00 00 00 08 00 00 00 02 00 00 00 00'))).toMatchObject({ errorCode: 1 });
  });

  it('names every error code of fins.md §1.1', () => {
    expect(describeFinsTcpError(0x21)).toBe('FINS/TCP error 0x21 (the client node is already connected)');
    for (const code of [0, 1, 2, 3, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25]) expect(describeFinsTcpError(code)).not.toContain('unknown');
    expect(describeFinsTcpError(0x99)).toContain('unknown FINS/TCP error code');
  });

  it('round-trips an arbitrary message through encode and the header decoder', () => {
    const message = encodeFinsTcpMessage({ command: 6, errorCode: 0, body: Buffer.alloc(0) });
    expect(decodeFinsTcpHeader(message)).toEqual({ bodyLength: 0, command: 6, errorCode: 0 });
  });
});

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('FINS/TCP client node addresses of a server', () => {
  it('assigns nodes from 239 up to a client asking for node 0, and frees them again', () => {
    const pool = new FinsTcpNodePool(2);
    expect(pool.claim(0)).toEqual({ ok: true, node: 239 });
    expect(pool.claim(0)).toEqual({ ok: true, node: 240 });
    pool.release(239);
    expect(pool.claim(0)).toEqual({ ok: true, node: 239 });
  });

  it('refuses the server node (0x24), a node in use (0x21), out of range (0x23) and an exhausted pool (0x25)', () => {
    const pool = new FinsTcpNodePool(2);
    expect(pool.claim(2)).toEqual({ ok: false, errorCode: 0x24 });
    expect(pool.claim(5)).toEqual({ ok: true, node: 5 });
    expect(pool.claim(5)).toEqual({ ok: false, errorCode: 0x21 });
    expect(pool.claim(255)).toEqual({ ok: false, errorCode: 0x23 });
    for (let i = 0; i < 16; i++) expect(pool.claim(0).ok).toBe(true);
    expect(pool.claim(0)).toEqual({ ok: false, errorCode: 0x25 });
  });

  it('never assigns the server its own node', () => {
    const pool = new FinsTcpNodePool(239);
    expect(pool.claim(0)).toEqual({ ok: true, node: 240 });
  });
});
