/**
 * Hand-written FINS frame codec for MEMORY AREA READ (0101) and WRITE (0102)
 * on the DM word area — ../shared/plant/fins.md §2–§4, §6.
 *
 * Both directions: the client encodes commands and checks responses; the PLC
 * simulator decodes commands and encodes responses. Everything on the wire is
 * big-endian, one word = high byte first.
 */
import { DM_WORDS } from './dm-memory';
import { splitEndCode, type EndCodeStatus } from './fins-end-codes';

export const MEMORY_AREA_READ = 0x0101;
export const MEMORY_AREA_WRITE = 0x0102;
/** DM area, word access (../shared/plant/fins.md §2: 0x82; 0x02 would be DM bit access). */
const DM_WORD_AREA = 0x82;
/** ../shared/plant/fins.md §4: a FINS frame carries at most 2000 bytes of parameters/data. */
export const MAX_READ_WORDS = 999;
export const MAX_WRITE_WORDS = 997;

const HEADER_BYTES = 10;
const COMMAND_CODE_BYTES = 2;
/** Area code, address (2), bit position, word count (2). */
const MEMORY_AREA_PARAMETER_BYTES = 6;
const MEMORY_COMMAND_BYTES = HEADER_BYTES + COMMAND_CODE_BYTES + MEMORY_AREA_PARAMETER_BYTES;
const RESPONSE_HEADER_BYTES = HEADER_BYTES + COMMAND_CODE_BYTES + 2;
/** ../shared/plant/fins.md §4: header to end of data. */
const MAX_FRAME_BYTES = 2012;
const ICF_RESPONSE_BIT = 0x40;
const ICF_NO_REPLY_BIT = 0x01;
/** ../shared/plant/fins.md §3: a PLC answers with ICF 0xC0 (gateway bit + response bit). */
const RESPONSE_ICF = 0xc0;

/** The 10-byte FINS header (RSV is always 0 and not configurable). */
export interface FinsHeader {
  icf: number;
  gct: number;
  dna: number;
  da1: number;
  da2: number;
  sna: number;
  sa1: number;
  sa2: number;
  sid: number;
}

/** ../shared/plant/fins.md §2: what the plant middleware sends — gateway ICF, GCT 2, PLC node 2, client node 1. */
export const DEFAULT_COMMAND_HEADER: Readonly<FinsHeader> = Object.freeze({
  icf: 0x80,
  gct: 0x02,
  dna: 0x00,
  da1: 0x02,
  da2: 0x00,
  sna: 0x00,
  sa1: 0x01,
  sa2: 0x00,
  sid: 0x00,
});

export interface FinsReadCommand {
  kind: 'read';
  header: FinsHeader;
  address: number;
  count: number;
}

export interface FinsWriteCommand {
  kind: 'write';
  header: FinsHeader;
  address: number;
  words: readonly number[];
}

export type FinsCommand = FinsReadCommand | FinsWriteCommand;

/** The default header with `overrides`, every field checked to be one byte. */
export function commandHeader(overrides: Partial<FinsHeader> = {}): FinsHeader {
  const header = { ...DEFAULT_COMMAND_HEADER, ...overrides };
  for (const [field, value] of Object.entries(header)) {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new RangeError(`FINS header field ${field.toUpperCase()} = ${value} is not a byte (0..255)`);
    }
  }
  return header;
}

export function commandCodeOf(command: FinsCommand): number {
  return command.kind === 'read' ? MEMORY_AREA_READ : MEMORY_AREA_WRITE;
}

export function wordCountOf(command: FinsCommand): number {
  return command.kind === 'read' ? command.count : command.words.length;
}

/** "D7000+77": how errors name the words a command touched. */
export function describeRange(address: number, count: number): string {
  return `D${address}+${count}`;
}

export function encodeCommand(command: FinsCommand): Buffer {
  const header = commandHeader(command.header);
  const count = wordCountOf(command);
  assertDmRange(command.address, count, command.kind === 'read' ? MAX_READ_WORDS : MAX_WRITE_WORDS);
  const data = command.kind === 'write' ? command.words : [];
  const frame = Buffer.alloc(MEMORY_COMMAND_BYTES + 2 * data.length);
  writeHeader(frame, header);
  frame.writeUInt16BE(commandCodeOf(command), HEADER_BYTES);
  frame.writeUInt8(DM_WORD_AREA, 12);
  frame.writeUInt16BE(command.address, 13);
  frame.writeUInt8(0, 15); // bit position: always 0 for word access
  frame.writeUInt16BE(count, 16);
  data.forEach((word, i) => {
    assertWord(word, command.address + i);
    frame.writeUInt16BE(word, MEMORY_COMMAND_BYTES + 2 * i);
  });
  return frame;
}

