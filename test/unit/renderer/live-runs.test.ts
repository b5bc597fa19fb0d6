import { describe, expect, it } from 'vitest';
import { withLiveRun } from '../../../renderer/state/live-runs';
import type { RunPage, RunRecord } from '../../../shared/domain';
import { runRecord } from '../../support/run-record';

const run = (id: number, patch: Partial<RunRecord> = {}): RunRecord => runRecord({ id, trigger: 'schedule', outcome: 'skipped', queueCount: 3, reason: 'waiting', ...patch });

const page = (items: RunRecord[], more: { hasOlder?: boolean; hasNewer?: boolean } = {}): RunPage => ({
  items,
  pageSize: 3,
  hasOlder: more.hasOlder ?? false,
  hasNewer: more.hasNewer ?? false,
});

describe('withLiveRun', () => {
  it('puts a new run on top of the newest page, keeping the page size; the run pushed off is one Older away', () => {
    const next = withLiveRun(page([run(3), run(2), run(1)]), { pageSize: 3 }, run(4));

    expect(next.items.map((r) => r.id)).toEqual([4, 3, 2]);
    expect(next).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('shows a run once (the reply to Sync now and its push carry the same run), as last told', () => {
    const next = withLiveRun(page([run(3), run(2)]), { pageSize: 3 }, run(3, { reason: 'updated' }));

    expect(next.items.map((r) => [r.id, r.reason])).toEqual([
      [3, 'updated'],
      [2, 'waiting'],
    ]);
  });

  it('places a long run that finished after shorter ones by its id, as the store orders it', () => {
    const next = withLiveRun(page([run(5), run(3)]), { pageSize: 3 }, run(4));

    expect(next.items.map((r) => r.id)).toEqual([5, 4, 3]);
  });

  it('leaves a filtered list alone when the run does not match the filter', () => {
    const shown = page([run(1)]);

    expect(withLiveRun(shown, { pageSize: 3, outcome: 'fetched' }, run(2, { outcome: 'skipped' }))).toBe(shown);
    expect(withLiveRun(shown, { pageSize: 3, task: 'plc-read' }, run(2))).toBe(shown);
  });

  it('takes a pushed run into a list searched by MO or period only when it names the MO and started in the period', () => {
    const shown = page([run(1, { moIds: ['WH/MO/00011'] })]);
    const byMo = { pageSize: 3, moId: 'WH/MO/00011' };
    const period = { pageSize: 3, from: '2026-11-28T08:00:00Z', to: '2026-11-28T09:00:00Z' };

    expect(withLiveRun(shown, byMo, run(2, { moIds: ['WH/MO/00012'] }))).toBe(shown);
    expect(withLiveRun(shown, byMo, run(2, { moIds: ['WH/MO/00012', 'WH/MO/00011'] })).items.map((r) => r.id)).toEqual([2, 1]);
    expect(withLiveRun(shown, period, run(2, { startedAt: '2026-11-28T09:00:00Z' }))).toBe(shown);
    expect(withLiveRun(shown, period, run(2, { startedAt: '2026-11-28T08:59:59Z' })).items).toHaveLength(2);
  });

  it('keeps the rows of an older page: a new run is behind its Newer button', () => {
    const shown = page([run(3), run(2), run(1)], { hasNewer: true });

    expect(withLiveRun(shown, { pageSize: 3, before: 4 }, run(10))).toBe(shown);
  });
});
