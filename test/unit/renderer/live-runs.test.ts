import { describe, expect, it } from 'vitest';
import { withLiveRun } from '../../../renderer/state/live-runs';
import type { Page, RunRecord } from '../../../shared/domain';

function run(id: number, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    task: 'mo-sync',
    trigger: 'schedule',
    startedAt: '2026-11-28T08:00:00Z',
    finishedAt: '2026-11-28T08:00:01Z',
    outcome: 'skipped',
    queueCount: 3,
    moIds: [],
    reason: 'waiting',
    durationMs: 5,
    station: 'L1',
    ...overrides,
  };
}

const page = (items: RunRecord[], total = items.length, pageNo = 1, pageSize = 3): Page<RunRecord> => ({ items, total, page: pageNo, pageSize });

describe('withLiveRun', () => {
  it('puts a new run on top of the first page, keeping the page size', () => {
    const shown = page([run(3), run(2), run(1)], 3);

    const next = withLiveRun(shown, { page: 1, pageSize: 3 }, run(4));

    expect(next.items.map((r) => r.id)).toEqual([4, 3, 2]);
    expect(next.total).toBe(4);
  });

  it('does not count a run twice (the reply to Sync now and its push carry the same run)', () => {
    const shown = page([run(3), run(2)], 2);

    const next = withLiveRun(shown, { page: 1, pageSize: 3 }, run(3, { reason: 'updated' }));

    expect(next.items.map((r) => [r.id, r.reason])).toEqual([
      [3, 'updated'],
      [2, 'waiting'],
    ]);
    expect(next.total).toBe(2);
  });

  it('leaves a filtered list alone when the run does not match the filter', () => {
    const shown = page([run(1)], 1);

    expect(withLiveRun(shown, { page: 1, pageSize: 3, outcome: 'fetched' }, run(2, { outcome: 'skipped' }))).toBe(shown);
    expect(withLiveRun(shown, { page: 1, pageSize: 3, task: 'plc-read' }, run(2))).toBe(shown);
  });

  it('only counts the new run on a later page, without shifting its rows', () => {
    const shown = page([run(3), run(2), run(1)], 9, 2);

    const next = withLiveRun(shown, { page: 2, pageSize: 3 }, run(10));

    expect(next.items.map((r) => r.id)).toEqual([3, 2, 1]);
    expect(next.total).toBe(10);
  });
});
