import { describe, expect, it } from 'vitest';
import { batchProgress, equipmentLines, waveProgress } from '../../../renderer/state/wave-progress';
import type { RunRecord } from '../../../shared/domain';
import { queueBatch } from '../../support/queue-batch';

const fetched = (moIds: string[]): RunRecord => ({
  id: 1,
  task: 'mo-sync',
  trigger: 'schedule',
  startedAt: '',
  finishedAt: '',
  outcome: 'fetched',
  queueCount: 0,
  moIds,
  reason: '',
  durationMs: 0,
  station: '',
});

describe('batchProgress', () => {
  it('counts the per-silo actuals while the batch doses (its finished weight is still 0)', () => {
    const dosing = queueBatch(1, { quantityKg: 1000, actualWeightKg: 0, actualKg: { 103: 250, 114: 50 } });
    expect(batchProgress(dosing)).toEqual({ status: 'dosing', plannedKg: 1000, actualKg: 300, fraction: 0.3 });
  });

  it('takes the finished weight once the PLC reports it, and a finished batch is complete', () => {
    const finished = queueBatch(1, { quantityKg: 1000, statusManufacturing: true, actualWeightKg: 985, actualKg: { 103: 600, 114: 390 } });
    expect(batchProgress(finished)).toMatchObject({ status: 'finished', actualKg: 985, fraction: 1 });
  });

  it('never draws past the end when the PLC over-doses', () => {
    expect(batchProgress(queueBatch(1, { quantityKg: 100, actualKg: { 103: 130 } })).fraction).toBe(1);
  });
});

describe('waveProgress', () => {
  const wave = Array.from({ length: 10 }, (_, i) => queueBatch(i + 1));
  const ids = wave.map((batch) => batch.moId);

  it('says nothing between waves', () => {
    expect(waveProgress([], fetched(ids))).toBeNull();
  });

  it('counts finished and failed batches, and those already archived, as done', () => {
    const rest = wave.slice(3).map((batch, i) => (i === 0 ? { ...batch, statusManufacturing: true } : i === 1 ? { ...batch, statusOperation: true } : batch));
    expect(waveProgress(rest, fetched(ids))).toEqual({ done: 5, total: 10 });
  });

  it('falls back to the highest slot when the last decision is not this wave', () => {
    expect(waveProgress(wave.slice(6), fetched(['other']))).toEqual({ done: 6, total: 10 });
  });
});

describe('equipmentLines', () => {
  it('names each silo and tank with its material, planned against actual, in the plant\'s order', () => {
    const batch = queueBatch(1, {
      components: { 114: { name: 'TETES', plannedKg: 40 }, 103: { name: 'POLLARD ANGSA', plannedKg: 300 } },
      actualKg: { 103: 120.5, 101: 3 },
    });
    expect(equipmentLines(batch)).toEqual([
      { id: 101, equipment: 'SILO A', kind: 'silo', material: 'PKE PELLET', plannedKg: null, actualKg: 3 },
      { id: 103, equipment: 'SILO C', kind: 'silo', material: 'POLLARD ANGSA', plannedKg: 300, actualKg: 120.5 },
      { id: 114, equipment: 'LQ114', kind: 'tank', material: 'TETES', plannedKg: 40, actualKg: null },
    ]);
  });
});
