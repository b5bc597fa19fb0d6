/** Mapping of `sync_runs` rows to RunRecord, shared by the SQLite and PostgreSQL stores. */
import type { Outcome, RunRecord, TaskName, Trigger } from '../../shared/domain';

export interface RunRow {
  id: number | string;
  task: string;
  trigger: string;
  station: string;
  started_at: string | Date;
  finished_at: string | Date | null;
  outcome: string | null;
  queue_count: number | null;
  mo_ids: string | string[];
  reason: string;
  duration_ms: number | string | null;
}

const iso = (value: string | Date): string => (value instanceof Date ? value.toISOString() : value);

export function rowToRun(row: RunRow): RunRecord {
  return {
    id: Number(row.id),
    task: row.task as TaskName,
    trigger: row.trigger as Trigger,
    station: row.station,
    startedAt: iso(row.started_at),
    finishedAt: row.finished_at === null ? iso(row.started_at) : iso(row.finished_at),
    outcome: (row.outcome ?? 'error') as Outcome,
    queueCount: row.queue_count === null ? null : Number(row.queue_count),
    moIds: Array.isArray(row.mo_ids) ? row.mo_ids : (JSON.parse(row.mo_ids) as string[]),
    reason: row.reason,
    durationMs: Number(row.duration_ms ?? 0),
  };
}
