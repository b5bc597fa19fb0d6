import { describe, expect, it } from 'vitest';
import { alarmTotals, bannerAlarm } from '../../../../../renderer/panels/alarms/alarm-summary';
import { alarmTitleKey } from '../../../../../renderer/panels/alarms/alarm-title-key';
import type { Alarm } from '../../../../../shared/domain';
import { localeResources } from '../../../../../renderer/i18n';
import { alarm, HEALTH_KINDS } from './alarm-fixture';

describe('the alarm banner leads with what most needs the operator', () => {
  it('names the highest-priority alarm waiting for an acknowledgement, not an acknowledged or shelved one', () => {
    const alarms: Alarm[] = [
      alarm('odoo-backlog', { priority: 'low' }),
      alarm('quarantined-push', { priority: 'high', state: 'acknowledged' }),
      alarm('connection-down:plc', { priority: 'high', state: 'shelved' }),
      alarm('stuck-batch', { priority: 'medium' }),
    ];

    expect(bannerAlarm(alarms)?.key).toBe('stuck-batch');
  });

  it('puts an active alarm before one already back to normal, then the most recently raised', () => {
    expect(
      bannerAlarm([
        alarm('failed-batch', { state: 'returned-unacknowledged', lastRaisedAt: '2026-11-28T09:00:00Z' }),
        alarm('stuck-batch', { lastRaisedAt: '2026-11-28T08:00:00Z' }),
        alarm('stale-plc-read', { lastRaisedAt: '2026-11-28T08:30:00Z' }),
      ])?.key,
    ).toBe('stale-plc-read');
  });

  it('names none when every alarm is acknowledged or shelved', () => {
    expect(bannerAlarm([alarm('stuck-batch', { state: 'acknowledged' }), alarm('failed-batch', { state: 'shelved' })])).toBeNull();
  });

  it('counts the alarms by state', () => {
    const totals = alarmTotals([alarm('a'), alarm('b'), alarm('c', { state: 'shelved' })]);
    expect(totals).toEqual({ unacknowledged: 2, acknowledged: 0, 'returned-unacknowledged': 0, shelved: 1 });
  });
});

describe('alarm titles', () => {
  it('has an operator title in both languages for every cause the engine raises, lost connections by what was lost', () => {
    const keys = [
      ...HEALTH_KINDS.filter((kind) => kind !== 'connection-down').map((kind) => ({ key: kind, kind })),
      ...['odoo', 'plc', 'database', 'future'].map((target) => ({ key: `connection-down:${target}`, kind: 'connection-down' as const })),
    ];
    for (const language of ['en', 'id'] as const) {
      const messages = localeResources()[language].alarms as Record<string, unknown>;
      for (const alarmKey of keys) {
        const title = alarmTitleKey(alarmKey).split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
        expect(typeof title, `${language}: ${alarmKey.key}`).toBe('string');
      }
    }
    expect(alarmTitleKey({ key: 'connection-down:plc', kind: 'connection-down' })).toBe('kind.connection-down.plc');
  });
});
