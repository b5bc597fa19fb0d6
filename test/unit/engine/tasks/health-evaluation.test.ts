import { describe, expect, it } from 'vitest';
import type { QueueBatch, RunRecord } from '../../../../shared/domain';
import { evaluateHealth, type HealthInputs } from '../../../../electron/engine/tasks/health/health-evaluation';
import { queueBatch } from '../../../support/queue-batch';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
const run = (finishedAt: string) => ({ finishedAt }) as RunRecord;

const batch = (batchNo: number, patch: Partial<QueueBatch> = {}) => queueBatch(batchNo, { components: {}, ...patch });

const inputs = (patch: Partial<HealthInputs>): HealthInputs => ({
  now: NOW,
  queue: [],
  stuckAfterMs: 15 * 60_000,
  lastPlcRead: run(minutesAgo(1)),
  plcReadIntervalMs: 5 * 60_000,
  lastDispatch: run(minutesAgo(30)),
  quarantined: [],
  implausible: [],
  connections: {},
  heldWaves: [],
  odooBacklog: 0,
  ...patch,
});
const kinds = (i: HealthInputs) => evaluateHealth(i).map((w) => w.kind);

describe('health warnings an operator sees', () => {
  it('a started batch without change for longer than the threshold is stuck; batches waiting their turn are not (P14)', () => {
    const queue = [batch(1, { lastReadFromPlc: minutesAgo(20) }), batch(2), batch(3)];
    const warnings = evaluateHealth(inputs({ queue }));
    expect(warnings.map((w) => [w.kind, w.batchNo])).toEqual([['stuck-batch', 1]]);
    expect(warnings[0]?.message).toBe('slot 1 (WH/MO/00021) has not progressed for 20 min');
  });

  it('a wave the PLC has not started long after dispatch is reported once, not as ten stuck batches', () => {
    expect(kinds(inputs({ queue: [batch(1), batch(2)] }))).toEqual(['wave-not-started']);
    expect(kinds(inputs({ queue: [batch(1), batch(2)], lastDispatch: run(minutesAgo(2)) }))).toEqual([]);
  });

  it('no PLC reading for three intervals while batches are queued → stale reads', () => {
    expect(kinds(inputs({ queue: [batch(1, { lastReadFromPlc: minutesAgo(1) })], lastPlcRead: run(minutesAgo(16)) }))).toEqual(['stale-plc-read']);
    expect(kinds(inputs({ queue: [], lastPlcRead: run(minutesAgo(600)) }))).toEqual([]);
    // Just dispatched and not read yet: not stale.
    const fresh = { queue: [batch(1, { lastReadFromPlc: minutesAgo(1) })], lastPlcRead: null, lastDispatch: run(minutesAgo(1)) };
    expect(kinds(inputs(fresh))).toEqual([]);
    expect(kinds(inputs({ ...fresh, lastDispatch: run(minutesAgo(20)) }))).toEqual(['stale-plc-read']);
  });

  it('failed batches, finished batches with nothing to report, quarantined pushes and down peers are each named', () => {
    const queue = [
      batch(1, { statusOperation: true, lastReadFromPlc: minutesAgo(1) }),
      batch(2, { statusManufacturing: true, actualKg: { 103: 0 }, lastReadFromPlc: minutesAgo(1) }),
    ];
    const quarantined = [{ id: 1, moId: 'WH/MO/00011', kind: 'consumption', lastError: 'partial' } as HealthInputs['quarantined'][number]];
    const connections = { odoo: { state: 'down' as const, detail: 'connection refused', lastOkAt: null } };
    expect(kinds(inputs({ queue, quarantined, connections }))).toEqual(['failed-batch', 'unreportable-batch', 'quarantined-push', 'connection-down']);
  });

  it('Odoo still listing hundreds of MOs produced here → one warning with the count and what stops it; a few are no warning', () => {
    expect(evaluateHealth(inputs({ odooBacklog: 10_000 }))).toEqual([
      { kind: 'odoo-backlog', message: 'Odoo still lists 10,000 MOs produced here; close them in Odoo or turn on ODOO_MARK_DONE' },
    ]);
    expect(kinds(inputs({ odooBacklog: 200 }))).toEqual(['odoo-backlog']);
    expect(kinds(inputs({ odooBacklog: 199 }))).toEqual([]);
  });
});
