import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowToQueueBatch, rowToHistoryEntry } from '../../../electron/store/batch-columns';
import { MirrorLocalFile } from '../../../electron/store/mirror/mirror-local';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';

/** A mo_batch row as node-postgres returns it: numeric as text, timestamptz as Date, real booleans. */
function pgBatchRow(id: string, batchNo: number, moId: string): Record<string, unknown> {
  return {
    id,
    batch_no: batchNo,
    mo_id: moId,
    consumption: '1000.250',
    equipment_id_batch: 'PLC01',
    finished_goods: '[10092] JF SAPOT 1B',
    silo_c: 103,
    consumption_silo_c: 300,
    component_silo_c_name: '[40025] POLLAR ANGSA',
    actual_consumption_silo_c: 299.5,
    status_manufacturing: true,
    status_operation: false,
    actual_weight_quantity_finished_goods: '998.500',
    last_read_from_plc: new Date('2026-11-28T08:00:01.250Z'),
    update_odoo: false,
    odoo_cancelled: true,
  };
}

describe("the mirror's local file", () => {
  let dir: string;
  let store: SqliteStore;
  let local: MirrorLocalFile;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smo-mirror-local-'));
    store = new SqliteStore({ file: join(dir, 'mirror.db'), lockFile: join(dir, 'mirror.lock') });
    local = new MirrorLocalFile(store.connection);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores PostgreSQL rows so that the SQLite store reads them exactly as the PostgreSQL store would", async () => {
    const batch = pgBatchRow('8a1c4f7e-0000-4000-8000-000000000001', 1, 'WH/MO/00011');
    const history = { ...pgBatchRow('8a1c4f7e-0000-4000-8000-000000000002', 2, 'WH/MO/00012'), status: 'cancelled', notes: 'x', archived_at: new Date('2026-11-28T09:00:00Z') };
    const run = { id: '42', task: 'mo-sync', trigger: 'manual', station: 's', pid: 7, started_at: new Date('2026-11-28T08:00:00Z'),
      finished_at: new Date('2026-11-28T08:00:02Z'), outcome: 'fetched', queue_count: 0, mo_ids: ['WH/MO/00011'], reason: 'ok', duration_ms: 2000 };

    local.transaction(() => {
      local.upsert('mo_batch', [batch]);
      local.upsert('mo_histories', [history]);
      local.upsert('sync_runs', [run]);
    });

    expect(await store.listQueue()).toEqual([rowToQueueBatch(batch)]);
    expect((await store.listHistory({ page: 1, pageSize: 10 })).items).toEqual([rowToHistoryEntry(history)]);
    expect(await store.lastRun('mo-sync')).toMatchObject({ id: 42, moIds: ['WH/MO/00011'], durationMs: 2000, finishedAt: '2026-11-28T08:00:02.000Z' });
  });

  it('a row arriving for a slot or MO a stale local row still holds replaces that row instead of failing', async () => {
    local.upsert('mo_batch', [pgBatchRow('8a1c4f7e-0000-4000-8000-00000000000a', 1, 'WH/MO/00011'), pgBatchRow('8a1c4f7e-0000-4000-8000-00000000000b', 2, 'WH/MO/00012')]);

    // The authority swapped the two MOs between slots; the first of the two changes arrives.
    local.upsert('mo_batch', [pgBatchRow('8a1c4f7e-0000-4000-8000-00000000000b', 1, 'WH/MO/00012')]);

    expect((await store.listQueue()).map((b) => [b.id.slice(-1), b.batchNo, b.moId])).toEqual([['b', 1, 'WH/MO/00012']]);
  });

  it('updates a row in place and removes rows by id', async () => {
    const id = '8a1c4f7e-0000-4000-8000-00000000000c';
    local.upsert('mo_batch', [pgBatchRow(id, 1, 'WH/MO/00011')]);
    local.upsert('mo_batch', [{ ...pgBatchRow(id, 1, 'WH/MO/00011'), status_operation: true }]);
    expect((await store.listQueue()).map((b) => [b.id, b.statusOperation])).toEqual([[id, true]]);
    expect(local.ids('mo_batch')).toEqual([id]);

    local.remove('mo_batch', [id]);
    expect(await store.countQueue()).toBe(0);
  });

  it('keeps where it stopped across reopening the file', async () => {
    expect(local.state()).toEqual({ mirrorId: null, cursor: null, lastChangeId: 0, lastSyncAt: null });
    local.saveState({ mirrorId: 'm-1', cursor: { tx: '18446744073709551000', id: 12 }, lastChangeId: 40, lastSyncAt: '2026-11-28T08:00:00.000Z' });
    await store.close();

    store = new SqliteStore({ file: join(dir, 'mirror.db'), lockFile: join(dir, 'mirror.lock') });
    local = new MirrorLocalFile(store.connection);
    expect(local.state()).toEqual({ mirrorId: 'm-1', cursor: { tx: '18446744073709551000', id: 12 }, lastChangeId: 40, lastSyncAt: '2026-11-28T08:00:00.000Z' });
    local.saveState({ cursor: null });
    expect(local.state().cursor).toBeNull();
  });
});
