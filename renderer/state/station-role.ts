/**
 * What this station's role means on screen (../shared/DESIGN.md "Data: who is
 * the authority"): in the plant one station holds the lease and drives the
 * PLC, the others monitor. Standalone, the one station always drives.
 */
import { DRIVER_ONLY_TASKS, type AuthorityStatus, type TaskName } from '../../shared/domain';
import { clockTime } from '../format/display';
import type { Tone } from './sync-outcome';

export interface StationLine {
  text: string;
  tone: Tone;
}

/**
 * Tasks that talk to the PLC or report its batches, so only the station
 * driving the PLC runs them; the engine refuses them on a monitoring
 * station. Sync now is not here: it goes through the gate's lock on any station.
 */

/** "Station B-07 · monitoring — PLC driven by A-12 (since 08:14)"; just the name when standalone. */
export function describeStation(station: string, authority: AuthorityStatus, reference: string): StationLine {
  if (authority.kind === 'sqlite') return { text: station, tone: 'neutral' };
  const name = `Station ${station}`;
  if (authority.drivesPlc) return { text: `${name} · drives the PLC`, tone: 'good' };
  if (authority.driver === null) return { text: `${name} · monitoring — nobody drives the PLC`, tone: 'warning' };
  const since = clockTime(authority.driver.since, reference, 'minutes');
  return { text: `${name} · monitoring — PLC driven by ${authority.driver.station} (since ${since})`, tone: 'neutral' };
}

/** Why this station may not run `task` by hand ("driven by A-12"), or null when it may. */
export function driverOnlyRefusal(task: TaskName, authority: AuthorityStatus): string | null {
  if (authority.drivesPlc || !(DRIVER_ONLY_TASKS as readonly TaskName[]).includes(task)) return null;
  return authority.driver === null ? 'nobody drives the PLC' : `driven by ${authority.driver.station}`;
}
