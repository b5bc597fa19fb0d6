import { describe, expect, it } from 'vitest';
import { consumptionPayload } from '../../../electron/odoo/consumption-payload';

/** odoo-api.md §4: the Task 3 payload for WH/MO/00011 (actuals = targets, weight 0). */
const DOCUMENTED_00011 =
  '{"mo_id":"WH/MO/00011","silo102":150.0,"silo103":300.0,"silo105":10.0,"silo109":220.0,"silo110":107.0,"silo111":120.0,"lq114":40.0,"lq115":30.0}';
const ACTUALS_00011 = { 103: 300, 102: 150, 109: 220, 105: 10, 110: 107, 111: 120, 114: 40, 115: 30 } as const;

describe('update-with-consumptions payload', () => {
  it('is exactly the documented WH/MO/00011 payload, keys in the same order', () => {
    const payload = consumptionPayload('WH/MO/00011', ACTUALS_00011, 0);
    expect(JSON.stringify(payload)).toBe(JSON.stringify(JSON.parse(DOCUMENTED_00011)));
  });

  it('reports the finished weight under the explicit key (decision Q2), configurable, only when > 0', () => {
    expect(consumptionPayload('WH/MO/00011', { 101: 825 }, 1001.5)).toEqual({ mo_id: 'WH/MO/00011', silo101: 825, actual_weight_finished_goods: 1001.5 });
    expect(consumptionPayload('WH/MO/00011', { 101: 825 }, 998, 'quantity')).toEqual({ mo_id: 'WH/MO/00011', silo101: 825, quantity: 998 });
    expect(consumptionPayload('WH/MO/00011', { 101: 825 }, null)).toEqual({ mo_id: 'WH/MO/00011', silo101: 825 });
  });

  it('rounds to 0.01 kg and leaves out anything not above zero after rounding', () => {
    const payload = consumptionPayload('WH/MO/00016', { 101: 69.996, 107: 1.005, 114: 33.299999999, 115: 0.004, 102: 0, 103: -3, 104: Number.NaN }, 0);
    expect(payload).toEqual({ mo_id: 'WH/MO/00016', silo101: 70, silo107: 1.01, lq114: 33.3 });
  });

  it('is null when nothing was dosed, even with a weight (pitfall P9: the engine surfaces it)', () => {
    expect(consumptionPayload('WH/MO/00011', {}, 1000)).toBeNull();
    expect(consumptionPayload('WH/MO/00011', { 101: 0.001 }, 0)).toBeNull();
  });

  it('refuses a weight key that would collide with an MO or equipment key', () => {
    for (const key of ['', 'mo_id', 'silo101', 'lq115']) {
      expect(() => consumptionPayload('WH/MO/00011', { 101: 1 }, 1, key)).toThrow(/cannot be the finished-weight key/);
    }
  });
});
