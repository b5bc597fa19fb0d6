import { describe, expect, it } from 'vitest';
import {
  decodeBcd, decodeBool, decodeInt16, decodeScaled, decodeText, encodeBcd, encodeBool, encodeInt16, encodeScaled, encodeText,
  WordCodecError,
} from '../../../electron/plc/word-codec';

/** "57 48 2F 4D …" → words, as the wire bytes of ../shared/plant/fins.md §6 are printed. */
function wordsOfHex(bytes: string): number[] {
  const b = bytes.trim().split(/\s+/).map((h) => parseInt(h, 16));
  return Array.from({ length: b.length / 2 }, (_, i) => ((b[2 * i] ?? 0) << 8) | (b[2 * i + 1] ?? 0));
}

describe('scaled kg (uint32, kg × 100, high word first)', () => {
  it('encodes 1000.00 kg as 0x0001 0x86A0 (fins.md §6.3)', () => {
    expect(encodeScaled(1000, 100, 'Quantity')).toEqual([0x0001, 0x86a0]);
    expect(decodeScaled(0x0001, 0x86a0, 100)).toBe(1000);
  });

  it('rounds instead of truncating: 33.3 kg → 3330, not 3329 (pitfall P3)', () => {
    expect(encodeScaled(33.3, 100, 'LQ115')).toEqual([0, 3330]);
    expect(encodeScaled(52.300000000000004, 100, 'SILO 101')).toEqual([0, 5230]);
  });

  it('rounds halves away from zero, also where binary noise hides the half', () => {
    expect(encodeScaled(0.125, 100, 'x')).toEqual([0, 13]);
    expect(encodeScaled(1.005, 100, 'x')).toEqual([0, 101]);
    expect(encodeScaled(1.004, 100, 'x')).toEqual([0, 100]);
  });

  it('reads the high half as unsigned: 381.25 kg stays positive (pitfall P6)', () => {
    expect(decodeScaled(0, 38125, 100)).toBe(381.25);
    expect(decodeScaled(0x8000, 0, 100)).toBe(21474836.48);
  });

  it.each([
    [-0.01, /Weight: -0.01 is negative/],
    [Number.NaN, /Weight: NaN is not a number/],
    [Number.POSITIVE_INFINITY, /Weight: Infinity is not a finite number/],
    [21474836.48, /Weight: 21474836.48 is too large; the PLC holds at most 21474836.47/],
  ])('rejects %s naming the field', (value, message) => {
    expect(() => encodeScaled(value, 100, 'Weight')).toThrow(message);
    expect(() => encodeScaled(value, 100, 'Weight')).toThrow(WordCodecError);
  });

  it('accepts the largest value both signed and unsigned readers agree on', () => {
    expect(encodeScaled(21474836.47, 100, 'Weight')).toEqual([0x7fff, 0xffff]);
  });
});

describe('int16', () => {
  it('stores negatives as two’s complement and reads them back signed', () => {
    expect(encodeInt16(-1, 'BATCH')).toBe(0xffff);
    expect(decodeInt16(0xffff)).toBe(-1);
    expect(encodeInt16(115, 'LQ ID 115')).toBe(115);
  });

  it.each([32768, -32769, 1.5, Number.NaN])('rejects %s', (value) => {
    expect(() => encodeInt16(value, 'BATCH')).toThrow(/^BATCH: .* is not a signed 16-bit integer/);
  });
});

describe('text (2 ASCII chars per word, high byte first, NUL padded)', () => {
  it('encodes "WH/MO/00011" as the words of fins.md §6.2', () => {
    expect(encodeText('WH/MO/00011', 8, 'NO-MO', 'reject')).toEqual(wordsOfHex('57 48 2F 4D 4F 2F 30 30 30 31 31 00 00 00 00 00'));
  });

  it('decodes back, dropping NUL padding and surrounding blanks', () => {
    expect(decodeText(wordsOfHex('57 48 2F 4D 4F 2F 30 30 30 31 31 00 00 00 00 00'))).toBe('WH/MO/00011');
    expect(decodeText(encodeText('  JF PLUS ', 8, 'x', 'reject'))).toBe('JF PLUS');
  });

  it('keeps only printable bytes when decoding', () => {
    expect(decodeText([0x4a46, 0x0120, 0x5058, 0x8241])).toBe('JF PXA');
  });

  it('cuts a product name to the field (plant rule): "[10092] JF SAPOT 1B" → "[10092] JF SAPOT"', () => {
    expect(decodeText(encodeText('[10092] JF SAPOT 1B', 8, 'finished_goods', 'truncate'))).toBe('[10092] JF SAPOT');
  });

  it('rejects an MO id longer than the field instead of shortening it (pitfall P11)', () => {
    expect(() => encodeText('KJB/MO/0000000011', 8, 'WRITE slot 2 NO-MO', 'reject')).toThrow(
      'WRITE slot 2 NO-MO: "KJB/MO/0000000011" is 17 characters; the PLC field holds 16',
    );
  });

  it.each([
    ['JF SAPOT É', /contains "É" at position 10; the PLC takes printable ASCII only/],
    ['TAB\tNAME', /contains control character 0x09 at position 4/],
    ['DEL\u007f', /contains control character 0x7f at position 4/],
    ['饲料', /contains "饲" at position 1/],
  ])('rejects non-printable or non-ASCII text %j naming the field (pitfall P16)', (text, message) => {
    expect(() => encodeText(text, 8, 'finished_goods', 'truncate')).toThrow(message);
    expect(() => encodeText(text, 8, 'finished_goods', 'truncate')).toThrow(/^finished_goods: /);
  });
});

describe('bool', () => {
  it('writes 0/1 and reads any nonzero word as true', () => {
    expect([encodeBool(false), encodeBool(true)]).toEqual([0, 1]);
    expect([decodeBool(0), decodeBool(1), decodeBool(2)]).toEqual([false, true, true]);
  });
});

describe('BCD', () => {
  it('decodes the failure timestamp words of fins.md §6.5 into 2026-02-23 20:22:35', () => {
    const words = [0x2026, 0x0002, 0x0023, 0x0020, 0x0022, 0x0035];
    const [year, ...rest] = words;
    expect([decodeBcd(year ?? 0, 4, 'Year'), ...rest.map((w) => decodeBcd(w, 2, 'x'))]).toEqual([2026, 2, 23, 20, 22, 35]);
  });

  it('encodes digits into nibbles', () => {
    expect(encodeBcd(2026, 4, 'Year')).toBe(0x2026);
    expect(encodeBcd(9, 2, 'Month')).toBe(0x0009);
    expect(() => encodeBcd(100, 2, 'Month')).toThrow('Month: 100 does not fit 2 BCD digits (0..99)');
  });

  it('rejects 0x2A: A is not a decimal digit', () => {
    expect(() => decodeBcd(0x2a, 2, 'Minute')).toThrow('Minute: 0x002A is not BCD (nibble A is not a decimal digit)');
  });

  it('rejects a 2-digit value with a nonzero high byte', () => {
    expect(() => decodeBcd(0x0123, 2, 'Day')).toThrow('Day: 0x0123 is not 2-digit BCD (the high byte must be 0)');
  });
});
