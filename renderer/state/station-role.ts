/**
 * What this station's role means on screen (../shared/DESIGN.md "Data: who is
 * the authority"): in the plant one station holds the lease and drives the
 * PLC, the others monitor. Standalone, the one station always drives.
 */
import type { TFunction } from 'i18next';
import { DRIVER_ONLY_TASKS, type AuthorityStatus, type TaskName } from '../../shared/domain';
import type { Formatter } from '../format/locale-format';
import type { Tone } from './sync-outcome';

export interface StationLine {
  text: string;
  tone: Tone;
}

/** "Station B-07 · monitoring — PLC driven by A-12 (since 08:14)"; just the name when standalone. */
export function describeStation(station: string, authority: AuthorityStatus, reference: string, t: TFunction, format: Formatter): StationLine {
  if (authority.kind === 'sqlite') return { text: station, tone: 'neutral' };
  if (authority.drivesPlc) return { text: t('shell:station.drives', { station }), tone: 'good' };
  if (authority.driver === null) return { text: t('shell:station.nobodyDrives', { station }), tone: 'warning' };
  const since = format.dateTime(authority.driver.since, reference, 'minutes');
  return { text: t('shell:station.monitoring', { station, driver: authority.driver.station, since }), tone: 'neutral' };
}

/**
 * Why this station may not run `task` by hand ("driven by A-12"), or null when it may. These tasks
 * talk to the PLC or report its batches, so only the station driving the PLC runs them; the engine
 * refuses them on a monitoring station. Sync now is not among them: it goes through the gate's lock on any station.
 */
export function driverOnlyRefusal(task: TaskName, authority: AuthorityStatus, t: TFunction): string | null {
  if (authority.drivesPlc || !(DRIVER_ONLY_TASKS as readonly TaskName[]).includes(task)) return null;
  return authority.driver === null ? t('shell:station.refusalNobody') : t('shell:station.refusalDriven', { driver: authority.driver.station });
}
