/**
 * What a period produced, summed once in TypeScript for every store (SQLite, PostgreSQL, the
 * mirror): the shift report and the hourly throughput are the same tally, over the whole period or
 * per hour. kg are what completed batches actually consumed per silo or tank; a cancelled batch
 * counts as a failure, whatever it dosed before it stopped.
 */
import type { EquipmentId, HistoryEntry, RunRecord, ShiftReport, ThroughputBucket } from '../../../shared/domain';
import { roundKg } from '../../odoo/round-kg';
import type { ReportPeriod, ReportRows } from './report-rows';

interface Tally {
  completed: number;
  cancelled: number;
  waves: number;
  kgByEquipment: Partial<Record<EquipmentId, number>>;
}

/** kg to the gram: sums of PLC floats carry noise below that. */
const KG_DECIMALS = 3;
const HOUR_MS = 3_600_000;

function tally(archived: readonly HistoryEntry[], waves: readonly RunRecord[]): Tally {
  const kgByEquipment: Partial<Record<EquipmentId, number>> = {};
  let completed = 0;
  for (const batch of archived) {
    if (batch.status !== 'completed') continue;
    completed++;
    for (const [id, kg] of Object.entries(batch.actualKg) as [string, number | undefined][]) {
      const equipment = Number(id) as EquipmentId;
      if (kg !== undefined) kgByEquipment[equipment] = (kgByEquipment[equipment] ?? 0) + kg;
    }
  }
  for (const id of Object.keys(kgByEquipment).map(Number) as EquipmentId[]) kgByEquipment[id] = roundKg(kgByEquipment[id]!, KG_DECIMALS);
  return { completed, cancelled: archived.length - completed, waves: waves.length, kgByEquipment };
}

export function shiftReport(period: ReportPeriod, rows: ReportRows): ShiftReport {
  const totals = tally(rows.archived, rows.waves);
  const newestFirst = [...rows.archived].sort(byArchiveTimeNewestFirst);
  return {
    from: period.from,
    to: period.to,
    ...totals,
    totalKg: roundKg(Object.values(totals.kgByEquipment).reduce((sum, kg) => sum + kg, 0), KG_DECIMALS),
    failures: newestFirst
      .filter((batch) => batch.status === 'cancelled')
      .map((batch) => ({ moId: batch.moId, batchNo: batch.batchNo, archivedAt: batch.archivedAt, notes: batch.notes })),
    mos: newestFirst.map((batch) => ({
      moId: batch.moId,
      status: batch.status,
      finishedGoods: batch.finishedGoods,
      actualWeightKg: batch.actualWeightKg,
      archivedAt: batch.archivedAt,
    })),
  };
}

/**
 * One bucket per hour of the period, empty hours included (a chart shows the gaps), oldest first.
 * Hours are UTC hours, which are the plant's own hours in any whole-hour zone (WIB is UTC+7).
 */
export function throughputByHour(period: ReportPeriod, rows: ReportRows): ThroughputBucket[] {
  const first = Math.floor(Date.parse(period.from) / HOUR_MS);
  const hours = Math.ceil(Date.parse(period.to) / HOUR_MS) - first;
  const archivedIn = groupByHour(rows.archived, (batch) => batch.archivedAt);
  const wavesIn = groupByHour(rows.waves, (run) => run.startedAt);
  return Array.from({ length: hours }, (_, i) => {
    const hour = first + i;
    const { completed, waves, kgByEquipment } = tally(archivedIn.get(hour) ?? [], wavesIn.get(hour) ?? []);
    return { hour: new Date(hour * HOUR_MS).toISOString(), waves, completed, kgByEquipment };
  });
}

function groupByHour<T>(rows: readonly T[], timeOf: (row: T) => string | null): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const time = timeOf(row);
    if (time === null) continue;
    const hour = Math.floor(Date.parse(time) / HOUR_MS);
    const group = groups.get(hour);
    if (group) group.push(row);
    else groups.set(hour, [row]);
  }
  return groups;
}

function byArchiveTimeNewestFirst(a: HistoryEntry, b: HistoryEntry): number {
  return Date.parse(b.archivedAt ?? '') - Date.parse(a.archivedAt ?? '') || a.moId.localeCompare(b.moId);
}
