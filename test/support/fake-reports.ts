/**
 * The fake engine's shift report, throughput and log pages, computed from its
 * in-memory archive, runs and log lines the simple way (the engine's own are in
 * electron/engine/reports/ and its log reader).
 */
import type { ParsedInput } from '../../shared/contract';
import { EQUIPMENT_IDS, type HistoryEntry, type LogEntry, type LogPage, type RunRecord, type ShiftReport, type ThroughputBucket } from '../../shared/domain';

const LEVELS: LogEntry['level'][] = ['debug', 'info', 'warn', 'error'];
const HOUR_MS = 3_600_000;

function within(iso: string | null, from: string, to: string): boolean {
  if (iso === null) return false;
  const time = Date.parse(iso);
  return time >= Date.parse(from) && time < Date.parse(to);
}

function isWave(run: RunRecord): boolean {
  return run.task === 'mo-sync' && run.outcome === 'fetched';
}

export function fakeShiftReport(history: readonly HistoryEntry[], runs: readonly RunRecord[], { from, to }: ParsedInput<'shiftReport'>): ShiftReport {
  const archived = history.filter((entry) => within(entry.archivedAt, from, to));
  const completed = archived.filter((entry) => entry.status === 'completed');
  const kgByEquipment: ShiftReport['kgByEquipment'] = {};
  for (const entry of completed) {
    for (const id of EQUIPMENT_IDS) {
      const kg = entry.actualKg[id];
      if (kg !== undefined) kgByEquipment[id] = (kgByEquipment[id] ?? 0) + kg;
    }
  }
  return {
    from,
    to,
    completed: completed.length,
    cancelled: archived.length - completed.length,
    waves: runs.filter((run) => isWave(run) && within(run.startedAt, from, to)).length,
    kgByEquipment,
    totalKg: Object.values(kgByEquipment).reduce((sum, kg) => sum + kg, 0),
    failures: archived
      .filter((entry) => entry.status === 'cancelled')
      .map((entry) => ({ moId: entry.moId, batchNo: entry.batchNo, archivedAt: entry.archivedAt, notes: entry.notes })),
    mos: archived.map((entry) => ({
      moId: entry.moId,
      status: entry.status,
      finishedGoods: entry.finishedGoods,
      actualWeightKg: entry.actualWeightKg,
      archivedAt: entry.archivedAt,
    })),
  };
}

/** One bucket per hour of the period, empty hours included. */
export function fakeThroughput(history: readonly HistoryEntry[], runs: readonly RunRecord[], { from, to }: ParsedInput<'throughput'>): ThroughputBucket[] {
  const buckets: ThroughputBucket[] = [];
  for (let start = Math.floor(Date.parse(from) / HOUR_MS) * HOUR_MS; start < Date.parse(to); start += HOUR_MS) {
    const hourFrom = new Date(start).toISOString();
    const hourTo = new Date(start + HOUR_MS).toISOString();
    const report = fakeShiftReport(history, runs, { from: hourFrom, to: hourTo });
    buckets.push({ hour: hourFrom, waves: report.waves, completed: report.completed, kgByEquipment: report.kgByEquipment });
  }
  return buckets;
}

/** Newest first; the cursor is the index of the next entry, as an opaque string. */
export function fakeLogPage(logs: readonly LogEntry[], { pageSize, older, minLevel, search }: ParsedInput<'listLogs'>): LogPage {
  const needle = search?.trim().toLowerCase() ?? '';
  const matching = logs.filter(
    (entry) =>
      (minLevel === undefined || LEVELS.indexOf(entry.level) >= LEVELS.indexOf(minLevel)) &&
      [entry.message, entry.moId ?? '', entry.task ?? ''].some((text) => text.toLowerCase().includes(needle)),
  );
  const start = older === undefined ? 0 : Number(older);
  if (!Number.isInteger(start) || start < 0) throw new Error(`'${older}' is not a log cursor`);
  const end = start + pageSize;
  return { items: matching.slice(start, end), older: end < matching.length ? String(end) : null };
}
