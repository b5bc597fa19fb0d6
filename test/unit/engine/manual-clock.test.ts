import { describe, expect, it } from 'vitest';
import { sleep } from '../../../electron/engine/clock';
import { ManualClock } from '../../support/manual-clock';

describe('ManualClock', () => {
  it('fires sleeps in time order only when advanced', async () => {
    const clock = new ManualClock(0);
    const order: string[] = [];
    void sleep(clock, 60 * 60_000).then(() => order.push('hour'));
    void sleep(clock, 5 * 60_000).then(() => order.push('five'));
    await clock.advance(4 * 60_000);
    expect(order).toEqual([]);
    await clock.advance(60 * 60_000);
    expect(order).toEqual(['five', 'hour']);
    expect(clock.now()).toBe(64 * 60_000);
  });
});
