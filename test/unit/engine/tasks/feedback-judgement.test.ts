import { describe, expect, it } from 'vitest';
import type { QueueBatch } from '../../../../shared/domain';
import { judgeFeedback, PLANT_LIMITS } from '../../../../electron/engine/tasks/plc-read/feedback-judgement';
import { decodeReadSlot, encodeWriteSlot } from '../../../../electron/plc/slot-codec';
import type { SlotSnapshot } from '../../../../electron/plc/wave-io';
import { encodeScaled } from '../../../../electron/plc/word-codec';
import { queueBatch } from '../../../support/queue-batch';

const limits = { ...PLANT_LIMITS, warnWeightKg: 1050 };

const batch = (batchNo: number, moId: string, patch: Partial<QueueBatch> = {}) => queueBatch(batchNo, { id: `id-${batchNo}`, moId, ...patch });

/** A READ slot as the PLC fills it: the recipe's header echoed, actuals, statuses (READ layout = WRITE layout). */
function readSlot(slot: number, moId: string, state: { kg103?: number; kg114?: number; finished?: boolean; failed?: boolean; weight?: number; ack?: boolean }): SlotSnapshot {
  const words = encodeWriteSlot(slot, {
    batchNo: slot,
    moId,
    finishedGoods: 'JF SAPOT',
    quantityKg: 1000,
    equipmentIdBatch: 'PLC01',
    components: { 103: { name: 'POLLAR', plannedKg: state.kg103 ?? 0 }, 114: { name: 'TETES', plannedKg: state.kg114 ?? 0 } },
    manualAdditives: [],
  });
  words[72] = state.finished ? 1 : 0;
  words[73] = state.failed ? 1 : 0;
  [words[74], words[75]] = encodeScaled(state.weight ?? 0, 100, 'weight');
  words[76] = state.ack ? 1 : 0;
  return { ...decodeReadSlot(words), slot };
}

