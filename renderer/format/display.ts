/** How times and weights read on the console: the operator's local time, kilograms to one decimal. */

const NOTHING = '—';

export function localTime(iso: string | null | undefined): string {
  if (!iso) return NOTHING;
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function kilograms(value: number | null | undefined): string {
  return value === null || value === undefined ? NOTHING : value.toLocaleString(undefined, { maximumFractionDigits: 1 });
}

/** A task interval as an operator says it: "20 s", "5 min", "24 h". The demo runs tasks every few seconds. */
export function interval(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
