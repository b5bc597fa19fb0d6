import { describe, expect, it } from 'vitest';
import { readArchiveForExport } from '../../../../../renderer/panels/history/archive-export';
import { EXPORT_PAGE_SIZE, readRunsForExport } from '../../../../../renderer/panels/history/runs-export';
import type { RequestInput } from '../../../../../shared/contract';
import type { HistoryEntry, RunPage, RunRecord } from '../../../../../shared/domain';

/** A run log of `count` runs (ids 1..count), answered the way listRuns pages it: newest first, `before` a run id. */
function runLog(count: number) {
  const asked: RequestInput<'listRuns'>[] = [];
  const run = (id: number) => ({ id, moIds: [`WH/MO/${id}`] }) as RunRecord;
  return {
    asked,
    api: {
      async listRuns(input: RequestInput<'listRuns'>): Promise<RunPage> {
        asked.push(input);
        const newest = Math.min(count, (input.before ?? count + 1) - 1);
        const pageSize = input.pageSize ?? 50;
        const items = Array.from({ length: Math.max(0, Math.min(pageSize, newest)) }, (_, index) => run(newest - index));
        return { items, pageSize, hasOlder: (items.at(-1)?.id ?? 1) > 1, hasNewer: newest < count };
      },
    },
  };
}

describe('exporting every run that matches, page by page', () => {
  it('reads pages of 500 through the before-cursor until the oldest run, with the filter on every page', async () => {
    const log = runLog(1_234);
    const progress: number[] = [];

    const exported = await readRunsForExport(log.api, { task: 'mo-sync', moId: 'WH/MO/7' }, (rows) => progress.push(rows));

    expect(exported.rows.map((run) => run.id)).toEqual(Array.from({ length: 1_234 }, (_, index) => 1_234 - index));
    expect(exported.capped).toBe(false);
    expect(log.asked.map((input) => input.before)).toEqual([undefined, 735, 235]);
    expect(log.asked.every((input) => input.pageSize === EXPORT_PAGE_SIZE && input.task === 'mo-sync' && input.moId === 'WH/MO/7')).toBe(true);
    expect(progress).toEqual([500, 1_000, 1_234]);
  });

  it('stops at the cap and says more rows matched', async () => {
    const log = runLog(2_000);

    const exported = await readRunsForExport(log.api, {}, undefined, 1_000);

    expect(exported.rows).toHaveLength(1_000);
    expect(exported.rows[0]?.id).toBe(2_000);
    expect(exported.capped).toBe(true);
    expect(log.asked).toHaveLength(2);
  });

  it('is not capped when the matching rows end exactly at the cap', async () => {
    expect((await readRunsForExport(runLog(1_000).api, {}, undefined, 1_000)).capped).toBe(false);
  });

  it('reads the archive by page number until its total', async () => {
    const pages: number[] = [];
    const entries = Array.from({ length: 1_100 }, (_, index) => ({ id: String(index) }) as HistoryEntry);
    const api = {
      async listHistory(input: RequestInput<'listHistory'>) {
        const page = input.page ?? 1;
        const pageSize = input.pageSize ?? 50;
        pages.push(page);
        return { items: entries.slice((page - 1) * pageSize, page * pageSize), total: entries.length, page, pageSize };
      },
    };

    const exported = await readArchiveForExport(api, { status: 'completed' });

    expect(exported.rows).toHaveLength(1_100);
    expect(pages).toEqual([1, 2, 3]);
  });
});
