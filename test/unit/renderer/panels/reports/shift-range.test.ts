import { describe, expect, it } from 'vitest';
import { productionDay, shiftAt, shiftPeriod } from '../../../../../renderer/panels/reports/shift-range';
import { kgPerShift } from '../../../../../renderer/panels/reports/throughput-series';

/** Expectations in the machine's own zone, like the console's: a local hour as an ISO instant. */
const local = (year: number, month: number, day: number, hour: number): string => new Date(year, month - 1, day, hour).toISOString();

describe('the plant shifts 06–14, 14–22, 22–06 in local time', () => {
  it('gives each shift of a day its eight hours', () => {
    expect(shiftPeriod('2026-11-28', 'early')).toEqual({ from: local(2026, 11, 28, 6), to: local(2026, 11, 28, 14) });
    expect(shiftPeriod('2026-11-28', 'late')).toEqual({ from: local(2026, 11, 28, 14), to: local(2026, 11, 28, 22) });
  });

  it('ends the night shift the next morning, across a month and a year end', () => {
    expect(shiftPeriod('2026-11-28', 'night')).toEqual({ from: local(2026, 11, 28, 22), to: local(2026, 11, 29, 6) });
    expect(shiftPeriod('2026-11-30', 'night')).toEqual({ from: local(2026, 11, 30, 22), to: local(2026, 12, 1, 6) });
    expect(shiftPeriod('2026-12-31', 'night').to).toBe(local(2027, 1, 1, 6));
  });

  it('counts 02:00 as the night shift of the day before, and 06:00 as the new day’s morning', () => {
    expect(shiftAt(new Date(2026, 11, 1, 2))).toEqual({ day: '2026-11-30', shift: 'night' });
    expect(shiftAt(new Date(2026, 11, 1, 6))).toEqual({ day: '2026-12-01', shift: 'early' });
    expect(shiftAt(new Date(2026, 11, 1, 13, 59))).toEqual({ day: '2026-12-01', shift: 'early' });
    expect(shiftAt(new Date(2026, 11, 1, 22))).toEqual({ day: '2026-12-01', shift: 'night' });
  });

  it('makes a production day of the three shifts, 06:00 to 06:00', () => {
    expect(productionDay('2026-11-28')).toEqual({ from: local(2026, 11, 28, 6), to: local(2026, 11, 29, 6) });
  });

  it('refuses a day that is not a date', () => {
    expect(() => shiftPeriod('28/11/2026', 'early')).toThrow(/not a day/);
  });
});

describe('kg per silo per shift from hourly buckets', () => {
  it('sums the hours of the night shift on both sides of midnight into one shift', () => {
    const bucket = (hour: string, kg: number) => ({ hour, waves: 0, completed: 0, kgByEquipment: { 101: kg } });
    const totals = kgPerShift([
      bucket(local(2026, 11, 29, 1), 50),
      bucket(local(2026, 11, 28, 23), 100),
      bucket(local(2026, 11, 28, 13), 7),
    ]);

    expect(totals).toEqual([
      { day: '2026-11-28', shift: 'early', kgByEquipment: { 101: 7 } },
      { day: '2026-11-28', shift: 'night', kgByEquipment: { 101: 150 } },
    ]);
  });
});
