import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commandHeader,
  decodeCommand,
  decodeResponse,
  DEFAULT_COMMAND_HEADER,
  encodeCommand,
  encodeResponse,
  MEMORY_AREA_READ,
  type FinsCommand,
  type FinsReadCommand,
} from '../../../electron/plc/fins-frame';
import { asciiWords, hexBytes } from '../../support/fins-hex';

const header = commandHeader();
const DEFAULT_HEADER_HEX = '80 00 02 00 02 00 00 01 00 00';

describe('FINS command frames match the worked frames of fins.md §6', () => {
  it('6.1 reads READ slot 1 (D6000, 77 words)', () => {
    expect(encodeCommand({ kind: 'read', header, address: 6000, count: 77 })).toEqual(hexBytes(`${DEFAULT_HEADER_HEX} 01 01 82 17 70 00 00 4D`));
  });

  it('6.2 writes NO-MO "WH/MO/00011" into WRITE slot 1 (D7001, 8 words)', () => {
    const frame = encodeCommand({ kind: 'write', header, address: 7001, words: asciiWords('WH/MO/00011', 8) });
    expect(frame).toEqual(
      hexBytes(`${DEFAULT_HEADER_HEX} 01 02 82 1B 59 00 00 08 57 48 2F 4D 4F 2F 30 30 30 31 31 00 00 00 00 00`),
    );
  });

  it('6.3 writes quantity 1000.00 kg as high word first (D7025-D7026)', () => {
    const frame = encodeCommand({ kind: 'write', header, address: 7025, words: [0x0001, 0x86a0] });
    expect(frame).toEqual(hexBytes(`${DEFAULT_HEADER_HEX} 01 02 82 1B 71 00 00 02 00 01 86 A0`));
  });

  it.each([
    ['read D7076 (WRITE-area ack)', { kind: 'read', header, address: 7076, count: 1 }, '01 01 82 1B A4 00 00 01'],
    ['write D7076 := 0 after a wave', { kind: 'write', header, address: 7076, words: [0] }, '01 02 82 1B A4 00 00 01 00 00'],
    ['write D6076 := 1 (READ slot 1 ack)', { kind: 'write', header, address: 6076, words: [1] }, '01 02 82 17 BC 00 00 01 00 01'],
    ['write D8022 := 1 (failure ack)', { kind: 'write', header, address: 8022, words: [1] }, '01 02 82 1F 56 00 00 01 00 01'],
  ] satisfies [string, FinsCommand, string][])('6.4 handshake: %s', (_name, command, body) => {
    expect(encodeCommand(command)).toEqual(hexBytes(`${DEFAULT_HEADER_HEX} ${body}`));
  });

  it('puts every configurable header field in its byte', () => {
    const custom = commandHeader({ icf: 0x81, gct: 0x07, dna: 0x03, da1: 0x0a, da2: 0x10, sna: 0x04, sa1: 0x0b, sa2: 0xe1, sid: 0xff });
    expect(encodeCommand({ kind: 'read', header: custom, address: 0, count: 1 }).subarray(0, 10)).toEqual(
      hexBytes('81 00 07 03 0A 10 04 0B E1 FF'),
    );
  });

  it('rejects header fields, addresses, counts and words the PLC cannot take', () => {
    expect(() => commandHeader({ sid: 256 })).toThrow('FINS header field SID = 256 is not a byte (0..255)');
    expect(() => commandHeader({ da1: -1 })).toThrow('DA1');
    const read = (address: number, count: number) => () => encodeCommand({ kind: 'read', header, address, count });
    const write = (address: number, words: number[]) => () => encodeCommand({ kind: 'write', header, address, words });
    expect(read(32768, 1)).toThrow('DM address 32768 is outside D0..D32767');
    expect(read(0, 0)).toThrow('word count 0 is outside 1..999');
    expect(read(0, 1000)).toThrow('word count 1000 is outside 1..999');
    expect(read(32700, 77)).toThrow('D32700+77 runs past D32767');
    expect(read(1.5, 1)).toThrow('DM address 1.5');
    expect(write(0, new Array<number>(998).fill(0))).toThrow('word count 998 is outside 1..997');
    expect(write(0, [])).toThrow('word count 0');
    expect(write(7000, [1, 65536])).toThrow('D7001: 65536 is not a 16-bit word (0..65535)');
    expect(write(7000, [-1])).toThrow('D7000: -1 is not a 16-bit word');
    expect(write(7000, [0.5])).toThrow('D7000: 0.5');
  });

  it('accepts the limits themselves: D32767, 999-word reads, 997-word writes, word 65535', () => {
    expect(encodeCommand({ kind: 'read', header, address: 32767, count: 1 })).toHaveLength(18);
    expect(encodeCommand({ kind: 'read', header, address: 0, count: 999 })).toHaveLength(18);
    expect(encodeCommand({ kind: 'write', header, address: 0, words: new Array<number>(997).fill(0xffff) })).toHaveLength(18 + 2 * 997);
  });
});

