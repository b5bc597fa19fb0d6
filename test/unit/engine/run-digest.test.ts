import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome, RunRecord, TaskName } from '../../../shared/domain';
import { RunDigest, type RunDigestSource } from '../../../electron/engine/run-digest';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';

const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const TASKS: TaskName[] = ['mo-sync', 'plc-read', 'complete'];

let dir: string;
/** The console's store, and another process on the same file (a CLI one-shot beside it). */
let store: SqliteStore;
let cli: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'smo-digest-'));
  const open = () => new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
  store = open();
  cli = open();
});
afterEach(async () => {
  await Promise.all([store.close(), cli.close()]);
  rmSync(dir, { recursive: true, force: true });
});

let second = 0;
const start = (on: SqliteStore, task: TaskName) => on.startRun({ task, trigger: 'schedule', station: 'L1', pid: 1, startedAt: at(second++) });
const finish = (on: SqliteStore, id: number, outcome: Outcome) => on.finishRun(id, { outcome, reason: outcome, finishedAt: at(second++) });
const record = async (on: SqliteStore, task: TaskName, outcome: Outcome): Promise<RunRecord> => finish(on, await start(on, task), outcome);

/** The store, counting the reads of runs (the mark aside). */
function counted(source: RunDigestSource) {
  const reads = { runs: 0 };
  const wrapped: RunDigestSource = {
    runLogMark: () => source.runLogMark(),
    lastRun: (task, outcomes) => (reads.runs++, source.lastRun(task, outcomes)),
    listRuns: (filter) => (reads.runs++, source.listRuns(filter)),
    finishedRuns: (ids) => (reads.runs++, source.finishedRuns(ids)),
  };
  return { source: wrapped, reads };
}

describe('RunDigest', () => {
  it("seeds from the store: each task's last run, the last good PLC read, the last dispatch", async () => {
    const dispatch = await record(store, 'mo-sync', 'fetched');
    const skipped = await record(store, 'mo-sync', 'skipped');
    const goodRead = await record(store, 'plc-read', 'done');
    const failedRead = await record(store, 'plc-read', 'error');

    const last = await new RunDigest(TASKS).read(store);

    expect(Object.fromEntries(last.byTask)).toEqual({ 'mo-sync': skipped, 'plc-read': failedRead });
    expect(last).toMatchObject({ plcRead: goodRead, dispatch });
  });

  it("shows this engine's run the moment it finishes, without reading the run log again", async () => {
    const digest = new RunDigest(TASKS);
    const { source, reads } = counted(store);
    await digest.read(source);
    const seeding = reads.runs;

    const running = await start(store, 'mo-sync');
    await digest.read(source); // a snapshot while the sync runs
    const fetched = await finish(store, running, 'fetched');
    digest.observe(fetched);
    const read = await record(store, 'plc-read', 'idle');
    digest.observe(read);
    const readsBefore = reads.runs;

    const last = await digest.read(source);

    expect(last.byTask.get('mo-sync')).toEqual(fetched);
    expect(last).toMatchObject({ dispatch: fetched, plcRead: read });
    expect(reads.runs - readsBefore).toBe(0);
    expect(seeding).toBeGreaterThan(0);
  });

  it('shows a run another process recorded (a CLI sync beside the console) at the next read', async () => {
    const digest = new RunDigest(TASKS);
    await digest.read(store);

    const fetched = await record(cli, 'mo-sync', 'fetched');

    expect(await digest.read(store)).toMatchObject({ dispatch: fetched, byTask: new Map([['mo-sync', fetched]]) });
  });

  it('shows a run that was going at the last read and finished after it, even with newer runs in between', async () => {
    const digest = new RunDigest(TASKS);
    const long = await start(cli, 'complete');
    await digest.read(store);
    const sync = await record(store, 'mo-sync', 'skipped');
    digest.observe(sync);

    const completed = await finish(cli, long, 'done');

    const last = await digest.read(store);
    expect(last.byTask.get('complete')).toEqual(completed);
    expect(last.byTask.get('mo-sync')).toEqual(sync);
  });

  it('seeds afresh when more runs happened elsewhere than a catch-up reads', async () => {
    const digest = new RunDigest(TASKS);
    await digest.read(store);
    const dispatch = await record(cli, 'mo-sync', 'fetched');
    for (let i = 0; i < 250; i++) await record(cli, 'plc-read', 'idle');
    const newest = await record(cli, 'plc-read', 'done');

    expect(await digest.read(store)).toMatchObject({ dispatch, plcRead: newest });
  });
});
