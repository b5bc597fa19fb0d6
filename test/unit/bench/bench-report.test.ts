import { describe, expect, it } from 'vitest';
import { formatSection, ratio } from '../../../bench/bench-report';
import type { MeasuredSection } from '../../../bench/bench-section';
import { median } from '../../../bench/measure-contender';

const section: MeasuredSection = {
  kind: 'measured',
  title: 'Write a wave',
  profiles: [{ title: 'loopback', latencyMs: 0 }, { title: '2 ms link', latencyMs: 2 }],
  rows: [
    { label: 'protocol minimum', repetitions: 20, frames: 4, reads: 2, writes: 2, medianMs: [0.5, 9] },
    { label: 'naive', repetitions: 5, frames: 382, reads: 1, writes: 381, medianMs: [16, 846] },
  ],
  notes: ['protocol minimum = 4 frames.'],
};

describe('a section table', () => {
  it('puts frames and both wall times next to their ratio against the first row', () => {
    const [header, minimum, naive, note] = formatSection(section).split('\n');
    expect(header?.split(/\s{2,}/)).toEqual(['Write a wave', 'N', 'frames', 'R+W', 'ratio', 'wall ms (loopback)', 'ratio', 'wall ms (2 ms link)', 'ratio']);
    expect(minimum?.trim().split(/\s{2,}/)).toEqual(['protocol minimum', '20', '4', '2+2', '1.00×', '0.50', '1.00×', '9.00', '1.00×']);
    expect(naive?.trim().split(/\s{2,}/)).toEqual(['naive', '5', '382', '1+381', '95.5×', '16.0', '32.0×', '846', '94.0×']);
    expect(note).toBe('  * protocol minimum = 4 frames.');
  });

  it('says why a section did not run', () => {
    expect(formatSection({ kind: 'skipped', title: 'Mirror catch-up', reason: 'no PostgreSQL (PG_URL unset)' })).toBe(
      'Mirror catch-up\n  skipped: no PostgreSQL (PG_URL unset)',
    );
  });

  it('shows no ratio against a zero baseline', () => {
    expect(ratio(3, 0)).toBe('—');
    expect(ratio(382, 4)).toBe('95.5×');
    expect(ratio(1234, 1)).toBe('1234×');
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });
});
