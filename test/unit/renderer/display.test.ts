import { describe, expect, it } from 'vitest';
import { clockTime, duration, interval, kilograms, localTime } from '../../../renderer/format/display';

/** An ISO time at a local wall-clock time, so the expectations hold in any time zone. */
const local = (day: number, hours: number, minutes: number, seconds: number) => new Date(2026, 10, day, hours, minutes, seconds).toISOString();

describe('display formats', () => {
  it('says task intervals the way an operator would', () => {
    expect([0.05, 0.5, 5, 60, 90, 1440].map(interval)).toEqual(['3 s', '30 s', '5 min', '1 h', '90 min', '24 h']);
  });

  it('shows a dash for values the PLC has not reported yet', () => {
    expect(kilograms(null)).toBe('—');
    expect(localTime(null)).toBe('—');
  });

  it('keeps a time it cannot read as written rather than showing "Invalid Date"', () => {
    expect(localTime('not a time')).toBe('not a time');
    expect(clockTime('not a time', local(28, 9, 0, 0))).toBe('not a time');
  });
});

describe('clockTime', () => {
  const reference = local(28, 9, 30, 0);

  it('reads like the plant clock, 24 h, to the second or the minute', () => {
    expect(clockTime(local(28, 8, 14, 5), reference)).toBe('08:14:05');
    expect(clockTime(local(28, 8, 14, 5), reference, 'minutes')).toBe('08:14');
    expect(clockTime(local(28, 0, 3, 9), reference)).toBe('00:03:09');
    expect(clockTime(local(28, 23, 59, 59), reference)).toBe('23:59:59');
  });

  it('adds the date when the time is not on the same day, so "since 08:14" never hides a day', () => {
    expect(clockTime(local(27, 22, 5, 0), reference, 'minutes')).toBe('2026-11-27 22:05');
    expect(clockTime(local(28, 8, 14, 5), 'no reference')).toBe('2026-11-28 08:14:05');
  });
});

describe('duration', () => {
  it.each([
    [0, '0 ms'],
    [120, '120 ms'],
    [999.6, '1000 ms'],
    [1000, '1 s'],
    [4_240, '4.2 s'],
    [35_900, '35 s'],
    [60_000, '1 min'],
    [12 * 60_000 + 59_000, '12 min'],
    [2 * 3_600_000, '2 h'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
