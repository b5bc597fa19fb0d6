import { describe, expect, it } from 'vitest';
import { alarmNews } from '../../../../../renderer/panels/alarms/new-alarms';
import { alarm } from './alarm-fixture';

describe('the alarm live region announces each new alarm once', () => {
  it('announces nothing for the alarms already standing when the screen opens', () => {
    expect(alarmNews(null, [alarm('stuck-batch')]).announce).toEqual([]);
  });

  it('announces a newly raised alarm, and not again on the next snapshot', () => {
    const first = alarmNews(null, []);
    const raised = alarmNews(first.seen, [alarm('stuck-batch')]);
    const again = alarmNews(raised.seen, [alarm('stuck-batch', { lastRaisedAt: '2026-11-28T08:05:00Z' })]);

    expect(raised.announce.map((a) => a.key)).toEqual(['stuck-batch']);
    expect(again.announce).toEqual([]);
  });

  it('does not announce an alarm that is acknowledged or shelved when it first shows', () => {
    const first = alarmNews(null, []);
    expect(alarmNews(first.seen, [alarm('a', { state: 'acknowledged' }), alarm('b', { state: 'shelved' })]).announce).toEqual([]);
  });

  it('announces a cause again when it comes back: a new occurrence, or listed anew after it went normal', () => {
    const standing = alarmNews(null, [alarm('failed-batch', { state: 'returned-unacknowledged' })]);
    const back = alarmNews(standing.seen, [alarm('failed-batch', { occurrences: 2 })]);
    expect(back.announce.map((a) => a.occurrences)).toEqual([2]);

    const gone = alarmNews(back.seen, []);
    expect(alarmNews(gone.seen, [alarm('failed-batch')]).announce.map((a) => a.key)).toEqual(['failed-batch']);
  });
});