describe('FINS response checking', () => {
  const sentRead: FinsReadCommand = { kind: 'read', header, address: 6000, count: 77 };
  const RESPONSE_61_HEADER = 'C0 00 02 00 01 00 00 02 00 00 01 01';

  /** 6.1's typical response: the live capture of slot 1, the remaining words zero. */
  function response61(endCodeHex = '00 00'): Buffer {
    const data = Buffer.alloc(154);
    hexBytes('00 01  57 48 2F 4D 4F 2F 30 30 30 31 31 00 00 00 00 00  5B 31 30 30 39 32 5D 20 4A 46 20 53 41 50 4F 54').copy(data, 0);
    hexBytes('00 01 86 A0').copy(data, 2 * 25);
    hexBytes('00 01').copy(data, 2 * 72);
    return Buffer.concat([hexBytes(`${RESPONSE_61_HEADER} ${endCodeHex}`), data]);
  }

  it("parses 6.1's response: BATCH 1, NO-MO, NO-BoM, 1000.00 kg, finished", () => {
    const check = decodeResponse(response61(), sentRead);
    if (!check.ok) throw new Error(check.reason);
    expect(check.endCode.code).toBe(0);
    expect(check.words).toHaveLength(77);
    expect(check.words[0]).toBe(1);
    expect(check.words.slice(1, 9)).toEqual(asciiWords('WH/MO/00011', 8));
    expect(check.words.slice(9, 17)).toEqual(asciiWords('[10092] JF SAPOT', 8));
    expect(check.words[25]! * 0x10000 + check.words[26]!).toBe(100_000);
    expect(check.words[72]).toBe(1);
  });

  it('a non-fatal CPU error flag (0x0040) on top of 0000 is a success with the flag reported', () => {
    const check = decodeResponse(response61('00 40'), sentRead);
    if (!check.ok) throw new Error(check.reason);
    expect(check.endCode).toMatchObject({ code: 0, raw: 0x0040, nonFatalCpuError: true, fatalCpuError: false, relayError: false });
    expect(check.words).toHaveLength(77);
  });

  it('an error end code comes back masked, without data', () => {
    const check = decodeResponse(hexBytes(`${RESPONSE_61_HEADER} 91 03`), sentRead);
    if (!check.ok) throw new Error(check.reason);
    expect(check.endCode).toMatchObject({ code: 0x1103, relayError: true });
    expect(check.words).toEqual([]);
  });

  it('a write is answered by exactly 14 bytes ending in 01 02 00 00 (6.2)', () => {
    const sentWrite: FinsCommand = { kind: 'write', header, address: 7001, words: asciiWords('WH/MO/00011', 8) };
    expect(decodeResponse(hexBytes('C0 00 02 00 01 00 00 02 00 00 01 02 00 00'), sentWrite)).toMatchObject({ ok: true, words: [] });
  });

  it.each([
    ['shorter than 14 bytes', 'C0 00 02 00 01 00 00 02 00 00 01 01 00', 'malformed', 'shorter than a FINS response'],
    ['a command, not a response (ICF bit 6 clear)', '80 00 02 00 01 00 00 02 00 00 01 01 00 00', 'malformed', 'ICF 0x80 is not a response'],
    ['another SID', 'C0 00 02 00 01 00 00 02 00 07 01 01 00 00', 'late', 'SID 7 does not match'],
    ['another command echoed', 'C0 00 02 00 01 00 00 02 00 00 01 02 00 00', 'foreign', 'command 0102 echoed for a 0101 request'],
    ['answered by another node', 'C0 00 02 00 01 00 00 05 00 00 01 01 00 00', 'foreign', 'answered by node 0.5.0, request went to 0.2.0'],
    ['addressed to another client', 'C0 00 02 00 09 00 00 02 00 00 01 01 00 00', 'foreign', 'addressed to node 0.9.0, request came from 0.1.0'],
    ['missing read data', `${RESPONSE_61_HEADER} 00 00 00 01`, 'bad-data', 'response carries 2 data bytes, expected 154'],
  ])('rejects a response %s', (_name, frameHex, problem, reason) => {
    const check = decodeResponse(hexBytes(frameHex), sentRead);
    expect(check).toMatchObject({ ok: false, problem });
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it('rejects read data longer than asked for', () => {
    const check = decodeResponse(Buffer.concat([response61(), hexBytes('00 00')]), sentRead);
    expect(check).toMatchObject({ ok: false, problem: 'bad-data' });
  });
});

describe('FINS server direction: decoding commands, encoding responses', () => {
  it('decodes 6.1 and 6.2 into the commands that produced them', () => {
    expect(decodeCommand(hexBytes(`${DEFAULT_HEADER_HEX} 01 01 82 17 70 00 00 4D`))).toEqual({
      kind: 'command',
      command: { kind: 'read', header: { ...DEFAULT_COMMAND_HEADER }, address: 6000, count: 77 },
    });
    const decoded = decodeCommand(hexBytes(`${DEFAULT_HEADER_HEX} 01 02 82 1B 59 00 00 08 57 48 2F 4D 4F 2F 30 30 30 31 31 00 00 00 00 00`));
    expect(decoded).toMatchObject({ kind: 'command', command: { kind: 'write', address: 7001, words: asciiWords('WH/MO/00011', 8) } });
  });

  it('answers 6.1 with the response header fins.md shows: ICF C0, nodes swapped, SID and command echoed', () => {
    const response = encodeResponse({ to: header, commandCode: MEMORY_AREA_READ, endCode: 0, words: [1, 2] });
    expect(response).toEqual(hexBytes('C0 00 02 00 01 00 00 02 00 00 01 01 00 00 00 01 00 02'));
  });

  it.each([
    ['an unsupported command with 0401', `${DEFAULT_HEADER_HEX} 05 01`, 0x0401],
    ['a truncated memory command with 1002', `${DEFAULT_HEADER_HEX} 01 01 82 17 70 00`, 0x1002],
    ['a non-DM area (CIO bits 0x30) with 1101', `${DEFAULT_HEADER_HEX} 01 01 30 17 70 00 00 01`, 0x1101],
    ['a start address past D32767 with 1103', `${DEFAULT_HEADER_HEX} 01 01 82 80 00 00 00 01`, 0x1103],
    ['a bit position on word access with 1103', `${DEFAULT_HEADER_HEX} 01 01 82 17 70 03 00 01`, 0x1103],
    ['a range running past D32767 with 1104', `${DEFAULT_HEADER_HEX} 01 01 82 7F FF 00 00 02`, 0x1104],
    ['a zero word count with 1104', `${DEFAULT_HEADER_HEX} 01 01 82 17 70 00 00 00`, 0x1104],
    ['a 1000-word read with 110B', `${DEFAULT_HEADER_HEX} 01 01 82 00 00 00 03 E8`, 0x110b],
    ['a write whose data does not match its count with 1003', `${DEFAULT_HEADER_HEX} 01 02 82 1B A4 00 00 02 00 01`, 0x1003],
  ])('rejects %s', (_name, frameHex, endCode) => {
    expect(decodeCommand(hexBytes(frameHex))).toMatchObject({ kind: 'rejected', endCode, header: { sid: 0, da1: 2, sa1: 1 } });
  });

  it('ignores frames it cannot answer: responses and frames shorter than a command code', () => {
    expect(decodeCommand(hexBytes('C0 00 02 00 01 00 00 02 00 00 01 01 00 00'))).toMatchObject({ kind: 'ignored' });
    expect(decodeCommand(hexBytes('80 00 02 00 02 00 00 01 00 00 01'))).toMatchObject({ kind: 'ignored' });
  });

  it('decodes every valid command it encodes, and the client accepts the answer', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    const headerArb = fc.record({ icf: fc.constant(0x80), gct: byte, dna: byte, da1: byte, da2: byte, sna: byte, sa1: byte, sa2: byte, sid: byte });
    const commandArb: fc.Arbitrary<FinsCommand> = fc.oneof(
      fc
        .record({ header: headerArb, address: fc.integer({ min: 0, max: 32767 }), count: fc.integer({ min: 1, max: 999 }) })
        .filter(({ address, count }) => address + count <= 32768)
        .map((r) => ({ kind: 'read' as const, ...r })),
      fc
        .record({ header: headerArb, address: fc.integer({ min: 0, max: 32767 }), words: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 997 }) })
        .filter(({ address, words }) => address + words.length <= 32768)
        .map((r) => ({ kind: 'write' as const, ...r })),
    );
    fc.assert(
      fc.property(commandArb, (command) => {
        expect(decodeCommand(encodeCommand(command))).toEqual({ kind: 'command', command });
        const words = command.kind === 'read' ? Array.from({ length: command.count }, (_, i) => (i * 7919) & 0xffff) : undefined;
        const response = encodeResponse({ to: command.header, commandCode: command.kind === 'read' ? 0x0101 : 0x0102, endCode: 0, words });
        expect(decodeResponse(response, command)).toEqual({ ok: true, endCode: expect.objectContaining({ code: 0 }), words: words ?? [] });
      }),
      { numRuns: 200 },
    );
  });
});
