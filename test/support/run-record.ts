import type { RunRecord } from '../../shared/domain';

/** A finished run of the gate as the engine records it: Sync now fetched nothing into an empty queue, unless `patch` says otherwise. */
export function runRecord(patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 1,
    task: 'mo-sync',
    trigger: 'manual',
    startedAt: '2026-11-28T08:00:00Z',
    finishedAt: '2026-11-28T08:00:01Z',
    outcome: 'fetched',
    queueCount: 0,
    moIds: [],
    reason: '',
    durationMs: 1000,
    station: 'L1',
    ...patch,
  };
}
