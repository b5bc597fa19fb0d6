/**
 * The behaviour every AuthorityStore must show, written once from the
 * interface's documentation (electron/store/authority-store.ts) and run
 * against each implementation: SQLite (test/unit/store/sqlite-store.test.ts)
 * and PostgreSQL (test/integration/store/pg-store.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchRecipe, QueueBatch } from '../../shared/domain';
import { GateLockLostError, OutboxBusyError, type AuthorityStore, type DispatchIntent } from '../../electron/store/authority-store';

export interface StoreFixture {
  store: AuthorityStore;
  /** Another store on the same database, as a second process or station opens it. */
  openPeer(): Promise<AuthorityStore>;
  /** Writes a row of the plant's system_log directly (the app only prunes them). */
  addLogRow(timestamp: string, message: string): Promise<void>;
  logMessages(): Promise<string[]>;
  /**
   * Runs `work` and plans every query it made on sync_runs (EXPLAIN): how many were checked, and
   * those whose plan reads the whole table (as SQL, with the plan), which a million runs make slow.
   */
  runLogScans(work: () => Promise<void>): Promise<{ checked: number; scans: string[] }>;
  dispose(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
/** ISO time `seconds` after the start of the test day. */
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const moName = (n: number): string => `WH/MO/${String(n).padStart(5, '0')}`;

export function recipe(batchNo: number, moNumber: number): BatchRecipe {
  return {
    batchNo,
    moId: moName(moNumber),
    finishedGoods: `[10092] JF SAPOT 1B batch ${moNumber}`,
    quantityKg: 1000 + moNumber / 4,
    equipmentIdBatch: 'PLC01',
    components: {
      101: { name: '[40031] PKE PELLET', plannedKg: 120.5 },
      103: { name: '[40025] POLLAR ANGSA', plannedKg: 300 + moNumber },
      114: { name: '[40018] TETES', plannedKg: 33.3 },
    },
    manualAdditives: [],
  };
}

const wave = (first: number, count: number): BatchRecipe[] =>
  Array.from({ length: count }, (_, i) => recipe(i + 1, first + i));

export function describeAuthorityStore(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name} — AuthorityStore contract`, () => {
    let fx: StoreFixture;
    let store: AuthorityStore;
    /** A gate epoch no one has taken the lock after: the gate's writes below are accepted. */
    let epoch: number;
    beforeEach(async () => {
      fx = await open();
      store = fx.store;
      const lock = await store.tryAcquireSyncLock();
      epoch = lock!.epoch;
      await lock!.release();
    });
    afterEach(async () => fx?.dispose());

    async function queueWave(first: number, count: number, runId = 1): Promise<QueueBatch[]> {
      const intent = await store.recordIntent(runId, 'station-a', wave(first, count), at(1), epoch);
      await store.commitWave(intent.id, 'committed', at(2), epoch);
      return store.listQueue();
    }

    async function finishedRun(task: 'mo-sync' | 'plc-read', outcome: 'fetched' | 'skipped' | 'done' | 'idle' | 'busy', second: number) {
      const id = await store.startRun({ task, trigger: 'schedule', station: 'station-a', pid: 4242, startedAt: at(second) });
      return store.finishRun(id, { outcome, reason: `${outcome} at ${second}`, finishedAt: at(second + 1) });
    }

    describe('queue and dispatch intents', () => {
      it('a fresh store has an empty queue, no intents and knows no MO', async () => {
        expect(await store.countQueue()).toBe(0);
        expect(await store.listQueue()).toEqual([]);
        expect(await store.unresolvedIntents()).toEqual([]);
        expect(await store.knownMoIds([moName(11)])).toEqual(new Set());
        expect(await store.knownMoIds([])).toEqual(new Set());
      });

      it('a recorded intent is unresolved, queues nothing, and keeps its MOs from being fetched again', async () => {
        const recipes = wave(11, 3);
        const intent = await store.recordIntent(7, 'station-a', recipes, at(5), epoch);

        expect(intent).toMatchObject({ runId: 7, station: 'station-a', createdAt: at(5), phase: 'writing', recipes });
        expect(await store.unresolvedIntents()).toEqual([intent]);
        expect(await store.countQueue()).toBe(0);
        expect(await store.knownMoIds([moName(11), moName(13), moName(99)])).toEqual(new Set([moName(11), moName(13)]));
      });

      it('a verified intent stays unresolved; an abandoned one releases its MOs', async () => {
        const verified = await store.recordIntent(1, 'station-a', wave(11, 2), at(1), epoch);
        const abandoned = await store.recordIntent(2, 'station-a', wave(21, 2), at(2), epoch);

        await store.setIntentPhase(verified.id, 'verified', at(3), epoch);
        await store.setIntentPhase(abandoned.id, 'abandoned', at(3), epoch);

        expect((await store.unresolvedIntents()).map((i) => [i.id, i.phase])).toEqual([[verified.id, 'verified']]);
        expect(await store.knownMoIds([moName(11), moName(21)])).toEqual(new Set([moName(11)]));
      });

      it('a wave held for an operator (unconfirmed, conflict) stays unresolved with what the PLC showed, and its MOs stay known', async () => {
        const unconfirmed = await store.recordIntent(1, 'station-a', wave(11, 2), at(1), epoch);
        const conflict = await store.recordIntent(2, 'station-a', wave(21, 2), at(2), epoch);

        await store.holdIntent(unconfirmed.id, 'unconfirmed', 'D7076 = 1; the PLC has not taken it', epoch);
        await store.holdIntent(conflict.id, 'conflict', 'its WRITE slots are empty', epoch);

        expect((await store.unresolvedIntents()).map((i) => [i.phase, i.plcView])).toEqual([
          ['unconfirmed', 'D7076 = 1; the PLC has not taken it'],
          ['conflict', 'its WRITE slots are empty'],
        ]);
        expect(await store.knownMoIds([moName(11), moName(21), moName(31)])).toEqual(new Set([moName(11), moName(21)]));
        await store.commitWave(unconfirmed.id, 'adopted', at(3), epoch);
        await store.setIntentPhase(conflict.id, 'abandoned', at(3), epoch);
        expect(await store.unresolvedIntents()).toEqual([]);
        expect(await store.knownMoIds([moName(21)])).toEqual(new Set());
      });

      it('commitWave queues the wave in slot order with its recipes and closes the intent', async () => {
        const recipes = wave(11, 3);
        const intent = await store.recordIntent(1, 'station-a', recipes, at(1), epoch);

        await store.commitWave(intent.id, 'committed', at(2), epoch);

        const queue = await store.listQueue();
        expect(await store.countQueue()).toBe(3);
        expect(queue.map(({ batchNo, moId, finishedGoods, quantityKg, equipmentIdBatch, components, manualAdditives }) => ({
          batchNo, moId, finishedGoods, quantityKg, equipmentIdBatch, components, manualAdditives,
        }))).toEqual(recipes);
        for (const batch of queue) {
          expect(batch).toMatchObject({
            statusManufacturing: false,
            statusOperation: false,
            actualWeightKg: null,
            actualKg: {},
            lastReadFromPlc: null,
            updateOdoo: false,
            odooCancelled: false,
          });
        }
        expect(new Set(queue.map((b) => b.id)).size).toBe(3);
        expect(await store.unresolvedIntents()).toEqual([]);
        expect(await store.knownMoIds(recipes.map((r) => r.moId))).toEqual(new Set(recipes.map((r) => r.moId)));
      });

      it('an adopted wave (found on the PLC after a crash) is queued the same way', async () => {
        const intent = await store.recordIntent(1, 'station-a', wave(11, 2), at(1), epoch);
        await store.setIntentPhase(intent.id, 'verified', at(2), epoch);

        await store.commitWave(intent.id, 'adopted', at(3), epoch);

        expect((await store.listQueue()).map((b) => b.moId)).toEqual([moName(11), moName(12)]);
        expect(await store.unresolvedIntents()).toEqual([]);
      });

      it('commitWave is all or nothing: an MO already queued rejects the whole wave and the intent stays open', async () => {
        await queueWave(11, 1);
        const clash: DispatchIntent = await store.recordIntent(2, 'station-a', [recipe(2, 30), recipe(3, 11)], at(3), epoch);

        await expect(store.commitWave(clash.id, 'committed', at(4), epoch)).rejects.toThrow();

        expect((await store.listQueue()).map((b) => b.moId)).toEqual([moName(11)]);
        expect((await store.unresolvedIntents()).map((i) => i.id)).toEqual([clash.id]);
      });

      it('commitWave of an unknown intent rejects and queues nothing', async () => {
        await expect(store.commitWave(999, 'committed', at(1), epoch)).rejects.toThrow(/999/);
        expect(await store.countQueue()).toBe(0);
      });
    });

    describe('PLC feedback and the archive', () => {
      it('applyFeedback stores what changed and moves last_read_from_plc only for changed rows', async () => {
        const [first, second] = await queueWave(11, 2);
        const changed = await store.applyFeedback(
          [
            { batchId: first!.id, statusManufacturing: true, statusOperation: false, actualWeightKg: 998.5, actualKg: { 101: 120.25, 114: 33 } },
            { batchId: second!.id, statusManufacturing: false, statusOperation: false, actualWeightKg: null, actualKg: {} },
            { batchId: '00000000-0000-4000-8000-000000000000', statusManufacturing: true, statusOperation: true, actualWeightKg: 1, actualKg: {} },
          ],
          at(10),
        );

        expect(changed).toBe(1);
        const [a, b] = await store.listQueue();
        expect(a).toMatchObject({ statusManufacturing: true, actualWeightKg: 998.5, actualKg: { 101: 120.25, 114: 33 }, lastReadFromPlc: at(10) });
        expect(b).toMatchObject({ statusManufacturing: false, actualWeightKg: null, actualKg: {}, lastReadFromPlc: null });
      });

      it('applyFeedback keeps stored values a reading did not carry, and an unchanged reading changes nothing', async () => {
        const [batch] = await queueWave(11, 1);
        const full = { batchId: batch!.id, statusManufacturing: false, statusOperation: false, actualWeightKg: 500, actualKg: { 101: 60, 103: 150 } };
        await store.applyFeedback([full], at(10));

        const partial = { ...full, actualWeightKg: null, actualKg: { 103: 151 } };
        expect(await store.applyFeedback([partial], at(20))).toBe(1);
        expect(await store.applyFeedback([partial], at(30))).toBe(0);

        const [stored] = await store.listQueue();
        expect(stored).toMatchObject({ actualWeightKg: 500, actualKg: { 101: 60, 103: 151 }, lastReadFromPlc: at(20) });
      });

      it('markOdooCancelled flags the queued batch', async () => {
        const [first, second] = await queueWave(11, 2);
        await store.markOdooCancelled(second!.id);
        const queue = await store.listQueue();
        expect(queue.map((b) => [b.id, b.odooCancelled])).toEqual([[first!.id, false], [second!.id, true]]);
      });

      it('archiveBatch moves one batch with its actuals to mo_histories, and the MO stays known', async () => {
        const [first, second] = await queueWave(11, 2);
        await store.applyFeedback(
          [{ batchId: first!.id, statusManufacturing: true, statusOperation: false, actualWeightKg: 1001.25, actualKg: { 103: 310.5 } }],
          at(10),
        );

        await store.archiveBatch({ batchId: first!.id, status: 'completed', notes: null, at: at(20) });

        expect((await store.listQueue()).map((b) => b.id)).toEqual([second!.id]);
        const history = await store.listHistory({ page: 1, pageSize: 10 });
        expect(history.total).toBe(1);
        const [entry] = history.items;
        const { manualAdditives: _notArchived, ...archivedRecipe } = recipe(1, 11);
        expect(entry).toMatchObject({
          ...archivedRecipe,
          status: 'completed',
          notes: null,
          statusManufacturing: true,
          statusOperation: false,
          actualWeightKg: 1001.25,
          actualKg: { 103: 310.5 },
          lastReadFromPlc: at(10),
          archivedAt: at(20),
        });
        expect(entry!.id).not.toBe(first!.id);
        expect(await store.knownMoIds([moName(11), moName(12), moName(13)])).toEqual(new Set([moName(11), moName(12)]));
      });

      it('archiveBatch closes the outbox entry it records the success of, in the same step', async () => {
        const [batch] = await queueWave(11, 1);
        const entry = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: { mo_id: moName(11) }, at: at(5) });

        await store.archiveBatch({ batchId: batch!.id, status: 'completed', notes: null, at: at(9), outboxId: entry.id });

        expect(await store.outboxEntry(moName(11), 'consumption')).toMatchObject({ state: 'done', updatedAt: at(9) });
        expect(await store.countQueue()).toBe(0);
      });

      it('listHistory: newest archive first, pages with a total, search by MO (case-insensitive, wildcards literal) and status', async () => {
        const queue = await queueWave(101, 5);
        for (const [i, batch] of queue.entries()) {
          const cancelled = i % 2 === 1;
          await store.archiveBatch({
            batchId: batch.id,
            status: cancelled ? 'cancelled' : 'completed',
            notes: cancelled ? 'Manually cancelled by operator' : null,
            at: at(100 + i),
          });
        }

        const page1 = await store.listHistory({ page: 1, pageSize: 2 });
        const page3 = await store.listHistory({ page: 3, pageSize: 2 });
        expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
        expect(page1.items.map((h) => h.moId)).toEqual([moName(105), moName(104)]);
        expect(page3.items.map((h) => h.moId)).toEqual([moName(101)]);

        const cancelled = await store.listHistory({ page: 1, pageSize: 10, status: 'cancelled' });
        expect(cancelled.items.map((h) => [h.moId, h.notes])).toEqual([
          [moName(104), 'Manually cancelled by operator'],
          [moName(102), 'Manually cancelled by operator'],
        ]);
        expect((await store.listHistory({ page: 1, pageSize: 10, search: 'wh/mo/0010' })).total).toBe(5);
        expect((await store.listHistory({ page: 1, pageSize: 10, search: '00103' })).items.map((h) => h.moId)).toEqual([moName(103)]);
        expect((await store.listHistory({ page: 1, pageSize: 10, search: 'MO/%' })).total).toBe(0);
        expect((await store.listHistory({ page: 1, pageSize: 10, search: '0010_' })).total).toBe(0);
        expect((await store.listHistory({ page: 1, pageSize: 10, search: '00103', status: 'cancelled' })).total).toBe(0);
      });

      it('listHistory: batches archived at the same moment read in slot order, whatever order the PLC finished them', async () => {
        const queue = await queueWave(201, 4);
        for (const [i, batch] of [...queue.entries()].reverse()) {
          await store.applyFeedback([{ batchId: batch.id, statusManufacturing: true, statusOperation: false, actualWeightKg: 900, actualKg: {} }], at(10 + i));
        }
        for (const batch of [queue[2], queue[0], queue[3], queue[1]]) {
          await store.archiveBatch({ batchId: batch!.id, status: 'completed', notes: null, at: at(60) });
        }
        expect((await store.listHistory({ page: 1, pageSize: 10 })).items.map((h) => h.batchNo)).toEqual([1, 2, 3, 4]);
      });
    });

    describe('runs', () => {
      it('a run is listed only once finished, with its outcome, reason, MOs, count and duration', async () => {
        const id = await store.startRun({ task: 'mo-sync', trigger: 'manual', station: 'station-a', pid: 4242, startedAt: at(0) });
        expect((await store.listRuns({ pageSize: 10 })).items).toEqual([]);
        expect(await store.lastRun('mo-sync')).toBeNull();

        const run = await store.finishRun(id, {
          outcome: 'fetched',
          reason: 'fetched 2 MOs',
          queueCount: 0,
          moIds: [moName(11), moName(12)],
          finishedAt: new Date(T0 + 1_250).toISOString(),
        });

        expect(run).toEqual({
          id,
          task: 'mo-sync',
          trigger: 'manual',
          station: 'station-a',
          startedAt: at(0),
          finishedAt: new Date(T0 + 1_250).toISOString(),
          outcome: 'fetched',
          queueCount: 0,
          moIds: [moName(11), moName(12)],
          reason: 'fetched 2 MOs',
          durationMs: 1_250,
        });
        expect(await store.listRuns({ pageSize: 10 })).toEqual({ items: [run], pageSize: 10, hasOlder: false, hasNewer: false });
        expect(await store.lastRun('mo-sync')).toEqual(run);
      });

      it('a run without a queue count or MOs reads back as null and []', async () => {
        const run = await finishedRun('plc-read', 'done', 0);
        expect(run).toMatchObject({ queueCount: null, moIds: [], reason: 'done at 0', durationMs: 1_000 });
      });

      it('listRuns pages newest first and filters by task and outcome', async () => {
        const runs = [
          await finishedRun('mo-sync', 'fetched', 0),
          await finishedRun('plc-read', 'done', 10),
          await finishedRun('mo-sync', 'skipped', 20),
          await finishedRun('mo-sync', 'busy', 30),
          await finishedRun('mo-sync', 'skipped', 40),
        ];
        const ids = (page: { items: { id: number }[] }) => page.items.map((r) => r.id);

        const first = await store.listRuns({ pageSize: 2 });
        expect(first).toMatchObject({ hasOlder: true, hasNewer: false });
        expect(ids(first)).toEqual([runs[4]!.id, runs[3]!.id]);
        const second = await store.listRuns({ pageSize: 2, before: runs[3]!.id });
        expect(ids(second)).toEqual([runs[2]!.id, runs[1]!.id]);
        const last = await store.listRuns({ pageSize: 2, before: runs[1]!.id });
        expect(ids(last)).toEqual([runs[0]!.id]);
        expect(last).toMatchObject({ hasOlder: false, hasNewer: true });
        expect(await store.listRuns({ pageSize: 2, before: runs[0]!.id })).toEqual({ items: [], pageSize: 2, hasOlder: false, hasNewer: true });

        const syncs = await store.listRuns({ pageSize: 10, task: 'mo-sync' });
        expect(ids(syncs)).toEqual([runs[4]!.id, runs[3]!.id, runs[2]!.id, runs[0]!.id]);
        const skipped = await store.listRuns({ pageSize: 10, task: 'mo-sync', outcome: 'skipped' });
        expect(ids(skipped)).toEqual([runs[4]!.id, runs[2]!.id]);
        expect(ids(await store.listRuns({ pageSize: 10, outcome: 'done' }))).toEqual([runs[1]!.id]);
      });

      it('lastRun: the newest finished run of a task, optionally among some outcomes', async () => {
        const fetched = await finishedRun('mo-sync', 'fetched', 0);
        const skipped = await finishedRun('mo-sync', 'skipped', 10);
        await finishedRun('plc-read', 'done', 20);

        expect(await store.lastRun('mo-sync')).toEqual(skipped);
        expect(await store.lastRun('mo-sync', ['fetched', 'empty'])).toEqual(fetched);
        expect(await store.lastRun('mo-sync', ['error'])).toBeNull();
        expect(await store.lastRun('complete')).toBeNull();
      });

      it("closeInterruptedRuns closes only this station's runs whose process is gone, as errors", async () => {
        const start = (station: string, pid: number) =>
          store.startRun({ task: 'mo-sync', trigger: 'schedule', station, pid, startedAt: at(0) });
        const dead = await start('station-a', 111);
        const alive = await start('station-a', 222);
        const otherStation = await start('station-b', 111);

        const closed = await store.closeInterruptedRuns('station-a', (pid) => pid === 222, 'interrupted: the app stopped mid-run', at(60));

        expect(closed).toEqual([
          expect.objectContaining({ id: dead, outcome: 'error', reason: 'interrupted: the app stopped mid-run', finishedAt: at(60), durationMs: 60_000 }),
        ]);
        const listed = (await store.listRuns({ pageSize: 10 })).items.map((r) => r.id);
        expect(listed).toEqual([dead]);
        expect(listed).not.toContain(alive);
        expect(listed).not.toContain(otherStation);
      });

      it('pruneHistory deletes old runs and log rows but always keeps the newest few of each', async () => {
        for (let i = 0; i < 5; i++) await finishedRun('mo-sync', 'skipped', i * 100);
        const open = await store.startRun({ task: 'mo-sync', trigger: 'schedule', station: 'station-a', pid: 1, startedAt: at(0) });
        for (let i = 0; i < 4; i++) await fx.addLogRow(at(i * 100), `log ${i}`);

        const pruned = await store.pruneHistory(at(250), 2, 1_000);

        expect(pruned).toEqual({ runs: 3, logs: 2 });
        expect((await store.listRuns({ pageSize: 10 })).items.map((r) => r.startedAt)).toEqual([at(400), at(300)]);
        expect((await store.closeInterruptedRuns('station-a', () => false, 'gone', at(500))).map((r) => r.id)).toEqual([open]);
        expect((await fx.logMessages()).sort()).toEqual(['log 2', 'log 3']);

        expect(await store.pruneHistory(at(10_000), 1, 1_000)).toEqual({ runs: 2, logs: 1 });
      });

      it('pruneHistory caps the finished runs by count whatever their age: the oldest beyond the cap go, an unfinished one stays', async () => {
        for (let i = 0; i < 6; i++) await finishedRun('plc-read', 'done', 1_000 + i * 100);
        const open = await store.startRun({ task: 'mo-sync', trigger: 'schedule', station: 'station-a', pid: 1, startedAt: at(0) });
        await fx.addLogRow(at(1_000), 'recent log');

        // Nothing is older than the retention: only the cap removes anything.
        expect(await store.pruneHistory(at(0), 1, 4)).toEqual({ runs: 2, logs: 0 });

        expect((await store.listRuns({ pageSize: 10 })).items.map((r) => r.startedAt)).toEqual([at(1_500), at(1_400), at(1_300), at(1_200)]);
        expect((await store.closeInterruptedRuns('station-a', () => false, 'gone', at(2_000))).map((r) => r.id)).toEqual([open]);
        expect(await store.pruneHistory(at(0), 1, 4)).toEqual({ runs: 1, logs: 0 });
      });
    });

    describe('run history at any length', () => {
      const ids = (page: { items: { id: number }[] }) => page.items.map((r) => r.id);

      it('pages Older, then Newer, by run: no run missed or shown twice while new runs keep arriving', async () => {
        for (let i = 0; i < 7; i++) await finishedRun(i % 2 ? 'mo-sync' : 'plc-read', i % 2 ? 'skipped' : 'done', i * 10);
        const allAtStart = ids(await store.listRuns({ pageSize: 100 }));

        const down: number[][] = [];
        let page = await store.listRuns({ pageSize: 3 });
        for (;;) {
          down.push(ids(page));
          await finishedRun('mo-sync', 'busy', 1_000 + down.length); // arrives while the operator reads
          if (!page.hasOlder) break;
          page = await store.listRuns({ pageSize: 3, before: page.items.at(-1)!.id });
        }
        expect(down.flat()).toEqual(allAtStart);
        expect(page.hasNewer).toBe(true);

        const up: number[][] = [];
        while (page.hasNewer) {
          page = await store.listRuns({ pageSize: 3, after: page.items[0]!.id });
          up.unshift(ids(page));
          if (up.length === 1) await finishedRun('plc-read', 'idle', 2_000);
        }
        expect([...up.flat(), ...down.at(-1)!]).toEqual(ids(await store.listRuns({ pageSize: 100 })));
      });

      it('jumps to a date: the newest runs that started at or before it, and pages on from there', async () => {
        const runs = [];
        for (let i = 0; i < 5; i++) runs.push(await finishedRun('mo-sync', i === 3 ? 'fetched' : 'skipped', i * 100));

        const landed = await store.listRuns({ pageSize: 2, at: at(250) });
        expect(ids(landed)).toEqual([runs[2]!.id, runs[1]!.id]);
        expect(landed).toMatchObject({ hasOlder: true, hasNewer: true });
        // At the very moment a run started, that run is included; any ISO offset names the same moment.
        expect(ids(await store.listRuns({ pageSize: 2, at: '2026-11-28T09:03:20+01:00' }))).toEqual([runs[2]!.id, runs[1]!.id]);
        expect(ids(await store.listRuns({ pageSize: 2, at: at(10_000), outcome: 'fetched' }))).toEqual([runs[3]!.id]);
        expect(ids(await store.listRuns({ pageSize: 2, at: at(250), outcome: 'fetched' }))).toEqual([]);
        expect(await store.listRuns({ pageSize: 2, at: at(-1) })).toEqual({ items: [], pageSize: 2, hasOlder: false, hasNewer: true });
      });

      it('the run log mark moves whenever a run starts or finishes, whoever records it', async () => {
        expect(await store.runLogMark()).toEqual({ newestId: 0, openIds: [] });
        const peer = await fx.openPeer();
        try {
          const id = await peer.startRun({ task: 'plc-read', trigger: 'cli', station: 'station-b', pid: 7, startedAt: at(0) });
          expect(await store.runLogMark()).toEqual({ newestId: id, openIds: [id] });
          expect(await store.finishedRuns([id])).toEqual([]);

          const run = await peer.finishRun(id, { outcome: 'done', reason: 'read 3 slots', finishedAt: at(1) });
          expect(await store.runLogMark()).toEqual({ newestId: id, openIds: [] });
          expect(await store.finishedRuns([id, id + 100])).toEqual([run]);
          expect(await store.finishedRuns([])).toEqual([]);
        } finally {
          await peer.close();
        }
      });

      it('reads the run log through its indexes only: no query reads the whole table', async () => {
        const { checked, scans } = await fx.runLogScans(async () => {
          await finishedRun('mo-sync', 'fetched', 0);
          await finishedRun('plc-read', 'done', 10);
          const open = await store.startRun({ task: 'complete', trigger: 'schedule', station: 'station-a', pid: 99, startedAt: at(20) });
          for (const filter of [{}, { task: 'mo-sync' as const }, { outcome: 'done' as const }, { task: 'mo-sync' as const, outcome: 'fetched' as const }]) {
            await store.listRuns({ pageSize: 1, ...filter });
            await store.listRuns({ pageSize: 1, before: 2, ...filter });
            await store.listRuns({ pageSize: 1, after: 1, ...filter });
            await store.listRuns({ pageSize: 1, at: at(5), ...filter });
          }
          await store.lastRun('mo-sync');
          await store.lastRun('plc-read', ['done', 'idle']);
          await store.runLogMark();
          await store.finishedRuns([1, open]);
          // Interrupted-run detection at every start: the partial index of open runs, not the log.
          await store.closeInterruptedRuns('station-a', () => false, 'interrupted', at(30));
        });
        expect(checked).toBeGreaterThanOrEqual(12);
        expect(scans).toEqual([]);
      });
    });

    describe('outbox and equipment failures', () => {
      it('enqueueOutbox keeps one entry per MO and kind; enqueuing again returns the existing one', async () => {
        const first = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: { a: 1 }, at: at(1) });
        const again = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: { a: 2 }, at: at(2) });
        const cancel = await store.enqueueOutbox({ moId: moName(11), kind: 'cancel', payload: {}, at: at(3) });

        expect(first).toEqual({
          id: first.id,
          moId: moName(11),
          kind: 'consumption',
          payload: { a: 1 },
          state: 'pending',
          attempts: 0,
          lastError: null,
          nextAttemptAt: null,
          baseline: null,
          sentAt: null,
          claimedBy: null,
          claimedUntil: null,
          createdAt: at(1),
          updatedAt: at(1),
        });
        expect(again).toEqual(first);
        expect(cancel.id).not.toBe(first.id);
      });

      it('updateOutbox changes only the given fields and stamps the update time', async () => {
        const entry = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: { a: 1 }, at: at(1) });

        const sending = await store.updateOutbox(entry.id, { state: 'sending', attempts: 1, baseline: { silo103: 12.5 }, at: at(2) });
        expect(sending).toEqual({ ...entry, state: 'sending', attempts: 1, baseline: { silo103: 12.5 }, updatedAt: at(2) });

        const retry = await store.updateOutbox(entry.id, { state: 'pending', lastError: 'Odoo timed out', nextAttemptAt: at(60), at: at(3) });
        expect(retry).toEqual({ ...sending, state: 'pending', lastError: 'Odoo timed out', nextAttemptAt: at(60), updatedAt: at(3) });

        const cleared = await store.updateOutbox(entry.id, { lastError: null, nextAttemptAt: null, baseline: null, at: at(4) });
        expect(cleared).toEqual({ ...retry, lastError: null, nextAttemptAt: null, baseline: null, updatedAt: at(4) });
        expect(await store.outboxEntry(moName(11), 'consumption')).toEqual(cleared);
      });

      it('outboxEntry finds by MO and kind; listOutbox lists the given states in order of creation', async () => {
        const a = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: {}, at: at(1) });
        const b = await store.enqueueOutbox({ moId: moName(12), kind: 'consumption', payload: {}, at: at(2) });
        const c = await store.enqueueOutbox({ moId: moName(13), kind: 'cancel', payload: {}, at: at(3) });
        await store.updateOutbox(b.id, { state: 'quarantined', at: at(4) });
        await store.updateOutbox(c.id, { state: 'done', at: at(4) });

        expect(await store.outboxEntry(moName(12), 'cancel')).toBeNull();
        expect((await store.listOutbox(['pending', 'quarantined'])).map((e) => e.id)).toEqual([a.id, b.id]);
        expect((await store.listOutbox(['done'])).map((e) => e.moId)).toEqual([moName(13)]);
        expect(await store.listOutbox([])).toEqual([]);
      });

      it('claimOutbox: one courier at a time, across stores; a claim that ran out or was released can be taken', async () => {
        const entry = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: {}, at: at(1) });
        const peer = await fx.openPeer();
        try {
          const mine = await store.claimOutbox(entry.id, 'courier-a', at(60), at(2));
          expect(mine).toMatchObject({ claimedBy: 'courier-a', claimedUntil: at(60), updatedAt: at(1) });
          expect(await peer.claimOutbox(entry.id, 'courier-b', at(70), at(3))).toBeNull();
          expect(await store.claimOutbox(entry.id, 'courier-a', at(65), at(4))).toMatchObject({ claimedUntil: at(65) });

          await peer.releaseOutbox(entry.id, 'courier-b'); // not its claim: no effect
          expect(await peer.claimOutbox(entry.id, 'courier-b', at(70), at(5))).toBeNull();
          expect(await peer.claimOutbox(entry.id, 'courier-b', at(130), at(65))).toMatchObject({ claimedBy: 'courier-b' });

          await peer.releaseOutbox(entry.id, 'courier-b');
          expect(await store.claimOutbox(entry.id, 'courier-a', at(200), at(66))).toMatchObject({ claimedBy: 'courier-a' });
        } finally {
          await peer.close();
        }
      });

      it('two couriers claiming at once: exactly one gets the entry', async () => {
        const entry = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: {}, at: at(1) });
        const peer = await fx.openPeer();
        try {
          const claims = await Promise.all([
            store.claimOutbox(entry.id, 'courier-a', at(60), at(2)),
            peer.claimOutbox(entry.id, 'courier-b', at(60), at(2)),
          ]);
          expect(claims.filter((c) => c !== null)).toHaveLength(1);
        } finally {
          await peer.close();
        }
      });

      it('markOutboxSending only under a live claim of the caller; it stamps sentAt; done or withdrawn entries cannot be claimed', async () => {
        const entry = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: {}, at: at(1) });
        expect(await store.markOutboxSending(entry.id, 'courier-a', at(60), at(2))).toBeNull();
        await store.claimOutbox(entry.id, 'courier-a', at(60), at(2));
        expect(await store.markOutboxSending(entry.id, 'courier-b', at(60), at(3))).toBeNull();
        expect(await store.markOutboxSending(entry.id, 'courier-a', at(90), at(61))).toBeNull(); // the claim ran out

        await store.claimOutbox(entry.id, 'courier-a', at(120), at(62));
        const sending = await store.markOutboxSending(entry.id, 'courier-a', at(150), at(63));
        expect(sending).toMatchObject({ state: 'sending', sentAt: at(63), updatedAt: at(63), claimedBy: 'courier-a', claimedUntil: at(150) });

        await store.updateOutbox(entry.id, { state: 'done', at: at(64) });
        await store.releaseOutbox(entry.id, 'courier-a');
        expect(await store.claimOutbox(entry.id, 'courier-a', at(200), at(65))).toBeNull();
      });

      it('updateClaimedOutbox changes an entry only while the caller holds a live claim on it', async () => {
        const entry = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: {}, at: at(1) });
        expect(await store.updateClaimedOutbox(entry.id, 'courier-a', { lastError: 'unclaimed', at: at(2) })).toBeNull();
        await store.claimOutbox(entry.id, 'courier-a', at(60), at(2));
        expect(await store.updateClaimedOutbox(entry.id, 'courier-b', { lastError: 'not mine', at: at(3) })).toBeNull();
        expect(await store.updateClaimedOutbox(entry.id, 'courier-a', { baseline: { silo101: 5 }, at: at(4) })).toMatchObject({
          baseline: { silo101: 5 },
          updatedAt: at(4),
        });
        // The claim ran out (and another courier may have taken the entry since): nothing is written.
        expect(await store.updateClaimedOutbox(entry.id, 'courier-a', { baseline: { silo101: 9 }, at: at(61) })).toBeNull();
        expect(await store.outboxEntry(moName(11), 'consumption')).toMatchObject({ baseline: { silo101: 5 }, lastError: null, updatedAt: at(4) });
      });

      it('updateOutbox with onlyIn leaves an entry in another state unchanged', async () => {
        const entry = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: {}, at: at(1) });
        await store.updateOutbox(entry.id, { state: 'withdrawn', at: at(2) });
        const after = await store.updateOutbox(entry.id, { state: 'pending', lastError: 'x', at: at(3), onlyIn: ['pending', 'sending'] });
        expect(after).toMatchObject({ state: 'withdrawn', lastError: null, updatedAt: at(2) });
        expect(await store.updateOutbox(entry.id, { lastError: 'y', at: at(4), onlyIn: ['withdrawn'] })).toMatchObject({ lastError: 'y' });
      });

      it('archiveBatch with withdrawConsumptionOf ends a pending or quarantined push, or records one withdrawn, in the same step', async () => {
        const [a, b, c] = await queueWave(11, 3);
        const pending = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: { mo_id: moName(11) }, at: at(3) });
        await store.claimOutbox(pending.id, 'courier-a', at(60), at(3));
        const quarantined = await store.enqueueOutbox({ moId: moName(12), kind: 'consumption', payload: { mo_id: moName(12) }, at: at(3) });
        await store.updateOutbox(quarantined.id, { state: 'quarantined', at: at(4) });

        for (const batch of [a!, b!, c!]) {
          await store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes: 'by hand', at: at(9), withdrawConsumptionOf: batch.moId });
        }

        for (const n of [11, 12, 13]) {
          expect(await store.outboxEntry(moName(n), 'consumption')).toMatchObject({ state: 'withdrawn', claimedBy: null, updatedAt: at(9) });
        }
        // A Task 3 run that listed the batch before the archive finds the push withdrawn, not a fresh one to send.
        expect(await store.enqueueOutbox({ moId: moName(13), kind: 'consumption', payload: { mo_id: moName(13) }, at: at(10) })).toMatchObject({
          state: 'withdrawn',
        });
        expect(await store.claimOutbox(pending.id, 'courier-a', at(90), at(11))).toBeNull();
        expect(await store.countQueue()).toBe(0);
      });

      it('archiveBatch refuses to withdraw a push that is being sent or was booked: nothing is archived', async () => {
        const [a, b] = await queueWave(11, 2);
        const sending = await store.enqueueOutbox({ moId: moName(11), kind: 'consumption', payload: {}, at: at(3) });
        await store.claimOutbox(sending.id, 'courier-a', at(60), at(3));
        await store.markOutboxSending(sending.id, 'courier-a', at(60), at(4));
        const done = await store.enqueueOutbox({ moId: moName(12), kind: 'consumption', payload: {}, at: at(3) });
        await store.updateOutbox(done.id, { state: 'done', at: at(4) });

        for (const batch of [a!, b!]) {
          await expect(
            store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes: 'by hand', at: at(9), withdrawConsumptionOf: batch.moId }),
          ).rejects.toBeInstanceOf(OutboxBusyError);
        }
        expect(await store.countQueue()).toBe(2);
        expect((await store.listHistory({ page: 1, pageSize: 10 })).total).toBe(0);
        expect(await store.outboxEntry(moName(11), 'consumption')).toMatchObject({ state: 'sending' });
      });

      it('saveEquipmentFailure stores a failure once per (equipment, date, description)', async () => {
        const failure = { equipmentCode: 'silo101', description: 'START_FAILURE', failureDate: '2026-11-28 14:03:09', source: 'plc' as const, at: at(1) };

        expect(await store.saveEquipmentFailure(failure)).toEqual({ inserted: true });
        expect(await store.saveEquipmentFailure({ ...failure, at: at(2) })).toEqual({ inserted: false });
        expect(await store.saveEquipmentFailure({ ...failure, description: 'STOP_FAILURE' })).toEqual({ inserted: true });
        expect(await store.saveEquipmentFailure({ ...failure, failureDate: '2026-11-28 14:05:00' })).toEqual({ inserted: true });
        expect(await store.saveEquipmentFailure({ ...failure, equipmentCode: 'lq114', source: 'api' })).toEqual({ inserted: true });
      });
    });

    describe('the sync lock', () => {
      it('has one holder at a time, across stores on the same database; release hands it on', async () => {
        const peer = await fx.openPeer();
        try {
          const held = await store.tryAcquireSyncLock();
          expect(held).not.toBeNull();
          expect(await peer.tryAcquireSyncLock()).toBeNull();
          expect(await store.tryAcquireSyncLock()).toBeNull();

          await held!.release();
          await held!.release(); // releasing twice is harmless
          const peers = await peer.tryAcquireSyncLock();
          expect(peers).not.toBeNull();
          expect(await store.tryAcquireSyncLock()).toBeNull();
          await peers!.release();
        } finally {
          await peer.close();
        }
      });

      it("fencing: once another sync takes the lock, the previous holder's gate writes are refused and change nothing", async () => {
        const peer = await fx.openPeer();
        try {
          const first = await store.tryAcquireSyncLock();
          const intent = await store.recordIntent(1, 'station-a', wave(11, 2), at(1), first!.epoch);
          // As if its connection had dropped: the lock is gone and the peer takes it.
          await first!.release();
          const second = await peer.tryAcquireSyncLock();
          expect(second!.epoch).toBeGreaterThan(first!.epoch);

          const refused = /lost the sync lock.*nothing committed/;
          await expect(store.setIntentPhase(intent.id, 'verified', at(2), first!.epoch)).rejects.toThrow(GateLockLostError);
          await expect(store.commitWave(intent.id, 'committed', at(2), first!.epoch)).rejects.toThrow(refused);
          await expect(store.recordIntent(2, 'station-a', wave(21, 2), at(2), first!.epoch)).rejects.toThrow(refused);
          expect(await store.countQueue()).toBe(0);
          expect((await store.unresolvedIntents()).map((i) => [i.id, i.phase])).toEqual([[intent.id, 'writing']]);

          // The new holder sees the old holder's wave and settles it.
          await peer.commitWave(intent.id, 'adopted', at(3), second!.epoch);
          expect((await peer.listQueue()).map((b) => b.moId)).toEqual([moName(11), moName(12)]);
          await second!.release();
        } finally {
          await peer.close();
        }
      });
    });
  });
}
