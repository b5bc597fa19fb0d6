import { describe, expect, it } from 'vitest';
import { interval, kilograms, localTime } from '../../../renderer/format/display';

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
  });
});
