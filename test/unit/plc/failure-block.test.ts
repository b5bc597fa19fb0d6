import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import rawMap from '../../../electron/plc/plc-memory-map.json';
import { decodeFailureBlock, encodeFailureBlock, plantLocalTimestamp, type FailureEvent } from '../../../electron/plc/failure-block';
import { blockFieldAddress, plcMemoryMap } from '../../../electron/plc/memory-map';
import { encodeText } from '../../../electron/plc/word-codec';

const block = plcMemoryMap.failure;
const indexOf = (key: string): number => blockFieldAddress(block, key) - block.firstAddress;

const bcdText = z.string().regex(/^0x[0-9A-Fa-f]{4}$/);
/** The plant's sample event from the map's `examples`, BCD words written as hex text. */
const example = z
  .object({
    values: z.object({
      equipment_code: z.string(), failure_info: z.string(), year: bcdText, month: bcdText, day: bcdText,
      hour: bcdText, minute: bcdText, second: bcdText, status_read_data: z.number(),
    }),
  })
  .parse(rawMap.examples.find((e) => e.id === 'failure_event'));

/** The failure block built word by word from the plant's sample event. */
function sampleBlockWords(): number[] {
  const v = example.values;
  const words = new Array<number>(23).fill(0);
  words.splice(indexOf('equipment_code'), 8, ...encodeText(v.equipment_code, 8, 'code', 'reject'));
  words.splice(indexOf('failure_info'), 8, ...encodeText(v.failure_info, 8, 'info', 'reject'));
  for (const key of ['year', 'month', 'day', 'hour', 'minute', 'second'] as const) words[indexOf(key)] = parseInt(v[key], 16);
  words[indexOf('status_read_data')] = v.status_read_data;
  return words;
}

describe('decodeFailureBlock', () => {
  it('decodes the plant’s sample event with its BCD timestamp (fins.md §6.5)', () => {
    const reading = decodeFailureBlock(sampleBlockWords());
    expect(reading).toMatchObject({
      kind: 'event',
      event: { equipmentCode: 'silo101', info: 'START_FAILURE', occurredAt: '2026-02-23 20:22:35', acknowledged: false },
    });
  });

  it('sees the acknowledgement in D8022', () => {
    const words = sampleBlockWords();
    words[indexOf('status_read_data')] = 1;
    expect(decodeFailureBlock(words)).toMatchObject({ kind: 'event', event: { acknowledged: true } });
  });

  it.each(['', '0', 'NONE', 'NO_FAILURE', 'NO ERROR', 'NO_ERROR', 'none'])('treats info %j as no event', (info) => {
    const words = sampleBlockWords();
    words.splice(indexOf('failure_info'), 8, ...encodeText(info, 8, 'info', 'reject'));
    expect(decodeFailureBlock(words).kind).toBe('none');
  });

  it('treats an all-zero block as no event', () => {
    expect(decodeFailureBlock(new Array(23).fill(0)).kind).toBe('none');
  });

  it('reports a bad BCD nibble as an invalid event with the reason', () => {
    const words = sampleBlockWords();
    words[indexOf('minute')] = 0x2a;
    expect(decodeFailureBlock(words)).toMatchObject({
      kind: 'invalid',
      reason: 'failure "START_FAILURE" on silo101: Minute (D8020): 0x002A is not BCD (nibble A is not a decimal digit)',
    });
  });

  it.each([
    ['day', 0x30, 'impossible date: 2026-02-30 (day 30)'],
    ['month', 0x13, 'impossible date: month 13'],
    ['hour', 0x24, 'impossible time: 24:22:35'],
  ])('reports %s = %s as an impossible date', (key, value, reason) => {
    const words = sampleBlockWords();
    words[indexOf(key)] = value;
    expect(decodeFailureBlock(words)).toMatchObject({ kind: 'invalid', reason: `failure "START_FAILURE" on silo101: ${reason}` });
  });

  it('accepts 29 February only in a leap year', () => {
    const words = sampleBlockWords();
    words[indexOf('day')] = 0x29;
    expect(decodeFailureBlock(words).kind).toBe('invalid');
    words[indexOf('year')] = 0x2028;
    expect(decodeFailureBlock(words)).toMatchObject({ kind: 'event', event: { occurredAt: '2028-02-29 20:22:35' } });
  });

  it('reports an event without equipment code as invalid', () => {
    const words = sampleBlockWords();
    words.fill(0, indexOf('equipment_code'), indexOf('equipment_code') + 8);
    expect(decodeFailureBlock(words)).toMatchObject({ kind: 'invalid', reason: 'failure "START_FAILURE" names no equipment code' });
  });

  it('refuses a block of the wrong length', () => {
    expect(() => decodeFailureBlock(new Array(22).fill(0))).toThrow('failure block: expected 23 words, got 22');
  });
});

describe('encodeFailureBlock', () => {
  it('writes what the decoder reads back', () => {
    const event: FailureEvent = { equipmentCode: 'lq114', info: 'MOTOR_FAILURE', occurredAt: '2026-11-28 15:04:59', acknowledged: false };
    const words = encodeFailureBlock(event);
    expect(words[indexOf('year')]).toBe(0x2026);
    expect(words[indexOf('second')]).toBe(0x59);
    expect(decodeFailureBlock(words)).toEqual({ kind: 'event', event, raw: words });
  });

  it('rejects a malformed or impossible timestamp', () => {
    const event = { equipmentCode: 'silo101', info: 'X', acknowledged: false };
    expect(() => encodeFailureBlock({ ...event, occurredAt: '2026-11-28T15:04:59' })).toThrow(/is not 'YYYY-MM-DD HH:MM:SS'/);
    expect(() => encodeFailureBlock({ ...event, occurredAt: '2026-04-31 10:00:00' })).toThrow(/impossible date/);
  });

  it('stamps plant local time from the clock', () => {
    const local = new Date(2026, 1, 23, 20, 22, 35).getTime();
    expect(plantLocalTimestamp(local)).toBe('2026-02-23 20:22:35');
  });
});
