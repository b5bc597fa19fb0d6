/**
 * One alarm per cause (ISA-18.2): the health warnings grouped by what causes them. Ten stuck
 * batches are one "stuck batch" alarm listing the ten, not ten alarms an operator acknowledges one
 * by one; each connection that is down is a cause of its own (the PLC and Odoo fail apart).
 */
import type { Alarm, AlarmKind, AlarmPriority, HealthWarning } from '../../../shared/domain';
import { affectedEntry } from '../../store/alarm-records';

/**
 * ISA-18.2 priority by the consequence of not acting and the time there is to act.
 * | cause | priority | why |
 * |---|---|---|
 * | wave-unconfirmed | high | the gate is closed until an operator hands over or withdraws the wave; a wrong guess doses an MO twice or never |
 * | quarantined-push | high | a booking or cancel Odoo may or may not have taken: stock in Odoo is wrong until someone checks |
 * | connection-down:plc | high | nothing the PLC doses is read, booked or archived; new waves cannot be handed over |
 * | connection-down:database | high | the authority is away: no wave is fetched, the console shows the last known state |
 * | connection-down:odoo | medium | the PLC doses on; bookings wait in the outbox and are sent when Odoo answers |
 * | failed-batch, stuck-batch, wave-not-started, stale-plc-read | medium | production is held up, not lost: act within the shift's next minutes |
 * | unreportable-batch, implausible-value | medium | one batch waits for an operator's decision (archive, or a clean reading) |
 * | odoo-backlog | low | only slows every sync; close the MOs in Odoo when convenient |
 */
const PRIORITY_BY_KIND: Record<AlarmKind, AlarmPriority> = {
  'wave-unconfirmed': 'high',
  'quarantined-push': 'high',
  'connection-down': 'medium',
  'failed-batch': 'medium',
  'stuck-batch': 'medium',
  'unreportable-batch': 'medium',
  'implausible-value': 'medium',
  'wave-not-started': 'medium',
  'stale-plc-read': 'medium',
  'odoo-backlog': 'low',
};
const HIGH_WHEN_DOWN = new Set(['plc', 'database']);

export interface AlarmCause {
  key: string;
  kind: AlarmKind;
  priority: AlarmPriority;
  message: string;
  affected: Alarm['affected'];
}

function alarmKey(warning: HealthWarning): string {
  return warning.kind === 'connection-down' && warning.target ? `${warning.kind}:${warning.target}` : warning.kind;
}

function priorityOf(warning: HealthWarning): AlarmPriority {
  if (warning.kind === 'connection-down' && warning.target && HIGH_WHEN_DOWN.has(warning.target)) return 'high';
  return PRIORITY_BY_KIND[warning.kind];
}

export function alarmCauses(warnings: readonly HealthWarning[]): AlarmCause[] {
  const byKey = new Map<string, HealthWarning[]>();
  for (const warning of warnings) {
    const key = alarmKey(warning);
    byKey.set(key, [...(byKey.get(key) ?? []), warning]);
  }
  return [...byKey].map(([key, group]) => {
    const [first] = group as [HealthWarning, ...HealthWarning[]];
    return {
      key,
      kind: first.kind,
      priority: priorityOf(first),
      message: group.length === 1 ? first.message : `${first.message} (and ${group.length - 1} more)`,
      affected: group.map(affectedEntry),
    };
  });
}
