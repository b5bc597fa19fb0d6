import { describe, expect, it } from 'vitest';
import { acknowledgeAlarm, shelveAlarm } from '../../../../electron/engine/alarms/alarm-actions';
import { alarmState, visibleAlarms } from '../../../../electron/engine/alarms/alarm-view';
import type { AlarmRecord } from '../../../../electron/store/alarm-records';
import { evaluate, iso, minutes, odooDown, plcDown, stuck } from './alarm-fixtures';

const ack = (alarms: AlarmRecord[], key: string, at: number) => acknowledgeAlarm(alarms, key, { at: iso(at), by: 'ST-2', note: null }).alarms;
const states = (alarms: readonly AlarmRecord[]) => Object.fromEntries(alarms.map((a) => [a.key, alarmState(a)]));

describe('the driving station steps the alarms (ISA-18.2)', () => {
  it('normal → raised: a new cause is one unacknowledged alarm with one occurrence and a raised event', () => {
    const { alarms, events } = evaluate([], [stuck(3)], minutes(0));
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ key: 'stuck-batch', priority: 'medium', active: true, occurrences: 1, firstRaisedAt: iso(minutes(0)), acknowledged: null });
    expect(alarmState(alarms[0]!)).toBe('unacknowledged');
    expect(events.map((e) => [e.key, e.event, e.station])).toEqual([['stuck-batch', 'raised', 'ST-1']]);
  });

  it('one alarm per cause: ten stuck batches are one alarm listing the ten; each connection down is its own cause', () => {
    const tenStuck = Array.from({ length: 10 }, (_, i) => stuck(i + 1));
    const { alarms, events } = evaluate([], [...tenStuck, plcDown, odooDown], minutes(0));
    expect(alarms.map((a) => a.key).sort()).toEqual(['connection-down:odoo', 'connection-down:plc', 'stuck-batch']);
    expect(alarms.find((a) => a.key === 'stuck-batch')!.affected.map((a) => a.batchNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(alarms.find((a) => a.key === 'stuck-batch')!.message).toMatch(/and 9 more/);
    expect(events).toHaveLength(3);
    expect(alarms.find((a) => a.key === 'connection-down:plc')!.priority).toBe('high');
    expect(alarms.find((a) => a.key === 'connection-down:odoo')!.priority).toBe('medium');
  });

  it('an alarm still active takes the latest sentence and affected list without any event', () => {
    const first = evaluate([], [stuck(3)], minutes(0));
    const { alarms, events } = evaluate(first.alarms, [stuck(3), stuck(4)], minutes(1));
    expect(events).toEqual([]);
    expect(alarms[0]!.affected.map((a) => a.batchNo)).toEqual([3, 4]);
    expect(alarms[0]!.occurrences).toBe(1);
  });

  it('nothing changes when nothing changed: the same step on the same warnings gives back the same alarms', () => {
    const first = evaluate([], [stuck(3), plcDown], minutes(0));
    const again = evaluate(first.alarms, [stuck(3), plcDown], minutes(5));
    expect(again).toEqual({ alarms: first.alarms, events: [] });
  });

  it('unacknowledged → condition clears → returned-unacknowledged, still listed', () => {
    const raised = evaluate([], [plcDown], minutes(0));
    const { alarms, events } = evaluate(raised.alarms, [], minutes(2));
    expect(states(alarms)).toEqual({ 'connection-down:plc': 'returned-unacknowledged' });
    expect(alarms[0]).toMatchObject({ active: false, returnedAt: iso(minutes(2)) });
    expect(events.map((e) => e.event)).toEqual(['returned']);
  });

  it('acknowledged → condition clears → normal: it leaves the list', () => {
    const raised = evaluate([], [plcDown], minutes(0));
    const acknowledged = ack(raised.alarms, 'connection-down:plc', minutes(1));
    expect(states(acknowledged)).toEqual({ 'connection-down:plc': 'acknowledged' });
    const { alarms, events } = evaluate(acknowledged, [], minutes(2));
    expect(alarms).toEqual([]);
    expect(events.map((e) => e.event)).toEqual(['normal']);
  });

  it('returned-unacknowledged → active again → unacknowledged with one more occurrence', () => {
    const raised = evaluate([], [plcDown], minutes(0));
    const returned = evaluate(raised.alarms, [], minutes(1));
    const { alarms, events } = evaluate(returned.alarms, [plcDown], minutes(2));
    expect(states(alarms)).toEqual({ 'connection-down:plc': 'unacknowledged' });
    expect(alarms[0]).toMatchObject({ occurrences: 2, firstRaisedAt: iso(minutes(0)), lastRaisedAt: iso(minutes(2)), returnedAt: null });
    expect(events.map((e) => e.event)).toEqual(['raised']);
  });

  it('after normal, the same cause is a new alarm: occurrences count from one again', () => {
    const raised = evaluate([], [plcDown], minutes(0));
    const normal = evaluate(ack(raised.alarms, 'connection-down:plc', minutes(1)), [], minutes(2));
    const { alarms } = evaluate(normal.alarms, [plcDown], minutes(3));
    expect(alarms[0]).toMatchObject({ occurrences: 1, firstRaisedAt: iso(minutes(3)), acknowledged: null });
  });

  describe('shelved', () => {
    const shelvedPlcAlarm = () => {
      const raised = evaluate([], [plcDown], minutes(0));
      return shelveAlarm(raised.alarms, 'connection-down:plc', { at: iso(minutes(1)), by: 'ST-2', until: iso(minutes(31)), note: 'PLC under maintenance' }).alarms;
    };

    it('stays listed as shelved while its condition comes and goes; the changes are still recorded', () => {
      const cleared = evaluate(shelvedPlcAlarm(), [], minutes(5));
      expect(states(cleared.alarms)).toEqual({ 'connection-down:plc': 'shelved' });
      expect(cleared.alarms[0]!.active).toBe(false);
      expect(cleared.events.map((e) => e.event)).toEqual(['returned']);
      const back = evaluate(cleared.alarms, [plcDown], minutes(6));
      expect(states(back.alarms)).toEqual({ 'connection-down:plc': 'shelved' });
      expect(back.alarms[0]).toMatchObject({ active: true, occurrences: 2 });
      expect(back.events.map((e) => e.event)).toEqual(['raised']);
    });

    it('at its end, an alarm still active shows its real state again (event unshelved, noted as run out)', () => {
      const { alarms, events } = evaluate(shelvedPlcAlarm(), [plcDown], minutes(31));
      expect(states(alarms)).toEqual({ 'connection-down:plc': 'unacknowledged' });
      expect(events.map((e) => [e.event, e.note])).toEqual([['unshelved', 'the shelve set by ST-2 ran out']]);
    });

    it('at its end, an alarm that went back to normal unacknowledged shows as returned-unacknowledged', () => {
      const cleared = evaluate(shelvedPlcAlarm(), [], minutes(5));
      const { alarms } = evaluate(cleared.alarms, [], minutes(31));
      expect(states(alarms)).toEqual({ 'connection-down:plc': 'returned-unacknowledged' });
    });

    it('at its end, an acknowledged alarm that went back to normal leaves the list', () => {
      const acknowledged = ack(shelvedPlcAlarm(), 'connection-down:plc', minutes(2));
      expect(states(acknowledged)).toEqual({ 'connection-down:plc': 'shelved' });
      const cleared = evaluate(acknowledged, [], minutes(5));
      expect(cleared.alarms).toHaveLength(1);
      const { alarms, events } = evaluate(cleared.alarms, [], minutes(31));
      expect(alarms).toEqual([]);
      expect(events.map((e) => e.event)).toEqual(['unshelved']);
    });

    it('a station that does not record (monitoring, or no driver) shows a run-out shelve in its real state', () => {
      const shelved = shelvedPlcAlarm();
      expect(visibleAlarms(shelved, minutes(30))[0]!.state).toBe('shelved');
      expect(visibleAlarms(shelved, minutes(31))[0]!.state).toBe('unacknowledged');
    });
  });
});

