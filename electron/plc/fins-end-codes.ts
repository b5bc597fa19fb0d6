/**
 * FINS end codes (MRES/SRES) and their flag bits — ../shared/plant/fins.md §3.1.
 *
 * The 16-bit end code may carry flags on top of the real code: bit 15 network
 * relay error, bit 7 fatal CPU error, bit 6 non-fatal CPU error. The old
 * middleware compared the raw value with 0000, so a PLC with a low battery
 * (non-fatal CPU error, 0x0040) failed every request. We mask with 0x7F3F and
 * report the flags as warnings instead. Masking also explains the code the old
 * middleware labelled "9005" and ../shared/plant/fins.md could not find in Omron's tables:
 * it is 1005 (header error) with the network relay error flag set.
 */

export const NORMAL_COMPLETION = 0x0000;

const END_CODE_MASK = 0x7f3f;
const RELAY_ERROR_FLAG = 0x8000;
const FATAL_CPU_ERROR_FLAG = 0x0080;
const NON_FATAL_CPU_ERROR_FLAG = 0x0040;

const END_CODE_MESSAGES: ReadonlyMap<number, string> = new Map([
  [0x0000, 'normal completion'],
  [0x0001, 'service cancelled'],
  [0x0101, 'local node not in network'],
  [0x0102, 'token timeout'],
  [0x0103, 'retries failed'],
  [0x0104, 'too many send frames'],
  [0x0105, 'node address range error'],
  [0x0106, 'node address duplication'],
  [0x0201, 'destination node not in network'],
  [0x0202, 'unit missing'],
  [0x0203, 'third node missing'],
  [0x0204, 'destination node busy'],
  [0x0205, 'response timeout'],
  [0x0301, 'communications controller error'],
  [0x0302, 'CPU unit error'],
  [0x0303, 'controller error'],
  [0x0304, 'unit number error'],
  [0x0401, 'undefined command'],
  [0x0402, 'command not supported by this model/version'],
  [0x0501, 'destination address setting error'],
  [0x0502, 'no routing tables'],
  [0x0503, 'routing table error'],
  [0x0504, 'too many relays'],
  [0x1001, 'command too long'],
  [0x1002, 'command too short'],
  [0x1003, 'element count / data count mismatch'],
  [0x1004, 'command format error'],
  [0x1005, 'header error'],
  [0x1101, 'area classification missing — bad area code'],
  [0x1102, 'access size error'],
  [0x1103, 'address range error'],
  [0x1104, 'address range exceeded'],
  [0x1106, 'program missing'],
  [0x1109, 'relational error'],
  [0x110a, 'duplicate data access'],
  [0x110b, 'response too long'],
  [0x110c, 'parameter error'],
  [0x2002, 'protected'],
  [0x2003, 'table missing'],
  [0x2004, 'data missing'],
  [0x2005, 'program missing'],
  [0x2006, 'file missing'],
  [0x2007, 'data mismatch'],
  [0x2101, 'write not possible — read-only area'],
]);

/**
 * Main classes ../shared/plant/fins.md names without listing every sub-code: an operator
 * still learns the kind of problem when the exact code is not in our table.
 */
const END_CODE_CLASSES: ReadonlyMap<number, string> = new Map([
  [0x21, 'write not possible'],
  [0x22, 'wrong operating mode or status'],
  [0x23, 'environment error (no memory, no clock)'],
  [0x25, 'unit error'],
  [0x26, 'unit error'],
]);

export interface EndCodeStatus {
  /** The end code with flag bits removed (0x0000 = normal completion). */
  code: number;
  /** The 16 bits as received. */
  raw: number;
  relayError: boolean;
  fatalCpuError: boolean;
  nonFatalCpuError: boolean;
}

export function splitEndCode(raw: number): EndCodeStatus {
  return {
    code: raw & END_CODE_MASK,
    raw,
    relayError: (raw & RELAY_ERROR_FLAG) !== 0,
    fatalCpuError: (raw & FATAL_CPU_ERROR_FLAG) !== 0,
    nonFatalCpuError: (raw & NON_FATAL_CPU_ERROR_FLAG) !== 0,
  };
}

/** Operator-readable warnings for the flag bits; empty when none is set. Same flags, same text. */
export function endCodeWarnings(status: EndCodeStatus): string[] {
  const warnings: string[] = [];
  if (status.relayError) warnings.push('PLC reports a network relay error (end code flag 0x8000)');
  if (status.fatalCpuError) warnings.push("PLC reports a fatal CPU error (end code flag 0x0080); check the CPU's error log");
  if (status.nonFatalCpuError) {
    warnings.push("PLC reports a non-fatal CPU error (end code flag 0x0040), e.g. low battery; check the CPU's error log");
  }
  return warnings;
}

/** "address range error" for a known (masked) code, "unknown FINS end code 0x3001" otherwise. */
export function describeEndCode(code: number): string {
  const known = END_CODE_MESSAGES.get(code);
  if (known !== undefined) return known;
  const unknown = `unknown FINS end code 0x${hex4(code)}`;
  const mainClass = END_CODE_CLASSES.get(code >> 8);
  return mainClass === undefined ? unknown : `${unknown} (class ${hex2(code >> 8)}xx: ${mainClass})`;
}

/** A FINS command the PLC answered with an error end code (flags already masked off). */
export class FinsEndCodeError extends Error {
  readonly code: number;
  readonly mainCode: number;
  readonly subCode: number;

  constructor(code: number) {
    const known = END_CODE_MESSAGES.has(code);
    super(known ? `FINS end code 0x${hex4(code)} (${describeEndCode(code)})` : describeEndCode(code));
    this.name = 'FinsEndCodeError';
    this.code = code;
    this.mainCode = code >> 8;
    this.subCode = code & 0xff;
  }
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
