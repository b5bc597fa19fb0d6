import { describe, expect, it } from 'vitest';
import { formatOdooDateTime } from '../../../electron/odoo/odoo-datetime';

describe('dates sent to Odoo', () => {
  it('are YYYY-MM-DD HH:MM:SS in plant local time', () => {
    expect(formatOdooDateTime(new Date(2026, 1, 23, 20, 22, 35))).toBe('2026-02-23 20:22:35');
    expect(formatOdooDateTime(new Date(2026, 0, 5, 7, 3, 9, 999))).toBe('2026-01-05 07:03:09');
  });

  it('refuse an invalid date', () => {
    expect(() => formatOdooDateTime(new Date('not a date'))).toThrow(RangeError);
  });
});
