/** Helpers for the mirror tests: a plant's day of work through the authority, and a row-by-row comparison. */
import { expect } from 'vitest';
import type { AuthorityStore } from '../../electron/store/authority-store';
import type { MirrorReader } from '../../electron/store/mirror/mirror-reader';
import { recipe } from './authority-store-contract';

const ALL = { page: 1, pageSize: 1_000_000 };
const byId = <T extends { id: string | number }>(rows: T[]): T[] => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));

/** Every row the console can see, read through the mirror and through the authority, must be equal. */
export async function expectMirrorMatches(mirror: MirrorReader, authority: AuthorityStore): Promise<void> {
  expect(await mirror.listQueue()).toEqual(await authority.listQueue());
  expect(await mirror.countQueue()).toBe(await authority.countQueue());
  const [mirrored, original] = await Promise.all([mirror.listHistory(ALL), authority.listHistory(ALL)]);
  expect(mirrored.total).toBe(original.total);
  expect(byId(mirrored.items)).toEqual(byId(original.items));
  expect(await mirror.listRuns(ALL)).toEqual(await authority.listRuns(ALL));
  expect(await mirror.listAudit({ pageSize: 1_000_000 })).toEqual(await authority.listAudit({ pageSize: 1_000_000 }));
}

/**
 * One wave through the authority as the engine moves it: a run that
 * fetches it (with the audit line of the Sync now that started it), PLC
 * feedback, and the first `archived` batches archived.
 */
export async function playWave(store: AuthorityStore, firstMo: number, size: number, archived: number, second: number): Promise<void> {
  const at = (offset: number) => new Date(Date.UTC(2026, 10, 28, 8, 0, second + offset)).toISOString();
  const runId = await store.startRun({ task: 'mo-sync', trigger: 'schedule', station: 'station-a', pid: 1, startedAt: at(0) });
  const recipes = Array.from({ length: size }, (_, i) => recipe(i + 1, firstMo + i));
  const lock = await store.tryAcquireSyncLock();
  const intent = await store.recordIntent(runId, 'station-a', recipes, at(0), lock!.epoch);
  await store.commitWave(intent.id, 'committed', at(1), lock!.epoch);
  await lock!.release();
  await store.finishRun(runId, { outcome: 'fetched', reason: 'fetched', queueCount: 0, moIds: recipes.map((r) => r.moId), finishedAt: at(1) });
  await store.appendAudit({
    at: at(1),
    user: 'Sari',
    role: 'supervisor',
    station: 'station-a',
    source: 'console',
    action: 'syncNow',
    target: null,
    reason: null,
    outcome: 'done',
    detail: `fetched ${recipes.length} MO(s)`,
    signature: null,
  });
  const queue = await store.listQueue();
  await store.applyFeedback(
    queue.map((batch, i) => ({ batchId: batch.id, statusManufacturing: i < archived, statusOperation: false, actualWeightKg: 990 + i, actualKg: { 103: 299 + i } })),
    at(2),
  );
  for (const batch of queue.slice(0, archived)) {
    await store.archiveBatch({ batchId: batch.id, status: 'completed', notes: null, at: at(3) });
  }
}
