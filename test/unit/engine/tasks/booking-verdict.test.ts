import { describe, expect, it } from 'vitest';
import { bookingVerdict, consumedByEquipment } from '../../../../electron/engine/tasks/complete/booking-verdict';
import { equipmentAmounts } from '../../../../electron/engine/tasks/complete/outbox-courier';
import { openMo } from '../../../support/mo-factory';

describe('settling a consumption push whose reply was lost', () => {
  const baseline = { silo103: 352, lq114: 0 };
  const sent = { silo103: 300, lq114: 33.3 };

  it('Odoo moved by exactly our amounts → booked (do not send again)', () => {
    expect(bookingVerdict(baseline, { silo103: 652, lq114: 33.3 }, sent)).toBe('booked');
    expect(bookingVerdict(baseline, { silo103: 652.004, lq114: 33.299 }, sent)).toBe('booked');
  });

  it('Odoo did not move → not booked (safe to send)', () => {
    expect(bookingVerdict(baseline, { silo103: 352, lq114: 0 }, sent)).toBe('not-booked');
  });

  it('moved by other amounts (someone else booked, or half of ours) → unclear, for an operator', () => {
    expect(bookingVerdict(baseline, { silo103: 652, lq114: 0 }, sent)).toBe('unclear');
    expect(bookingVerdict(baseline, { silo103: 400, lq114: 33.3 }, sent)).toBe('unclear');
  });

  it('reads consumed kg per equipment code from mo-detail, ignoring manual additives', () => {
    const mo = openMo(11);
    mo.components_consumption[0]!.consumed = 12.5;
    expect(consumedByEquipment(mo)).toEqual({ silo103: 12.5, lq114: 0, PLC01: 0 });
  });

  it('compares only the equipment keys of a payload, not the MO id or the finished weight', () => {
    expect(equipmentAmounts({ mo_id: 'WH/MO/00011', silo103: 300, lq114: 33.3, actual_weight_finished_goods: 1000 })).toEqual({
      silo103: 300,
      lq114: 33.3,
    });
  });
});
