/**
 * The plant's three shifts, 06–14, 14–22 and 22–06, in the station's local
 * time. The night shift belongs to the day it starts on: the 28th's night
 * shift ends at 06:00 on the 29th, and 02:00 on the 29th is still in it.
 */
export const SHIFTS = ['early', 'late', 'night'] as const;
export type Shift = (typeof SHIFTS)[number];

const START_HOUR: Record<Shift, number> = { early: 6, late: 14, night: 22 };
const SHIFT_HOURS = 8;

export interface Period {
  /** ISO instants, [from, to). */
  from: string;
  to: string;
}

/** `day` is a local date as a date input holds it, 'YYYY-MM-DD'. */
export function shiftPeriod(day: string, shift: Shift): Period {
  const start = localHour(day, START_HOUR[shift]);
  return { from: start.toISOString(), to: addHours(start, SHIFT_HOURS).toISOString() };
}

/** The production day: its early shift's start to the next morning's, all three shifts. */
export function productionDay(day: string): Period {
  const start = localHour(day, START_HOUR.early);
  return { from: start.toISOString(), to: addHours(start, 3 * SHIFT_HOURS).toISOString() };
}

/** The shift a moment falls in, and the production day it belongs to. */
export function shiftAt(moment: Date): { day: string; shift: Shift } {
  const hour = moment.getHours();
  if (hour < START_HOUR.early) return { day: localDay(new Date(moment.getFullYear(), moment.getMonth(), moment.getDate() - 1)), shift: 'night' };
  const shift: Shift = hour < START_HOUR.late ? 'early' : hour < START_HOUR.night ? 'late' : 'night';
  return { day: localDay(moment), shift };
}

/** 'YYYY-MM-DD' of a moment in local time. */
export function localDay(moment: Date): string {
  return `${moment.getFullYear()}-${twoDigits(moment.getMonth() + 1)}-${twoDigits(moment.getDate())}`;
}

function localHour(day: string, hour: number): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`not a day: '${day}'`);
  // The Date constructor carries day and month overflow, so 22:00 + 8 h crosses midnight and month ends correctly.
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour);
}

function addHours(moment: Date, hours: number): Date {
  return new Date(moment.getFullYear(), moment.getMonth(), moment.getDate(), moment.getHours() + hours);
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
