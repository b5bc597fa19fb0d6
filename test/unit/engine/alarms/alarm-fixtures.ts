import type { HealthWarning } from '../../../../shared/domain';
import type { AlarmRecord } from '../../../../electron/store/alarm-records';
import { alarmCauses } from '../../../../electron/engine/alarms/alarm-causes';
import { stepAlarms } from '../../../../electron/engine/alarms/alarm-step';

export const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
export const minutes = (n: number): number => T0 + n * 60_000;
export const iso = (ms: number): string => new Date(ms).toISOString();

export const stuck = (batchNo: number): HealthWarning => ({
  kind: 'stuck-batch',
  batchNo,
  moId: `WH/MO/0000${batchNo}`,
  message: `slot ${batchNo} (WH/MO/0000${batchNo}) has not progressed for 12 min`,
});
export const plcDown: HealthWarning = { kind: 'connection-down', target: 'plc', message: 'plc: request timed out' };
export const odooDown: HealthWarning = { kind: 'connection-down', target: 'odoo', message: 'odoo: connection refused' };

/** The driving station evaluates `warnings` at `at` on top of `alarms`. */
export const evaluate = (alarms: readonly AlarmRecord[], warnings: readonly HealthWarning[], at: number) =>
  stepAlarms(alarms, alarmCauses(warnings), at, 'ST-1');
