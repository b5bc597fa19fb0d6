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

/**
 * A time of day as the plant's clocks show it, 24 h: "08:14:05" (or "08:14").
 * When it is not the same local day as `reference` (the snapshot's time) the
 * date is written too, so "offline since 08:14" never hides a day.
 */
export function clockTime(iso: string, reference: string, precision: 'seconds' | 'minutes' = 'seconds'): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const parts = [time.getHours(), time.getMinutes(), ...(precision === 'seconds' ? [time.getSeconds()] : [])];
  const clock = parts.map(twoDigits).join(':');
  const day = localDate(time);
  const referenceTime = new Date(reference);
  return Number.isNaN(referenceTime.getTime()) || localDate(referenceTime) !== day ? `${day} ${clock}` : clock;
}

/** A span of time short enough to read at a glance: "120 ms", "4.2 s", "35 s", "12 min", "2 h 5 min". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

function localDate(time: Date): string {
  return `${time.getFullYear()}-${twoDigits(time.getMonth() + 1)}-${twoDigits(time.getDate())}`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
