import { describe, expect, it } from 'vitest';
import { AlarmActionError, acknowledgeAlarm, shelveAlarm, unshelveAlarm } from '../../../../electron/engine/alarms/alarm-actions';
import { alarmState } from '../../../../electron/engine/alarms/alarm-view';
import { evaluate, iso, minutes, plcDown } from './alarm-fixtures';

const raised = () => evaluate([], [plcDown], minutes(0)).alarms;
const returned = () => evaluate(raised(), [], minutes(1)).alarms;
const KEY = 'connection-down:plc';

describe('what an operator does to an alarm', () => {
  it('acknowledging an active alarm keeps it listed as acknowledged, with who, when and the note', () => {
    const result = acknowledgeAlarm(raised(), KEY, { at: iso(minutes(2)), by: 'ST-2', note: 'electrician called' });
    expect(alarmState(result.alarms[0]!)).toBe('acknowledged');
    expect(result.alarm.acknowledged).toEqual({ at: iso(minutes(2)), by: 'ST-2', note: 'electrician called' });
    expect(result.events.map((e) => [e.event, e.station, e.note])).toEqual([['acknowledged', 'ST-2', 'electrician called']]);
  });

  it('acknowledging a returned-unacknowledged alarm brings it to normal: it leaves the list', () => {
    const result = acknowledgeAlarm(returned(), KEY, { at: iso(minutes(2)), by: 'ST-2', note: null });
    expect(result.alarms).toEqual([]);
    expect(result.alarm).toMatchObject({ active: false, acknowledged: { by: 'ST-2' } });
    expect(result.events.map((e) => e.event)).toEqual(['acknowledged']);
  });

  it('acknowledging twice says who already did', () => {
    const once = acknowledgeAlarm(raised(), KEY, { at: iso(minutes(2)), by: 'ST-2', note: null }).alarms;
    expect(() => acknowledgeAlarm(once, KEY, { at: iso(minutes(3)), by: 'ST-1', note: null })).toThrow(/already acknowledged at station ST-2/);
  });

  it('acknowledging an alarm already back to normal says so', () => {
    expect(() => acknowledgeAlarm([], KEY, { at: iso(minutes(2)), by: 'ST-2', note: null })).toThrow(AlarmActionError);
    expect(() => acknowledgeAlarm([], KEY, { at: iso(minutes(2)), by: 'ST-2', note: null })).toThrow(/back to normal/);
  });

  it('shelving lists it as shelved until a time, with the reason; shelving again sets the new end', () => {
    const once = shelveAlarm(raised(), KEY, { at: iso(minutes(2)), by: 'ST-2', until: iso(minutes(32)), note: 'PLC maintenance' });
    expect(alarmState(once.alarm)).toBe('shelved');
    expect(once.alarm.shelved).toEqual({ until: iso(minutes(32)), by: 'ST-2', note: 'PLC maintenance' });
    expect(once.events.map((e) => [e.event, e.note])).toEqual([['shelved', 'PLC maintenance']]);
    const again = shelveAlarm(once.alarms, KEY, { at: iso(minutes(3)), by: 'ST-1', until: iso(minutes(90)), note: 'longer job' });
    expect(again.alarm.shelved).toEqual({ until: iso(minutes(90)), by: 'ST-1', note: 'longer job' });
  });

  it('unshelving shows its real state again; an alarm not shelved, or gone, says so', () => {
    const shelved = shelveAlarm(raised(), KEY, { at: iso(minutes(2)), by: 'ST-2', until: iso(minutes(32)), note: 'PLC maintenance' }).alarms;
    const result = unshelveAlarm(shelved, KEY, { at: iso(minutes(3)), by: 'ST-1' });
    expect(alarmState(result.alarms[0]!)).toBe('unacknowledged');
    expect(result.events.map((e) => [e.event, e.station])).toEqual([['unshelved', 'ST-1']]);
    expect(() => unshelveAlarm(raised(), KEY, { at: iso(minutes(3)), by: 'ST-1' })).toThrow(/is not shelved/);
    expect(() => unshelveAlarm([], KEY, { at: iso(minutes(3)), by: 'ST-1' })).toThrow(/back to normal/);
  });

  it('unshelving an acknowledged alarm that went back to normal meanwhile lets it leave', () => {
    let alarms = shelveAlarm(raised(), KEY, { at: iso(minutes(2)), by: 'ST-2', until: iso(minutes(32)), note: 'PLC maintenance' }).alarms;
    alarms = acknowledgeAlarm(alarms, KEY, { at: iso(minutes(3)), by: 'ST-2', note: null }).alarms;
    alarms = evaluate(alarms, [], minutes(4)).alarms;
    expect(unshelveAlarm(alarms, KEY, { at: iso(minutes(5)), by: 'ST-1' }).alarms).toEqual([]);
  });
});
