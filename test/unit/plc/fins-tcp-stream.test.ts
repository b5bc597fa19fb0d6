import { describe, expect, it } from 'vitest';
import { encodeFrameSend, encodeNodeAddressReply, FinsTcpFramingError } from '../../../electron/plc/fins-tcp-message';
import { FinsTcpStreamReader } from '../../../electron/plc/fins-tcp-stream';
import { hexBytes } from '../../support/fins-hex';

const frame = hexBytes('C0 00 02 00 01 00 00 02 00 05 01 01 00 00 00 2A');
const stream = Buffer.concat([encodeNodeAddressReply({ clientNode: 239, serverNode: 2 }), encodeFrameSend(frame), encodeFrameSend(frame.subarray(0, 14))]);
const expected = [
  { command: 1, errorCode: 0, body: hexBytes('00 00 00 EF 00 00 00 02') },
  { command: 2, errorCode: 0, body: frame },
  { command: 2, errorCode: 0, body: frame.subarray(0, 14) },
];

describe('FINS/TCP stream reassembly', () => {
  it('cuts several messages out of one chunk', () => {
    expect(new FinsTcpStreamReader().push(stream)).toEqual(expected);
  });

  it('reassembles messages split across chunks at every possible boundary', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const reader = new FinsTcpStreamReader();
      const messages = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
      expect(messages, `cut at byte ${cut}`).toEqual(expected);
    }
  });

  it('reassembles a stream arriving one byte at a time', () => {
    const reader = new FinsTcpStreamReader();
    const messages = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(messages).toEqual(expected);
  });

  it('waits for the rest of a message without emitting anything', () => {
    const reader = new FinsTcpStreamReader();
    expect(reader.push(stream.subarray(0, 30))).toEqual([expected[0]]);
    expect(reader.push(stream.subarray(30, 33))).toEqual([]);
  });

  it('fails on a stream that has lost its framing', () => {
    const reader = new FinsTcpStreamReader();
    expect(() => reader.push(Buffer.concat([encodeFrameSend(frame), Buffer.from('GARBAGE-GARBAGE-')]))).toThrow(FinsTcpFramingError);
  });
});
