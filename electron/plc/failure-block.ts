/**
 * The equipment-failure event block D8000–D8022 (../shared/plant/README.md §10,
 * §14.5): equipment code, info text, BCD timestamp in plant local time and the
 * D8022 handshake. A block with broken BCD or an impossible date is reported as
 * an invalid event with its reason, never thrown: the task must log it and go on.
 */
import { blockField, plcMemoryMap, type MapField } from './memory-map';
import { assertWord, decodeBcd, decodeBool, decodeText, encodeBcd, encodeBool, encodeText, WordCodecError, type BcdDigits } from './word-codec';

export interface FailureEvent {
  equipmentCode: string;
  info: string;
  /** 'YYYY-MM-DD HH:MM:SS', plant local time, as the PLC clock gave it. */
  occurredAt: string;
  /** D8022 = 1: the app has acknowledged this event. */
  acknowledged: boolean;
}

export type FailureBlockReading =
  | { kind: 'event'; event: FailureEvent; raw: number[] }
  | { kind: 'none'; raw: number[] }
  | { kind: 'invalid'; reason: string; raw: number[] };

/** Info texts the PLC uses for "nothing happened" (../shared/plant/README.md §10). */
const NO_EVENT_INFO = new Set(['', '0', 'NONE', 'NO_FAILURE', 'NO ERROR', 'NO_ERROR']);

const TIMESTAMP_KEYS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
type TimestampKey = (typeof TIMESTAMP_KEYS)[number];

const block = plcMemoryMap.failure;
const fields = {
  equipmentCode: blockField(block, 'equipment_code'),
  info: blockField(block, 'failure_info'),
  ack: blockField(block, 'status_read_data'),
  ...Object.fromEntries(TIMESTAMP_KEYS.map((key) => [key, blockField(block, key)])),
} as { equipmentCode: MapField; info: MapField; ack: MapField } & Record<TimestampKey, MapField>; // blockField throws for a missing key

export const FAILURE_BLOCK_WORDS = block.lastAddress - block.firstAddress + 1;

export function decodeFailureBlock(words: readonly number[]): FailureBlockReading {
  if (words.length !== FAILURE_BLOCK_WORDS) {
    throw new RangeError(`failure block: expected ${FAILURE_BLOCK_WORDS} words, got ${words.length}`);
  }
  words.forEach((word, i) => assertWord(word, `failure block D${block.firstAddress + i}`));
  const raw = [...words];
  const at = (field: MapField): number[] => raw.slice(field.offset, field.offset + field.words);
  const equipmentCode = decodeText(at(fields.equipmentCode));
  const info = decodeText(at(fields.info));
  if (NO_EVENT_INFO.has(info.toUpperCase())) return { kind: 'none', raw };
  if (equipmentCode === '') return { kind: 'invalid', reason: `failure "${info}" names no equipment code`, raw };

  const parts = {} as Record<TimestampKey, number>;
  for (const key of TIMESTAMP_KEYS) {
    const field = fields[key];
    try {
      parts[key] = decodeBcd(raw[field.offset] ?? 0, bcdDigits(field), `${field.label} (D${block.firstAddress + field.offset})`);
    } catch (error) {
      return { kind: 'invalid', reason: `failure "${info}" on ${equipmentCode}: ${(error as Error).message}`, raw };
    }
  }
  const impossible = impossibleDateReason(parts);
  if (impossible) return { kind: 'invalid', reason: `failure "${info}" on ${equipmentCode}: ${impossible}`, raw };
  return {
    kind: 'event',
    event: { equipmentCode, info, occurredAt: formatTimestamp(parts), acknowledged: decodeBool(raw[fields.ack.offset] ?? 0) },
    raw,
  };
}

/** The block as the PLC writes it with a new event (for the simulator and tests). */
export function encodeFailureBlock(event: FailureEvent): number[] {
  const parts = parseTimestamp(event.occurredAt);
  const words = new Array<number>(FAILURE_BLOCK_WORDS).fill(0);
  const put = (field: MapField, values: readonly number[]): void => {
    words.splice(field.offset, values.length, ...values);
  };
  put(fields.equipmentCode, encodeText(event.equipmentCode, fields.equipmentCode.words, fields.equipmentCode.label, 'reject'));
  put(fields.info, encodeText(event.info, fields.info.words, fields.info.label, 'reject'));
  for (const key of TIMESTAMP_KEYS) {
    put(fields[key], [encodeBcd(parts[key], bcdDigits(fields[key]), fields[key].label)]);
  }
  put(fields.ack, [encodeBool(event.acknowledged)]);
  return words;
}

/** Plant local time of an epoch instant, in the block's 'YYYY-MM-DD HH:MM:SS' form. */
export function plantLocalTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  return formatTimestamp({
    year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(),
    hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(),
  });
}

function bcdDigits(field: MapField): BcdDigits {
  return field.bcdDigits === 4 ? 4 : 2;
}

function formatTimestamp(p: Record<TimestampKey, number>): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

function impossibleDateReason(p: Record<TimestampKey, number>): string | null {
  if (p.month < 1 || p.month > 12) return `impossible date: month ${p.month}`;
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) return `impossible date: ${formatTimestamp(p).slice(0, 10)} (day ${p.day})`;
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return `impossible time: ${formatTimestamp(p).slice(11)}`;
  return null;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function parseTimestamp(text: string): Record<TimestampKey, number> {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new WordCodecError('failure timestamp', `"${text}" is not 'YYYY-MM-DD HH:MM:SS'`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const parts = { year, month, day, hour, minute, second };
  const impossible = impossibleDateReason(parts);
  if (impossible) throw new WordCodecError('failure timestamp', impossible);
  return parts;
}