/** What a PLC makes of a received frame: execute it, answer with an error end code, or ignore it. */
export type DecodedCommand =
  | { kind: 'command'; command: FinsCommand }
  | { kind: 'rejected'; header: FinsHeader; commandCode: number; endCode: number; reason: string }
  | { kind: 'ignored'; reason: string };

export function decodeCommand(frame: Uint8Array): DecodedCommand {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (bytes.length < HEADER_BYTES + COMMAND_CODE_BYTES) {
    return { kind: 'ignored', reason: `${bytes.length}-byte frame is too short to hold a FINS command` };
  }
  const header = readHeader(bytes);
  if ((header.icf & ICF_RESPONSE_BIT) !== 0) {
    return { kind: 'ignored', reason: `ICF 0x${header.icf.toString(16)} marks a response, not a command` };
  }
  const commandCode = bytes.readUInt16BE(HEADER_BYTES);
  const reject = (endCode: number, reason: string): DecodedCommand => ({ kind: 'rejected', header, commandCode, endCode, reason });
  if (commandCode !== MEMORY_AREA_READ && commandCode !== MEMORY_AREA_WRITE) {
    return reject(0x0401, `command ${commandCode.toString(16).padStart(4, '0')} is not supported`);
  }
  if (bytes.length < MEMORY_COMMAND_BYTES) return reject(0x1002, `${bytes.length}-byte memory area command is too short`);
  if (bytes.length > MAX_FRAME_BYTES) return reject(0x1001, `${bytes.length}-byte command exceeds ${MAX_FRAME_BYTES} bytes`);
  const area = bytes.readUInt8(12);
  const address = bytes.readUInt16BE(13);
  const bit = bytes.readUInt8(15);
  const count = bytes.readUInt16BE(16);
  if (area !== DM_WORD_AREA) return reject(0x1101, `area code 0x${area.toString(16)} is not DM words (0x82)`);
  if (address >= DM_WORDS || bit !== 0) return reject(0x1103, `start D${address} bit ${bit} is not a DM word address`);
  if (count === 0 || address + count > DM_WORDS) return reject(0x1104, `${describeRange(address, count)} runs past D${DM_WORDS - 1}`);
  if (commandCode === MEMORY_AREA_READ) {
    if (bytes.length !== MEMORY_COMMAND_BYTES) return reject(0x1001, 'read command carries data');
    if (count > MAX_READ_WORDS) return reject(0x110b, `${count} words exceed the ${MAX_READ_WORDS}-word response limit`);
    return { kind: 'command', command: { kind: 'read', header, address, count } };
  }
  const dataBytes = bytes.length - MEMORY_COMMAND_BYTES;
  if (dataBytes !== 2 * count) return reject(0x1003, `write of ${count} words carries ${dataBytes} data bytes`);
  return { kind: 'command', command: { kind: 'write', header, address, words: readWords(bytes, MEMORY_COMMAND_BYTES, count) } };
}

/** Whether the command asked for no reply (ICF bit 0). */
export function wantsReply(header: FinsHeader): boolean {
  return (header.icf & ICF_NO_REPLY_BIT) === 0;
}

export interface FinsReply {
  /** Header of the command being answered. */
  to: FinsHeader;
  commandCode: number;
  endCode: number;
  /** Read data; omitted for writes and error replies. */
  words?: readonly number[];
}

/** A PLC's answer: ICF 0xC0, source and destination swapped, SID and MRC/SRC echoed. */
export function encodeResponse(reply: FinsReply): Buffer {
  const words = reply.words ?? [];
  const frame = Buffer.alloc(RESPONSE_HEADER_BYTES + 2 * words.length);
  const { to } = reply;
  writeHeader(frame, { icf: RESPONSE_ICF, gct: to.gct, dna: to.sna, da1: to.sa1, da2: to.sa2, sna: to.dna, sa1: to.da1, sa2: to.da2, sid: to.sid });
  frame.writeUInt16BE(reply.commandCode, HEADER_BYTES);
  frame.writeUInt16BE(reply.endCode, HEADER_BYTES + COMMAND_CODE_BYTES);
  words.forEach((word, i) => frame.writeUInt16BE(word, RESPONSE_HEADER_BYTES + 2 * i));
  return frame;
}

/**
 * Why a received frame is not the answer to the command in flight:
 * - malformed: too short or not a response at all;
 * - late: a well-formed response with another SID (an earlier attempt's answer, a duplicate);
 * - foreign: right SID but another command or another node answered;
 * - bad-data: our answer, but the read data does not have 2·n bytes.
 */
