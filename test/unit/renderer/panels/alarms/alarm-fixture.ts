import type { Alarm, AlarmKind } from '../../../../../shared/domain';

/** Every HealthWarning kind, i.e. every alarm cause the engine can raise. */
export const HEALTH_KINDS: AlarmKind[] = [
  'stuck-batch',
  'wave-not-started',
  'stale-plc-read',
  'failed-batch',
  'unreportable-batch',
  'quarantined-push',
  'implausible-value',
  'connection-down',
  'wave-unconfirmed',
  'odoo-backlog',
];

/** An active, unacknowledged medium alarm for `key`, raised once; override what a test is about. */
export function alarm(key: string, overrides: Partial<Alarm> = {}): Alarm {
  return {
    key,
    kind: (key.split(':')[0] ?? key) as AlarmKind,
    priority: 'medium',
    state: 'unacknowledged',
    active: true,
    message: `${key} happened`,
    affected: [],
    occurrences: 1,
    firstRaisedAt: '2026-11-28T08:00:00Z',
    lastRaisedAt: '2026-11-28T08:00:00Z',
    returnedAt: null,
    acknowledged: null,
    shelved: null,
    ...overrides,
  };
}
