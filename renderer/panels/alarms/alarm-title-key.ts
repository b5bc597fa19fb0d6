import type { Alarm } from '../../../shared/domain';

const CONNECTION_TARGETS = ['odoo', 'plc', 'database'];

/**
 * The message key of an alarm's operator title (locales/<language>/alarms.json): by kind, and for a
 * lost connection by what was lost (key `connection-down:plc`). Nested, not "kind.connection-down:plc":
 * i18next reads a colon as a namespace.
 */
export function alarmTitleKey(alarm: Pick<Alarm, 'key' | 'kind'>): string {
  if (alarm.kind !== 'connection-down') return `kind.${alarm.kind}`;
  const target = alarm.key.split(':')[1] ?? '';
  return `kind.connection-down.${CONNECTION_TARGETS.includes(target) ? target : 'any'}`;
}