describe('the order the console lists alarms in', () => {
  it('unacknowledged first, then by priority, then the newest; shelved last', () => {
    let alarms = evaluate([], [{ kind: 'odoo-backlog', message: 'Odoo still lists 300 MOs' }], minutes(0)).alarms;
    alarms = evaluate(alarms, [{ kind: 'odoo-backlog', message: 'Odoo still lists 300 MOs' }, stuck(1)], minutes(1)).alarms;
    alarms = evaluate(alarms, [{ kind: 'odoo-backlog', message: 'Odoo still lists 300 MOs' }, stuck(1), { kind: 'wave-not-started', message: 'not started' }], minutes(2)).alarms;
    alarms = evaluate(alarms, [{ kind: 'odoo-backlog', message: 'Odoo still lists 300 MOs' }, stuck(1), { kind: 'wave-not-started', message: 'not started' }, plcDown, odooDown], minutes(3)).alarms;
    alarms = ack(alarms, 'connection-down:plc', minutes(4));
    alarms = shelveAlarm(alarms, 'connection-down:odoo', { at: iso(minutes(4)), by: 'ST-2', until: iso(minutes(60)), note: 'Odoo upgrade tonight' }).alarms;
    expect(visibleAlarms(alarms, minutes(5)).map((a) => `${a.state} ${a.priority} ${a.key}`)).toEqual([
      'unacknowledged medium wave-not-started',
      'unacknowledged medium stuck-batch',
      'unacknowledged low odoo-backlog',
      'acknowledged high connection-down:plc',
      'shelved medium connection-down:odoo',
    ]);
  });
});
