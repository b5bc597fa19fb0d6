import { describe, expect, it } from 'vitest';
import { batchStatus } from '../../../renderer/state/batch-status';
import type { QueueBatch } from '../../../shared/domain';
import { queueBatch } from '../../support/queue-batch';

const batch = (overrides: Partial<QueueBatch>) => queueBatch(1, { components: {}, ...overrides });

describe('batchStatus', () => {
  it.each([
    ['waiting', {}],
    ['waiting', { lastReadFromPlc: '2026-11-28T08:00:00Z', actualKg: { 101: 0 } }],
    ['dosing', { actualKg: { 101: 250.5 } }],
    ['dosing', { actualWeightKg: 120 }],
    ['finished', { statusManufacturing: true, actualWeightKg: 998 }],
    ['failed', { statusOperation: true, actualKg: { 101: 40 } }],
    // The PLC's failure flag only counts while the batch is not finished (plant README §2).
    ['finished', { statusManufacturing: true, statusOperation: true }],
  ] as const)('%s for %j', (expected, overrides) => {
    expect(batchStatus(batch(overrides))).toBe(expected);
  });
});