describe('judging a PLC reading against the queue (Task 2)', () => {
  it('a slot the PLC took but has not started (it only echoes the recipe) is "waiting" and changes nothing', () => {
    const j = judgeFeedback([batch(1, 'WH/MO/00021')], [readSlot(1, 'WH/MO/00021', {})], limits);
    expect(j.phases.get(1)).toBe('waiting');
    expect(j.updates).toEqual([]);
  });

  it('a READ slot still holding the previous wave is "waiting", never taken for our batch', () => {
    const j = judgeFeedback([batch(1, 'WH/MO/00021')], [readSlot(1, 'WH/MO/00011', { kg103: 300, finished: true, weight: 340 })], limits);
    expect(j.phases.get(1)).toBe('waiting');
    expect(j.updates).toEqual([]);
    expect(j.acks).toEqual([]);
  });

  it('a dosing slot updates actuals for the recipe equipment only; a finished one is acknowledged once', () => {
    const queue = [batch(1, 'WH/MO/00021'), batch(2, 'WH/MO/00022')];
    const j = judgeFeedback(queue, [readSlot(1, 'WH/MO/00021', { kg103: 299.5, kg114: 40.2, finished: true, weight: 339.7 }), readSlot(2, 'WH/MO/00022', { kg103: 120 })], limits);
    expect(j.phases).toEqual(new Map([[1, 'finished'], [2, 'dosing']]));
    expect(j.updates[0]).toEqual({ batchId: 'id-1', statusManufacturing: true, statusOperation: false, actualWeightKg: 339.7, actualKg: { 103: 299.5, 114: 40.2 } });
    expect(j.updates[1]?.actualKg).toEqual({ 103: 120, 114: 0 });
    expect(j.acks).toEqual([1]);

    const acked = judgeFeedback(queue, [readSlot(1, 'WH/MO/00021', { kg103: 299.5, finished: true, ack: true })], limits);
    expect(acked.acks).toEqual([]);
  });

  it('a finished row is frozen: later readings change nothing', () => {
    const j = judgeFeedback([batch(1, 'WH/MO/00021', { statusManufacturing: true })], [readSlot(1, 'WH/MO/00021', { kg103: 1, finished: true, ack: true })], limits);
    expect(j.updates).toEqual([]);
  });

  it('implausible values are skipped and reported, never stored', () => {
    const j = judgeFeedback([batch(1, 'WH/MO/00021')], [readSlot(1, 'WH/MO/00021', { kg103: 7000, kg114: 40 })], limits);
    expect(j.updates[0]?.actualKg).toEqual({ 114: 40 });
    expect(j.implausible.map((f) => f.message)).toEqual(['slot 1: silo103 reads 7000 kg, above the 5000 kg guard; not stored']);
  });

  it('a torn reading (wrong equipment id word) skips the whole slot', () => {
    const slot = readSlot(1, 'WH/MO/00021', { kg103: 300 });
    slot.equipment[105] = { idWord: 26880, kg: 0 };
    const j = judgeFeedback([batch(1, 'WH/MO/00021')], [slot], limits);
    expect(j.updates).toEqual([]);
    expect(j.implausible[0]?.message).toMatch(/equipment id word reads 26880 where 105 belongs/);
  });

  it('a weight above the expected batch is stored but noticed', () => {
    const j = judgeFeedback([batch(1, 'WH/MO/00021')], [readSlot(1, 'WH/MO/00021', { kg103: 300, finished: true, weight: 1200 })], limits);
    expect(j.updates[0]?.actualWeightKg).toBe(1200);
    expect(j.notices[0]?.message).toMatch(/1200 kg is above the expected 1050 kg/);
  });

  describe('a reading that FINISHES a batch with an implausible value (issue 8 item 9)', () => {
    const action = 'WH/MO/00021 finished with this reading, so the batch stays unfinished and nothing is booked to Odoo: ' +
      'check the reading in the PLC; if it stays wrong, archive the batch with a reason from the console';
    const torn = () => {
      const slot = readSlot(1, 'WH/MO/00021', { kg103: 300, finished: true, weight: 340 });
      slot.equipment[105] = { idWord: 26880, kg: 0 };
      return slot;
    };

    it.each([
      ['a silo above the guard', readSlot(1, 'WH/MO/00021', { kg103: 7000, kg114: 40, finished: true, weight: 7040 }), 'silo103 reads 7000 kg, above the 5000 kg guard'],
      ['a finished weight above the guard', readSlot(1, 'WH/MO/00021', { kg103: 300, finished: true, weight: 20_000_000 }), 'finished weight reads 20000000 kg'],
      ['a wrong equipment id word', torn(), 'equipment id word reads 26880 where 105 belongs'],
    ])('%s → nothing stored, not acknowledged; the warning names the operator\'s action', (_, slot, what) => {
      const j = judgeFeedback([batch(1, 'WH/MO/00021')], [slot], limits);
      expect(j.updates).toEqual([]);
      expect(j.acks).toEqual([]);
      expect(j.implausible).toHaveLength(1);
      expect(j.implausible[0]).toMatchObject({ batchNo: 1, moId: 'WH/MO/00021', heldFinish: true });
      expect(j.implausible[0]?.message).toContain(what);
      expect(j.implausible[0]?.message).toContain(action);
    });

    it('a later plausible reading finishes it normally, and is acknowledged', () => {
      const j = judgeFeedback([batch(1, 'WH/MO/00021')], [readSlot(1, 'WH/MO/00021', { kg103: 300, kg114: 40, finished: true, weight: 340 })], limits);
      expect(j.implausible).toEqual([]);
      expect(j.updates).toEqual([{ batchId: 'id-1', statusManufacturing: true, statusOperation: false, actualWeightKg: 340, actualKg: { 103: 300, 114: 40 } }]);
      expect(j.acks).toEqual([1]);
    });
  });

  it('a failed slot is reported as failed with its statuses', () => {
    const j = judgeFeedback([batch(1, 'WH/MO/00021')], [readSlot(1, 'WH/MO/00021', { kg103: 150, failed: true })], limits);
    expect(j.phases.get(1)).toBe('failed');
    expect(j.updates[0]?.statusOperation).toBe(true);
  });
});
