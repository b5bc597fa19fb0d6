/**
 * Which alarms the live region announces: each raise of a cause once, not the
 * whole list on every snapshot (the engine pushes one every few seconds). A
 * raise is the alarm's key plus its occurrence count, so a cause that comes
 * back (occurrences + 1, or listed anew after it went normal) is news again.
 */
import type { Alarm } from '../../../shared/domain';

export interface AlarmNews {
  /** Newly raised and unacknowledged, as listed (highest priority first). */
  announce: Alarm[];
  /** The raises seen so far: pass it to the next call. */
  seen: ReadonlySet<string>;
}

/**
 * `seen` is null before the first list arrives: the alarms already standing when
 * the screen opens are on the banner, and announcing them all at once would bury
 * the next real news.
 */
export function alarmNews(seen: ReadonlySet<string> | null, alarms: readonly Alarm[]): AlarmNews {
  const current = new Set(alarms.map(raiseOf));
  if (seen === null) return { announce: [], seen: current };
  return { announce: alarms.filter((alarm) => alarm.state === 'unacknowledged' && !seen.has(raiseOf(alarm))), seen: current };
}

function raiseOf(alarm: Alarm): string {
  return `${alarm.key}#${alarm.occurrences}`;
}
