/**
 * History search and report rows, as every AuthorityStore answers them (issue 10): runs by MO and
 * by start time, the archive by archive time. Run against SQLite (test/unit/store/sqlite-run-search.test.ts)
 * and PostgreSQL (test/integration/store/pg-run-search.test.ts), beside the store contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome, RunRecord, TaskName } from '../../shared/domain';
import type { AuthorityStore, RunFilter } from '../../electron/store/authority-store';
import { recipe, type StoreFixture } from './authority-store-contract';

const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
/** ISO time `seconds` after the start of the test day. */
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const mo = (n: number): string => `WH/MO/${String(n).padStart(5, '0')}`;
const ids = (page: { items: { id: number }[] }) => page.items.map((r) => r.id);

export type RunSearchFixture = Pick<StoreFixture, 'store' | 'runLogScans' | 'dispose'>;

export function describeRunSearch(name: string, open: () => Promise<RunSearchFixture>): void {
  describe(`${name} — history search and report rows`, () => {
    let fx: RunSearchFixture;
    let store: AuthorityStore;
    beforeEach(async () => {
      fx = await open();
      store = fx.store;
    });
    afterEach(async () => fx?.dispose());

    async function run(task: TaskName, outcome: Outcome, second: number, moIds: string[] = []): Promise<RunRecord> {
      const id = await store.startRun({ task, trigger: 'schedule', station: 'station-a', pid: 4242, startedAt: at(second) });
      return store.finishRun(id, { outcome, reason: `${outcome} at ${second}`, moIds, finishedAt: at(second + 1) });
    }

    /** Every page of a filter, Older after Older, as the console walks it. */
    async function walk(filter: Omit<RunFilter, 'pageSize' | 'before'>, pageSize = 2): Promise<number[]> {
      const seen: number[] = [];
      let page = await store.listRuns({ pageSize, ...filter });
      for (;;) {
        seen.push(...ids(page));
        if (!page.hasOlder) return seen;
        page = await store.listRuns({ pageSize, ...filter, before: page.items.at(-1)!.id });
      }
    }

    describe('search by MO across runs', () => {
      it('lists exactly the runs that name the MO, newest first, pages Older and Newer, with task and outcome', async () => {
        const fetched = await run('mo-sync', 'fetched', 0, [mo(12), mo(13)]);
        await run('mo-sync', 'skipped', 10);
        const read1 = await run('plc-read', 'done', 20, [mo(12)]);
        await run('plc-read', 'done', 30, [mo(123), mo(13)]); // WH/MO/00123 contains "00012": not the same MO
        const read2 = await run('plc-read', 'idle', 40, [mo(12), mo(13)]);
        const completed = await run('complete', 'done', 50, [mo(12)]);
        await run('complete', 'done', 60, [mo(13)]);

        expect(await walk({ moId: mo(12) })).toEqual([completed.id, read2.id, read1.id, fetched.id]);
        const first = await store.listRuns({ pageSize: 2, moId: mo(12) });
        expect(first).toMatchObject({ hasOlder: true, hasNewer: false });
        expect(first.items.every((r) => r.moIds.includes(mo(12)))).toBe(true);
        const older = await store.listRuns({ pageSize: 2, moId: mo(12), before: read2.id });
        expect(ids(older)).toEqual([read1.id, fetched.id]);
        expect(older).toMatchObject({ hasOlder: false, hasNewer: true });
        const newer = await store.listRuns({ pageSize: 2, moId: mo(12), after: read1.id });
        expect(ids(newer)).toEqual([completed.id, read2.id]);
        expect(newer).toMatchObject({ hasOlder: true, hasNewer: false });

        expect(await walk({ moId: mo(12), task: 'plc-read' })).toEqual([read2.id, read1.id]);
        expect(await walk({ moId: mo(12), task: 'plc-read', outcome: 'idle' })).toEqual([read2.id]);
        expect(await walk({ moId: mo(12), outcome: 'fetched' })).toEqual([fetched.id]);
        expect(ids(await store.listRuns({ pageSize: 5, moId: mo(12), at: at(25) }))).toEqual([read1.id, fetched.id]);
        expect(await store.listRuns({ pageSize: 5, moId: 'WH/MO/0001' })).toEqual({ items: [], pageSize: 5, hasOlder: false, hasNewer: false });
      });

      it('a run still going is found once it has finished; pruned runs are not found', async () => {
        const going = await store.startRun({ task: 'complete', trigger: 'schedule', station: 'station-a', pid: 1, startedAt: at(0) });
        expect(ids(await store.listRuns({ pageSize: 5, moId: mo(7) }))).toEqual([]);
        await store.finishRun(going, { outcome: 'done', reason: 'archived', moIds: [mo(7)], finishedAt: at(1) });
        expect(ids(await store.listRuns({ pageSize: 5, moId: mo(7) }))).toEqual([going]);

        const later = await run('plc-read', 'done', 100, [mo(7)]);
        await store.pruneHistory(at(50), 1, 1_000);
        expect(ids(await store.listRuns({ pageSize: 5, moId: mo(7) }))).toEqual([later.id]);
      });
    });

    describe('runs of a period', () => {
      it('lists the runs started in [from, to), whatever the offset, with every other filter and cursor', async () => {
        const runs: RunRecord[] = [];
        for (let i = 0; i < 8; i++) runs.push(await run(i % 2 ? 'plc-read' : 'mo-sync', i === 4 ? 'fetched' : 'done', i * 100, i === 4 ? [mo(40)] : []));
        const period = { from: at(200), to: at(600) };

        expect(await walk(period)).toEqual([runs[5]!.id, runs[4]!.id, runs[3]!.id, runs[2]!.id]);
        const first = await store.listRuns({ pageSize: 2, ...period });
        expect(first).toMatchObject({ hasOlder: true, hasNewer: false });
        const last = await store.listRuns({ pageSize: 2, ...period, before: runs[4]!.id });
        expect(last).toMatchObject({ hasOlder: false, hasNewer: true });
        expect(ids(await store.listRuns({ pageSize: 2, ...period, after: runs[2]!.id }))).toEqual([runs[4]!.id, runs[3]!.id]);
        // A cursor outside the period still shows only the period.
        expect(ids(await store.listRuns({ pageSize: 9, ...period, before: runs[7]!.id }))).toEqual([5, 4, 3, 2].map((i) => runs[i]!.id));
        expect(ids(await store.listRuns({ pageSize: 9, ...period, at: at(350) }))).toEqual([runs[3]!.id, runs[2]!.id]);

        // The same moment written in the plant's zone (UTC+7).
        const local = (seconds: number) => new Date(T0 + seconds * 1000 + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
        expect(await walk({ from: local(200), to: local(600) })).toEqual([runs[5]!.id, runs[4]!.id, runs[3]!.id, runs[2]!.id]);

        expect(await walk({ ...period, task: 'mo-sync' })).toEqual([runs[4]!.id, runs[2]!.id]);
        expect(await walk({ ...period, task: 'mo-sync', outcome: 'fetched' })).toEqual([runs[4]!.id]);
        expect(await walk({ ...period, moId: mo(40) })).toEqual([runs[4]!.id]);
        expect(await walk({ from: at(500), moId: mo(40) })).toEqual([]);
        expect(await walk({ from: at(650) })).toEqual([runs[7]!.id]);
        expect(await walk({ to: at(100) })).toEqual([runs[0]!.id]);
      });

      it('a period with no runs is an empty page with nothing either side', async () => {
        await run('mo-sync', 'skipped', 100);
        const empty = { items: [], pageSize: 3, hasOlder: false, hasNewer: false };
        expect(await store.listRuns({ pageSize: 3, from: at(200) })).toEqual(empty);
        expect(await store.listRuns({ pageSize: 3, to: at(100) })).toEqual(empty);
        expect(await store.listRuns({ pageSize: 3, from: at(101), to: at(150) })).toEqual(empty);
      });

      it("a run recorded by a station whose clock is a few minutes behind is still judged by its start time", async () => {
        const inside = await run('mo-sync', 'done', 1_000);
        const behind = await run('plc-read', 'done', 1_000 - 200); // recorded after `inside`, its clock 200 s behind
        const after = await run('mo-sync', 'done', 1_100);
        expect(await walk({ from: at(900), to: at(1_200) })).toEqual([after.id, inside.id]);
        expect(await walk({ from: at(700), to: at(1_050) })).toEqual([behind.id, inside.id]);
        expect(await walk({ to: at(1_050) })).toEqual([behind.id, inside.id]);
      });
    });

    describe('the archive by archive time', () => {
      async function archiveWave(): Promise<void> {
        const lock = await store.tryAcquireSyncLock();
        const intent = await store.recordIntent(1, 'station-a', [1, 2, 3, 4].map((slot) => recipe(slot, 200 + slot)), at(0), lock!.epoch);
        await store.commitWave(intent.id, 'committed', at(1), lock!.epoch);
        await lock!.release();
        for (const [i, batch] of (await store.listQueue()).entries()) {
          await store.archiveBatch({ batchId: batch.id, status: i === 2 ? 'cancelled' : 'completed', notes: i === 2 ? 'silo 103 jammed' : null, at: at(100 * (i + 1)) });
        }
      }

      it('listHistory keeps to [from, to) with search and status, totals counting only the period', async () => {
        await archiveWave();
        const period = { page: 1, pageSize: 10, from: at(200), to: at(400) };
        const page = await store.listHistory(period);
        expect(page.total).toBe(2);
        expect(page.items.map((h) => h.moId)).toEqual([mo(203), mo(202)]);
        expect((await store.listHistory({ ...period, status: 'cancelled' })).items.map((h) => h.moId)).toEqual([mo(203)]);
        expect((await store.listHistory({ ...period, search: '00201' })).total).toBe(0);
        expect((await store.listHistory({ page: 1, pageSize: 10, from: at(300) })).items.map((h) => h.moId)).toEqual([mo(204), mo(203)]);
      });

      it('archivedBetween gives every batch archived in the period, newest first, with its actual kg and notes', async () => {
        await archiveWave();
        const rows = await store.archivedBetween(at(200), at(400));
        expect(rows.map((h) => [h.moId, h.status, h.notes, h.archivedAt])).toEqual([
          [mo(203), 'cancelled', 'silo 103 jammed', at(300)],
          [mo(202), 'completed', null, at(200)],
        ]);
        expect(await store.archivedBetween(at(500), at(600))).toEqual([]);
      });
    });

    it('reads the run log through its indexes only, also searching by MO and period', async () => {
      const { checked, scans } = await fx.runLogScans(async () => {
        await run('mo-sync', 'fetched', 0, [mo(1), mo(2)]);
        await run('plc-read', 'done', 10, [mo(1)]);
        for (const filter of [{ moId: mo(1) }, { moId: mo(1), task: 'plc-read' as const, outcome: 'done' as const }, { from: at(5) }, { from: at(5), to: at(20), task: 'mo-sync' as const }, { to: at(20), moId: mo(2), outcome: 'fetched' as const }]) {
          await store.listRuns({ pageSize: 1, ...filter });
          await store.listRuns({ pageSize: 1, before: 2, ...filter });
          await store.listRuns({ pageSize: 1, after: 1, ...filter });
          await store.listRuns({ pageSize: 1, at: at(5), ...filter });
        }
      });
      expect(checked).toBeGreaterThanOrEqual(10);
      expect(scans).toEqual([]);
    });
  });
}
