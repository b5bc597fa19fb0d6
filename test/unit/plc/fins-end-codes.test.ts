import { describe, expect, it } from 'vitest';
import { describeEndCode, endCodeWarnings, FinsEndCodeError, splitEndCode } from '../../../electron/plc/fins-end-codes';

/** Every code named in fins.md §3.1 (both tables and the "other classes" paragraph). */
const CODES_IN_FINS_MD = [
  0x0000, 0x0001, 0x0101, 0x0102, 0x0103, 0x0104, 0x0105, 0x0106, 0x0201, 0x0202, 0x0203, 0x0204, 0x0205, 0x0301, 0x0302, 0x0303,
  0x0304, 0x0401, 0x0402, 0x0501, 0x0502, 0x0503, 0x0504, 0x1001, 0x1002, 0x1003, 0x1004, 0x1005, 0x1101, 0x1102, 0x1103, 0x1104,
  0x1106, 0x1109, 0x110a, 0x110b, 0x110c, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2101,
];

describe('FINS end codes', () => {
  it('names every end code of fins.md §3.1', () => {
    for (const code of CODES_IN_FINS_MD) expect(describeEndCode(code), `0x${code.toString(16)}`).not.toMatch(/unknown/);
  });

  it('says what the plant engineer needs for the common ones', () => {
    expect(describeEndCode(0x1103)).toBe('address range error');
    expect(describeEndCode(0x1104)).toBe('address range exceeded');
    expect(describeEndCode(0x0401)).toBe('undefined command');
    expect(describeEndCode(0x1101)).toContain('bad area code');
    expect(describeEndCode(0x2101)).toContain('read-only');
  });

  it('reports codes it does not know as such', () => {
    expect(describeEndCode(0x3001)).toBe('unknown FINS end code 0x3001');
    expect(describeEndCode(0x0abc)).toBe('unknown FINS end code 0x0ABC');
    expect(describeEndCode(0x2201)).toBe('unknown FINS end code 0x2201 (class 22xx: wrong operating mode or status)');
  });

  it('masks the flag bits off with 0x7F3F and reports each flag', () => {
    expect(splitEndCode(0x0040)).toEqual({ code: 0, raw: 0x0040, relayError: false, fatalCpuError: false, nonFatalCpuError: true });
    expect(splitEndCode(0x0080)).toMatchObject({ code: 0, fatalCpuError: true });
    expect(splitEndCode(0x8000)).toMatchObject({ code: 0, relayError: true });
    expect(splitEndCode(0x91c3)).toEqual({ code: 0x1103, raw: 0x91c3, relayError: true, fatalCpuError: true, nonFatalCpuError: true });
    // The old middleware's unexplained "9005" (fins.md §3.1) is header error 1005 behind a relay error.
    expect(splitEndCode(0x9005)).toMatchObject({ code: 0x1005, relayError: true });
    expect(splitEndCode(0x1103)).toMatchObject({ code: 0x1103, relayError: false, fatalCpuError: false, nonFatalCpuError: false });
  });

  it('turns flags into operator warnings, none without flags', () => {
    expect(endCodeWarnings(splitEndCode(0x0000))).toEqual([]);
    expect(endCodeWarnings(splitEndCode(0x0040))).toEqual([expect.stringMatching(/non-fatal CPU error.*low battery/)]);
    expect(endCodeWarnings(splitEndCode(0x80c0))).toHaveLength(3);
  });

  it('FinsEndCodeError carries main and sub code and a readable message', () => {
    const error = new FinsEndCodeError(0x1103);
    expect(error).toMatchObject({ code: 0x1103, mainCode: 0x11, subCode: 0x03, message: 'FINS end code 0x1103 (address range error)' });
    expect(new FinsEndCodeError(0x3001).message).toBe('unknown FINS end code 0x3001');
  });
});
