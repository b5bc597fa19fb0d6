/**
 * The alarm part of the AuthorityStore contract (electron/store/authority-store.ts), run against
 * SQLite (test/unit/store/sqlite-store.test.ts) and PostgreSQL (test/integration/store/pg-store.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmRecord, AlarmTransition, NewAlarmEvent } from '../../electron/store/alarm-records';
import type { AuthorityStore } from '../../electron/store/authority-store';
import type { StoreFixture } from './authority-store-contract';

const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

const stuckAlarm: AlarmRecord = {
  key: 'stuck-batch',
  kind: 'stuck-batch',
  priority: 'medium',
  active: true,
  message: 'slot 3 (WH/MO/00003) has not progressed for 12 min (and 1 more)',
  affected: [
    { batchNo: 3, moId: 'WH/MO/00003', message: 'slot 3 (WH/MO/00003) has not progressed for 12 min' },
    { batchNo: 4, moId: 'WH/MO/00004', message: 'slot 4 (WH/MO/00004) has not progressed for 12 min' },
  ],
  occurrences: 2,
  firstRaisedAt: at(10),
  lastRaisedAt: at(20),
  returnedAt: null,
  acknowledged: { at: at(30), by: 'ST-2', note: 'silo C checked' },
  shelved: { until: at(1800), by: 'ST-2', note: 'cleaning silo C' },
};
const plcAlarm: AlarmRecord = {
  key: 'connection-down:plc',
  kind: 'connection-down',
  priority: 'high',
  active: false,
  message: 'plc: request timed out',
  affected: [{ message: 'plc: request timed out' }],
  occurrences: 1,
  firstRaisedAt: at(5),
  lastRaisedAt: at(5),
  returnedAt: at(40),
  acknowledged: null,
  shelved: null,
};
const eventOf = (alarm: AlarmRecord, event: NewAlarmEvent['event'], second: number, station = 'ST-1'): NewAlarmEvent => ({
  key: alarm.key,
  kind: alarm.kind,
  priority: alarm.priority,
  event,
  at: at(second),
  station,
  note: event === 'acknowledged' ? 'seen' : null,
  message: alarm.message,
});
const becomes = (alarms: AlarmRecord[], events: NewAlarmEvent[] = []) => (): AlarmTransition => ({ alarms, events });

export function describeAlarmStore(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name} — alarms (AuthorityStore contract)`, () => {
    let fx: StoreFixture;
    let store: AuthorityStore;
    beforeEach(async () => {
      fx = await open();
      store = fx.store;
    });
    afterEach(async () => fx?.dispose());

    it('a fresh store lists no alarm and no history', async () => {
      expect(await store.listAlarms()).toEqual([]);
      expect(await store.listAlarmEvents({ pageSize: 10 })).toEqual({ items: [], pageSize: 10, hasOlder: false });
    });

    it('a transition stores the alarms and their events together, exactly as given, for every station', async () => {
      const result = await store.transitionAlarms(at(50), becomes([stuckAlarm, plcAlarm], [eventOf(plcAlarm, 'returned', 40)]));
      expect(result.alarms).toEqual([stuckAlarm, plcAlarm]);
      const peer = await fx.openPeer();
      try {
        const listed = await peer.listAlarms();
        expect(listed.sort((a, b) => a.key.localeCompare(b.key))).toEqual([plcAlarm, stuckAlarm]);
        const history = await peer.listAlarmEvents({ pageSize: 10 });
        expect(history.items.map(({ id: _id, ...event }) => event)).toEqual([eventOf(plcAlarm, 'returned', 40)]);
      } finally {
        await peer.close();
      }
    });

    it('decide sees the alarms as stored; an alarm left out of its result leaves, a changed one is rewritten', async () => {
      await store.transitionAlarms(at(50), becomes([stuckAlarm, plcAlarm]));
      let seen: AlarmRecord[] = [];
      await store.transitionAlarms(at(60), (current) => {
        seen = current;
        return { alarms: [{ ...plcAlarm, acknowledged: { at: at(60), by: 'ST-1', note: null } }], events: [eventOf(stuckAlarm, 'normal', 60)] };
      });
      expect(seen.sort((a, b) => a.key.localeCompare(b.key))).toEqual([plcAlarm, stuckAlarm]);
      expect(await store.listAlarms()).toEqual([{ ...plcAlarm, acknowledged: { at: at(60), by: 'ST-1', note: null } }]);
    });

    it('a decision that refuses writes nothing and its reason reaches the caller', async () => {
      await store.transitionAlarms(at(50), becomes([plcAlarm]));
      await expect(
        store.transitionAlarms(at(60), () => {
          throw new Error('the alarm stuck-batch is back to normal');
        }),
      ).rejects.toThrow('the alarm stuck-batch is back to normal');
      expect(await store.listAlarms()).toEqual([plcAlarm]);
      expect((await store.listAlarmEvents({ pageSize: 10 })).items).toEqual([]);
    });

    it('transitions from two stations at once never lose one another (each decides on what the other wrote)', async () => {
      await store.transitionAlarms(at(50), becomes([{ ...plcAlarm, occurrences: 0 }]));
      const peer = await fx.openPeer();
      const bump = (station: string) => (current: AlarmRecord[]) => ({
        alarms: current.map((a) => ({ ...a, occurrences: a.occurrences + 1 })),
        events: current.map((a) => eventOf(a, 'raised', 60, station)),
      });
      try {
        await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? peer : store).transitionAlarms(at(60), bump(`ST-${i}`))));
      } finally {
        await peer.close();
      }
      expect((await store.listAlarms())[0]!.occurrences).toBe(10);
      expect((await store.listAlarmEvents({ pageSize: 50 })).items).toHaveLength(10);
    });

    it('the history pages newest first, older pages by `before`', async () => {
      const events = Array.from({ length: 5 }, (_, i) => eventOf(plcAlarm, i % 2 ? 'returned' : 'raised', 100 + i));
      for (const event of events) await store.transitionAlarms(event.at, (current) => ({ alarms: current, events: [event] }));
      const first = await store.listAlarmEvents({ pageSize: 2 });
      expect(first.items.map((e) => e.at)).toEqual([at(104), at(103)]);
      expect(first.hasOlder).toBe(true);
      const second = await store.listAlarmEvents({ pageSize: 2, before: first.items[1]!.id });
      expect(second.items.map((e) => e.at)).toEqual([at(102), at(101)]);
      const last = await store.listAlarmEvents({ pageSize: 2, before: second.items[1]!.id });
      expect(last).toMatchObject({ hasOlder: false });
      expect(last.items.map((e) => e.at)).toEqual([at(100)]);
    });
  });
}
