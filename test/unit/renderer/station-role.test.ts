import { describe, expect, it } from 'vitest';
import { DRIVER_ONLY_TASKS } from '../../../shared/domain';
import { describeStation, driverOnlyRefusal } from '../../../renderer/state/station-role';
import { TASK_NAMES, type AuthorityStatus } from '../../../shared/domain';
import { inLanguage } from './i18n-fixture';

const { t, format } = inLanguage('en');
const station = (name: string, authority: AuthorityStatus) => describeStation(name, authority, NOW, t, format);
const refusal = (task: (typeof TASK_NAMES)[number], authority: AuthorityStatus) => driverOnlyRefusal(task, authority, t);

const local = (day: number, hours: number, minutes: number) => new Date(2026, 10, day, hours, minutes, 0).toISOString();
const NOW = local(28, 9, 0);

const driver = { station: 'A-12', since: local(28, 8, 14), heartbeatAt: local(28, 8, 59) };
const standalone: AuthorityStatus = { kind: 'sqlite', offlineSince: null, mirror: null, driver: { ...driver, station: 'L1' }, drivesPlc: true };
const driving: AuthorityStatus = { kind: 'postgres', offlineSince: null, mirror: { lagMs: 0, lastSyncAt: NOW }, driver, drivesPlc: true };
const monitoring: AuthorityStatus = { ...driving, drivesPlc: false };
const unattended: AuthorityStatus = { ...monitoring, driver: null };

describe('describeStation', () => {
  it('shows just the station name when standalone', () => {
    expect(station('L1', standalone)).toEqual({ text: 'L1', tone: 'neutral' });
  });

  it('says when this station drives the PLC', () => {
    expect(station('A-12', driving)).toEqual({ text: 'Station A-12 · drives the PLC', tone: 'good' });
  });

  it('on a monitoring station names the driver and since when', () => {
    expect(station('B-07', monitoring)).toEqual({ text: 'Station B-07 · monitoring — PLC driven by A-12 (since 08:14)', tone: 'neutral' });
  });

  it('dates a lease taken on an earlier day', () => {
    const overnight = { ...monitoring, driver: { ...driver, since: local(27, 22, 5) } };
    expect(station('B-07', overnight).text).toBe('Station B-07 · monitoring — PLC driven by A-12 (since 27/11/2026 22:05)');
  });

  it('warns when nobody drives the PLC', () => {
    expect(station('B-07', unattended)).toEqual({ text: 'Station B-07 · monitoring — nobody drives the PLC', tone: 'warning' });
  });
});

describe('driverOnlyRefusal', () => {
  it('lets the driving station and a standalone one run every task', () => {
    for (const authority of [standalone, driving]) {
      expect(TASK_NAMES.map((task) => refusal(task, authority))).toEqual(TASK_NAMES.map(() => null));
    }
  });

  it('refuses the PLC tasks on a monitoring station, naming who drives, and leaves the rest', () => {
    const refusals = Object.fromEntries(TASK_NAMES.map((task) => [task, refusal(task, monitoring)]));
    expect(refusals).toEqual({
      'mo-sync': null,
      'plc-read': 'driven by A-12',
      complete: 'driven by A-12',
      health: null,
      'equipment-failure': 'driven by A-12',
      'log-cleanup': 'driven by A-12',
    });
    expect(DRIVER_ONLY_TASKS.map((task) => refusal(task, unattended))).toEqual(DRIVER_ONLY_TASKS.map(() => 'nobody drives the PLC'));
  });
});

describe('in Bahasa Indonesia', () => {
  it('names the driver in the operator\'s language', () => {
    const id = inLanguage('id');
    expect(describeStation('B-07', monitoring, NOW, id.t, id.format).text).toBe('Stasiun B-07 · memantau — PLC dikendalikan oleh A-12 (sejak 08.14)');
  });
});
