import { describe, expect, it } from 'vitest';
import { DRIVER_ONLY_TASKS } from '../../../shared/domain';
import { describeStation, driverOnlyRefusal } from '../../../renderer/state/station-role';
import { TASK_NAMES, type AuthorityStatus } from '../../../shared/domain';

const local = (day: number, hours: number, minutes: number) => new Date(2026, 10, day, hours, minutes, 0).toISOString();
const NOW = local(28, 9, 0);

const driver = { station: 'A-12', since: local(28, 8, 14), heartbeatAt: local(28, 8, 59) };
const standalone: AuthorityStatus = { kind: 'sqlite', offlineSince: null, mirror: null, driver: { ...driver, station: 'L1' }, drivesPlc: true };
const driving: AuthorityStatus = { kind: 'postgres', offlineSince: null, mirror: { lagMs: 0, lastSyncAt: NOW }, driver, drivesPlc: true };
const monitoring: AuthorityStatus = { ...driving, drivesPlc: false };
const unattended: AuthorityStatus = { ...monitoring, driver: null };

describe('describeStation', () => {
  it('shows just the station name when standalone', () => {
    expect(describeStation('L1', standalone, NOW)).toEqual({ text: 'L1', tone: 'neutral' });
  });

  it('says when this station drives the PLC', () => {
    expect(describeStation('A-12', driving, NOW)).toEqual({ text: 'Station A-12 · drives the PLC', tone: 'good' });
  });

  it('on a monitoring station names the driver and since when', () => {
    expect(describeStation('B-07', monitoring, NOW)).toEqual({ text: 'Station B-07 · monitoring — PLC driven by A-12 (since 08:14)', tone: 'neutral' });
  });

  it('dates a lease taken on an earlier day', () => {
    const overnight = { ...monitoring, driver: { ...driver, since: local(27, 22, 5) } };
    expect(describeStation('B-07', overnight, NOW).text).toBe('Station B-07 · monitoring — PLC driven by A-12 (since 2026-11-27 22:05)');
  });

  it('warns when nobody drives the PLC', () => {
    expect(describeStation('B-07', unattended, NOW)).toEqual({ text: 'Station B-07 · monitoring — nobody drives the PLC', tone: 'warning' });
  });
});

describe('driverOnlyRefusal', () => {
  it('lets the driving station and a standalone one run every task', () => {
    for (const authority of [standalone, driving]) {
      expect(TASK_NAMES.map((task) => driverOnlyRefusal(task, authority))).toEqual(TASK_NAMES.map(() => null));
    }
  });

  it('refuses the PLC tasks on a monitoring station, naming who drives, and leaves the rest', () => {
    const refusals = Object.fromEntries(TASK_NAMES.map((task) => [task, driverOnlyRefusal(task, monitoring)]));
    expect(refusals).toEqual({
      'mo-sync': null,
      'plc-read': 'driven by A-12',
      complete: 'driven by A-12',
      health: null,
      'equipment-failure': 'driven by A-12',
      'log-cleanup': 'driven by A-12',
    });
    expect(DRIVER_ONLY_TASKS.map((task) => driverOnlyRefusal(task, unattended))).toEqual(DRIVER_ONLY_TASKS.map(() => 'nobody drives the PLC'));
  });
});
