import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry, QueueBatch } from '../../../../shared/domain';
import { describeQueueBlockers } from '../../../../electron/engine/tasks/mo-sync/queue-blockers';
import { openMos } from '../../../support/mo-factory';
import { MoSyncFixture } from '../../../support/mo-sync-fixture';
import { queueBatch } from '../../../support/queue-batch';

const finished = (batchNo: number, patch: Partial<QueueBatch> = {}) =>
  queueBatch(batchNo, { statusManufacturing: true, actualKg: { 103: 299.5, 114: 40 }, actualWeightKg: 339.5, lastReadFromPlc: '2026-03-01T08:00:00Z', ...patch });

function entry(moId: string, patch: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: 1,
    moId,
    kind: 'consumption',
    payload: { mo_id: moId },
    state: 'pending',
    attempts: 1,
    lastError: null,
    nextAttemptAt: null,
    baseline: null,
    sentAt: null,
    claimedBy: null,
    claimedUntil: null,
    createdAt: '2026-03-01T08:00:00Z',
    updatedAt: '2026-03-01T08:00:00Z',
    ...patch,
  };
}

const notFound = (moId: string) => `Odoo update-with-consumptions: Manufacturing Order ${moId} not found`;

describe('the gate\'s skip reason says what actually blocks the queue (issue 8 item 11)', () => {
  it('batches the PLC still has → waiting / dosing, waiting for the PLC', () => {
    const queue = [queueBatch(1), queueBatch(2, { lastReadFromPlc: '2026-03-01T08:00:00Z', actualKg: { 103: 120 } }), queueBatch(3)];
    expect(describeQueueBlockers(queue, [])).toBe('3 batches still in the PLC (2 waiting, 1 dosing); waiting for the PLC to finish them');
  });

  it('all 10 finished, Odoo refusing their consumption → says Odoo, with Odoo\'s last answer, not the PLC', () => {
    const queue = Array.from({ length: 10 }, (_, i) => finished(i + 1));
    const outbox = queue.map((b, i) => entry(b.moId, { id: i + 1, lastError: notFound(b.moId), updatedAt: `2026-03-01T08:00:${String(i).padStart(2, '0')}Z` }));

    const reason = describeQueueBlockers(queue, outbox);

    expect(reason).toBe(`10 batches finished; waiting for Odoo to accept their consumption (${notFound('WH/MO/00030')})`);
    expect(reason).not.toMatch(/PLC/);
  });

  it('finished but not yet sent to Odoo → waiting for Odoo, without an invented error', () => {
    expect(describeQueueBlockers([finished(1)], [])).toBe('1 batch finished; waiting for Odoo to accept its consumption');
  });

  it('a failed batch → waiting for its cancel in Odoo, with Odoo\'s answer', () => {
    const failed = queueBatch(1, { statusOperation: true });
    const cancel = entry(failed.moId, { kind: 'cancel', lastError: 'Odoo cancel: connection refused (http://odoo:8069)' });
    expect(describeQueueBlockers([failed], [cancel])).toBe('1 batch failed; waiting for Odoo to cancel its MO (Odoo cancel: connection refused (http://odoo:8069))');
  });

  it('batches only an operator can move: quarantined push, nothing to report, implausible finish', () => {
    const quarantined = finished(1);
    const empty = finished(2, { actualKg: { 103: 0 }, actualWeightKg: 0 });
    const held = queueBatch(3, { lastReadFromPlc: '2026-03-01T08:00:00Z' });
    const outbox = [entry(quarantined.moId, { state: 'quarantined', lastError: 'Odoo refused 5 times: MO is done' })];

    const reason = describeQueueBlockers([quarantined, empty, held, queueBatch(4)], outbox, new Set([held.moId]));

    expect(reason).toBe(
      '1 batch still in the PLC (1 waiting); waiting for the PLC to finish it. 3 batches need an operator: ' +
        "WH/MO/00021's consumption is quarantined (Odoo refused 5 times: MO is done): check Odoo, then Retry or archive it, " +
        'WH/MO/00022 finished without any consumption to report (archive it with a reason), ' +
        "WH/MO/00023 finished with an implausible reading (check the PLC; if it stays wrong, archive it with a reason)",
    );
  });

  it('a mixed queue names every kind of blocker, each with its count', () => {
    const queue = [queueBatch(1), finished(2), finished(3), queueBatch(4, { statusOperation: true })];
    const reason = describeQueueBlockers(queue, [entry('WH/MO/00022', { lastError: notFound('WH/MO/00022') })]);
    expect(reason).toBe(
      `1 batch still in the PLC (1 waiting); waiting for the PLC to finish it. 2 batches finished; waiting for Odoo to accept their consumption (${notFound('WH/MO/00022')}). 1 batch failed; waiting for Odoo to cancel its MO`,
    );
  });
});

describe('the gate, with a full queue, reads the queue and the outbox for its reason', () => {
  let fx: MoSyncFixture;
  afterEach(async () => fx?.close());

  it('10 finished batches whose consumption Odoo refuses → "waiting for Odoo", never "waiting for the PLC"', async () => {
    fx = new MoSyncFixture(openMos(10));
    await fx.sync();
    fx.plcTakesWave();
    fx.store.connection.prepare('UPDATE mo_batch SET status_manufacturing = 1, actual_consumption_silo_c = 300').run();
    const at = '2026-03-01T08:00:00.000Z';
    for (const moId of await fx.queueMoIds()) {
      const queued = await fx.store.enqueueOutbox({ moId, kind: 'consumption', payload: { mo_id: moId, silo103: 300 }, at });
      await fx.store.updateOutbox(queued.id, { attempts: 1, lastError: notFound(moId), at });
    }

    const run = await fx.sync();

    expect(run.outcome).toBe('skipped');
    expect(run.reason).toMatch(/^10 batches finished; waiting for Odoo to accept their consumption \(Odoo update-with-consumptions: Manufacturing Order WH\/MO\/000\d\d not found\)$/);
  });
});