export type ResponseProblem = 'malformed' | 'late' | 'foreign' | 'bad-data';

export type ResponseCheck =
  | { ok: true; endCode: EndCodeStatus; words: number[] }
  | { ok: false; problem: ResponseProblem; reason: string };

export function decodeResponse(frame: Uint8Array, sent: FinsCommand): ResponseCheck {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const fail = (problem: ResponseProblem, reason: string): ResponseCheck => ({ ok: false, problem, reason });
  if (bytes.length < RESPONSE_HEADER_BYTES) return fail('malformed', `${bytes.length}-byte frame is shorter than a FINS response (14 bytes)`);
  const header = readHeader(bytes);
  if ((header.icf & ICF_RESPONSE_BIT) === 0) return fail('malformed', `ICF 0x${header.icf.toString(16)} is not a response`);
  if (header.sid !== sent.header.sid) return fail('late', `SID ${header.sid} does not match the request's SID ${sent.header.sid}`);
  const commandCode = bytes.readUInt16BE(HEADER_BYTES);
  const expectedCode = commandCodeOf(sent);
  if (commandCode !== expectedCode) {
    return fail('foreign', `command ${hex(commandCode)} echoed for a ${hex(expectedCode)} request`);
  }
  const routeProblem = describeRouteMismatch(header, sent.header);
  if (routeProblem) return fail('foreign', routeProblem);
  const endCode = splitEndCode(bytes.readUInt16BE(HEADER_BYTES + COMMAND_CODE_BYTES));
  const dataBytes = bytes.length - RESPONSE_HEADER_BYTES;
  const expectedBytes = endCode.code === 0 && sent.kind === 'read' ? 2 * sent.count : 0;
  if (endCode.code === 0 && dataBytes !== expectedBytes) {
    return fail('bad-data', `response carries ${dataBytes} data bytes, expected ${expectedBytes}`);
  }
  return { ok: true, endCode, words: readWords(bytes, RESPONSE_HEADER_BYTES, expectedBytes / 2) };
}

/** ../shared/plant/fins.md §3: the response's destination is our source and its source is the node we addressed. */
function describeRouteMismatch(response: FinsHeader, command: FinsHeader): string | null {
  const answeredBy = [response.sna, response.sa1, response.sa2];
  const addressed = [command.dna, command.da1, command.da2];
  const answeredTo = [response.dna, response.da1, response.da2];
  const sentFrom = [command.sna, command.sa1, command.sa2];
  if (!sameNodes(answeredBy, addressed)) return `answered by node ${answeredBy.join('.')}, request went to ${addressed.join('.')}`;
  if (!sameNodes(answeredTo, sentFrom)) return `addressed to node ${answeredTo.join('.')}, request came from ${sentFrom.join('.')}`;
  return null;
}

function sameNodes(a: number[], b: number[]): boolean {
  return a.every((value, i) => value === b[i]);
}

function assertDmRange(address: number, count: number, maxCount: number): void {
  if (!Number.isInteger(address) || address < 0 || address >= DM_WORDS) {
    throw new RangeError(`DM address ${address} is outside D0..D${DM_WORDS - 1}`);
  }
  if (!Number.isInteger(count) || count < 1 || count > maxCount) {
    throw new RangeError(`word count ${count} is outside 1..${maxCount} for one FINS frame`);
  }
  if (address + count > DM_WORDS) {
    throw new RangeError(`${describeRange(address, count)} runs past D${DM_WORDS - 1}`);
  }
}

function assertWord(word: number, address: number): void {
  if (!Number.isInteger(word) || word < 0 || word > 0xffff) {
    throw new RangeError(`D${address}: ${word} is not a 16-bit word (0..65535)`);
  }
}

function writeHeader(frame: Buffer, header: FinsHeader): void {
  const bytes = [header.icf, 0, header.gct, header.dna, header.da1, header.da2, header.sna, header.sa1, header.sa2, header.sid];
  bytes.forEach((value, i) => frame.writeUInt8(value, i));
}

function readHeader(bytes: Buffer): FinsHeader {
  return {
    icf: bytes.readUInt8(0),
    gct: bytes.readUInt8(2),
    dna: bytes.readUInt8(3),
    da1: bytes.readUInt8(4),
    da2: bytes.readUInt8(5),
    sna: bytes.readUInt8(6),
    sa1: bytes.readUInt8(7),
    sa2: bytes.readUInt8(8),
    sid: bytes.readUInt8(9),
  };
}

function readWords(bytes: Buffer, offset: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => bytes.readUInt16BE(offset + 2 * i));
}

function hex(code: number): string {
  return code.toString(16).padStart(4, '0');
}
