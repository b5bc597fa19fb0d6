import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyHandlers } from '../../../electron/engine/history-handlers';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { requests } from '../../../shared/contract';
import { recipe } from '../../support/authority-store-contract';

const T0 = Date.UTC(2026, 10, 27, 23, 0, 0); // 06:00 WIB
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const SHIFT = { from: at(0), to: at(8 * 3600) };

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sms-reports-'));
  store = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const handlers = () => historyHandlers({ readThrough: (read) => read(store) });

async function run(task: 'mo-sync' | 'plc-read', outcome: 'fetched' | 'skipped' | 'done', second: number): Promise<void> {
  const id = await store.startRun({ task, trigger: 'schedule', station: 'line-1', pid: 1, startedAt: at(second) });
  await store.finishRun(id, { outcome, reason: outcome, finishedAt: at(second + 1) });
}

async function archive(first: number, statuses: ('completed' | 'cancelled')[], second: number): Promise<void> {
  const lock = await store.tryAcquireSyncLock();
  const intent = await store.recordIntent(1, 'line-1', statuses.map((_, i) => recipe(i + 1, first + i)), at(second), lock!.epoch);
  await store.commitWave(intent.id, 'committed', at(second), lock!.epoch);
  await lock!.release();
  const queue = await store.listQueue();
  await store.applyFeedback(queue.map((b) => ({ batchId: b.id, statusManufacturing: true, statusOperation: false, actualWeightKg: 1000, actualKg: { 103: 300, 114: 33.25 } })), at(second + 60));
  for (const [i, b] of queue.entries()) await store.archiveBatch({ batchId: b.id, status: statuses[i]!, notes: statuses[i] === 'cancelled' ? 'cancelled by operator' : null, at: at(second + 120 + i) });
}

describe('shift report and throughput from the store', () => {
  it('counts every wave fetched in the shift, however many pages of the run log they fill, and only those', async () => {
    await run('mo-sync', 'fetched', -60); // the shift before
    for (let i = 0; i < 1_100; i++) await run(i % 2 ? 'mo-sync' : 'plc-read', i % 2 ? 'fetched' : 'done', 10 + i * 20);
    await run('mo-sync', 'skipped', 100);
    await run('mo-sync', 'fetched', 8 * 3600); // the next shift starts

    const report = await handlers().shiftReport(SHIFT);
    const buckets = await handlers().throughput(SHIFT);

    expect(report.waves).toBe(550);
    expect(buckets).toHaveLength(8);
    expect(buckets.reduce((sum, b) => sum + b.waves, 0)).toBe(550);
  });

  it('sums the archived batches of the shift from what they actually consumed', async () => {
    await archive(1, ['completed', 'completed'], -3_600); // archived before the shift
    await archive(11, ['completed', 'cancelled', 'completed'], 3_600);

    const report = await handlers().shiftReport(SHIFT);

    expect(report).toMatchObject({ completed: 2, cancelled: 1, kgByEquipment: { 103: 600, 114: 66.5 }, totalKg: 666.5 });
    expect(report.failures).toEqual([{ moId: 'WH/MO/00012', batchNo: 2, archivedAt: at(3_600 + 121), notes: 'cancelled by operator' }]);
    const hour1 = (await handlers().throughput(SHIFT))[1]!;
    expect(hour1).toEqual({ hour: at(3_600), waves: 0, completed: 2, kgByEquipment: { 103: 600, 114: 66.5 } });
  });

  it('a period longer than 31 days or backwards is refused by the contract', () => {
    expect(requests.shiftReport.input.safeParse({ from: at(0), to: at(32 * 86_400) }).success).toBe(false);
    expect(requests.throughput.input.safeParse({ from: at(10), to: at(0) }).success).toBe(false);
    expect(requests.throughput.input.safeParse({ from: at(0), to: at(31 * 86_400) }).success).toBe(true);
  });
});

describe('the log without log files', () => {
  it('an engine given no log directory has no past entries', async () => {
    expect(await handlers().listLogs({ pageSize: 50 })).toEqual({ items: [], older: null });
  });
});
