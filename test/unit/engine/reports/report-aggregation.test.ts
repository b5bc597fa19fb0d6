import { describe, expect, it } from 'vitest';
import type { HistoryEntry, RunRecord } from '../../../../shared/domain';
import { shiftReport, throughputByHour } from '../../../../electron/engine/reports/report-aggregation';

/** The morning shift in the plant's zone (WIB, UTC+7): 06:00–14:00 local. */
const SHIFT = { from: '2026-11-28T06:00:00+07:00', to: '2026-11-28T14:00:00+07:00' };
/** ISO time of a local (WIB) clock time on the shift's day. */
const wib = (hhmm: string) => new Date(`2026-11-28T${hhmm}:00+07:00`).toISOString();

function batch(moNumber: number, archivedAt: string, status: 'completed' | 'cancelled', actualKg: HistoryEntry['actualKg'], notes: string | null = null): HistoryEntry {
  return {
    id: `h-${moNumber}`,
    batchNo: (moNumber % 10) + 1,
    moId: `WH/MO/${String(moNumber).padStart(5, '0')}`,
    finishedGoods: '[10092] JF SAPOT 1B',
    quantityKg: 1000,
    equipmentIdBatch: 'PLC01',
    components: {},
    status,
    notes,
    statusManufacturing: status === 'completed',
    statusOperation: status === 'cancelled',
    actualWeightKg: status === 'completed' ? 998.5 : null,
    actualKg,
    lastReadFromPlc: archivedAt,
    archivedAt,
  };
}

function wave(id: number, startedAt: string): RunRecord {
  return { id, task: 'mo-sync', trigger: 'schedule', startedAt, finishedAt: startedAt, outcome: 'fetched', queueCount: 0, moIds: [], reason: 'fetched 10 MOs', durationMs: 900, station: 'line-1' };
}

const rows = {
  archived: [
    batch(3, wib('09:40'), 'completed', { 101: 120.1, 103: 300.2, 114: 33.3 }),
    batch(2, wib('09:10'), 'cancelled', { 101: 60 }, 'Manually cancelled by operator: silo 103 jammed'),
    batch(1, wib('06:20'), 'completed', { 101: 120.2, 103: 299.9 }),
    batch(4, wib('06:05'), 'cancelled', {}, null),
  ],
  waves: [wave(20, wib('09:00')), wave(10, wib('06:01'))],
};

describe('the shift report', () => {
  it('counts MOs and waves, sums what completed batches consumed per silo and tank, and lists failures newest first', () => {
    const report = shiftReport(SHIFT, rows);

    expect(report).toMatchObject({ from: SHIFT.from, to: SHIFT.to, completed: 2, cancelled: 2, waves: 2 });
    // The cancelled batch's 60 kg from silo 101 is not production: it stays out of the sums.
    expect(report.kgByEquipment).toEqual({ 101: 240.3, 103: 600.1, 114: 33.3 });
    expect(report.totalKg).toBe(873.7);
    expect(report.failures).toEqual([
      { moId: 'WH/MO/00002', batchNo: 3, archivedAt: wib('09:10'), notes: 'Manually cancelled by operator: silo 103 jammed' },
      { moId: 'WH/MO/00004', batchNo: 5, archivedAt: wib('06:05'), notes: null },
    ]);
    expect(report.mos.map((m) => [m.moId, m.status, m.actualWeightKg])).toEqual([
      ['WH/MO/00003', 'completed', 998.5],
      ['WH/MO/00002', 'cancelled', null],
      ['WH/MO/00001', 'completed', 998.5],
      ['WH/MO/00004', 'cancelled', null],
    ]);
  });

  it('a quiet shift is all zeros, not missing', () => {
    expect(shiftReport(SHIFT, { archived: [], waves: [] })).toEqual({
      from: SHIFT.from,
      to: SHIFT.to,
      completed: 0,
      cancelled: 0,
      waves: 0,
      kgByEquipment: {},
      totalKg: 0,
      failures: [],
      mos: [],
    });
  });
});

describe('throughput per hour', () => {
  it('one bucket per hour of the period, oldest first, empty hours included, and they add up to the shift report', () => {
    const buckets = throughputByHour(SHIFT, rows);

    expect(buckets).toHaveLength(8);
    expect(buckets.map((b) => b.hour)).toEqual(['06', '07', '08', '09', '10', '11', '12', '13'].map((h) => wib(`${h}:00`)));
    expect(buckets[0]).toEqual({ hour: wib('06:00'), waves: 1, completed: 1, kgByEquipment: { 101: 120.2, 103: 299.9 } });
    expect(buckets[1]).toEqual({ hour: wib('07:00'), waves: 0, completed: 0, kgByEquipment: {} });
    expect(buckets[3]).toEqual({ hour: wib('09:00'), waves: 1, completed: 1, kgByEquipment: { 101: 120.1, 103: 300.2, 114: 33.3 } });

    const report = shiftReport(SHIFT, rows);
    expect(buckets.reduce((sum, b) => sum + b.waves, 0)).toBe(report.waves);
    expect(buckets.reduce((sum, b) => sum + b.completed, 0)).toBe(report.completed);
    expect(buckets.reduce((sum, b) => sum + (b.kgByEquipment[103] ?? 0), 0)).toBeCloseTo(report.kgByEquipment[103]!, 6);
  });

  it('a period not on the hour still gets the hours it touches', () => {
    const buckets = throughputByHour({ from: wib('06:30'), to: wib('08:10') }, { archived: [], waves: [] });
    expect(buckets.map((b) => b.hour)).toEqual([wib('06:00'), wib('07:00'), wib('08:00')]);
  });
});
