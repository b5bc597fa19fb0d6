import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { OLD_HISTORY_INSERT, OLD_QUEUE_INSERT, PLANT_DDL } from '../../support/postgres-plant-ddl';

interface SchemaSnapshot {
  columns: string[];
  indexes: string[];
  alembic: string[];
}

async function snapshot(client: pg.Client): Promise<SchemaSnapshot> {
  const columns = await client.query<{ line: string }>(
    `SELECT format('%s | %s | %s | %s | %s | %s | %s | %s', table_name, column_name, data_type, character_maximum_length,
                   numeric_precision, numeric_scale, is_nullable, column_default) AS line
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name IN ('mo_batch', 'mo_histories', 'equipment_failure', 'system_log', 'alembic_version')
      ORDER BY table_name, ordinal_position`,
  );
  const indexes = await client.query<{ line: string }>(
    `SELECT indexdef AS line FROM pg_indexes
      WHERE schemaname = 'public' AND tablename IN ('mo_batch', 'mo_histories', 'equipment_failure', 'system_log') ORDER BY indexname`,
  );
  const alembic = await client.query<{ version_num: string }>('SELECT version_num FROM alembic_version');
  return { columns: columns.rows.map((r) => r.line), indexes: indexes.rows.map((r) => r.line), alembic: alembic.rows.map((r) => r.version_num) };
}

describe('an existing plant database, as the old middleware left it (../shared/plant/schema.md)', () => {
  let server: TestPostgres;
  let plant: pg.Client;
  let store: PgStore;
  let before: SchemaSnapshot;
  let after: SchemaSnapshot;

  beforeAll(async () => {
    server = await startTestPostgres();
    const url = await server.createDatabase();
    plant = new pg.Client({ connectionString: url });
    await plant.connect();
    await plant.query(PLANT_DDL);
    for (const [slot, mo] of [[1, 'WH/MO/00011'], [2, 'WH/MO/00012'], [3, 'WH/MO/00013']] as const) {
      await plant.query(OLD_QUEUE_INSERT, [slot, mo, 1000 + slot, 300 + slot]);
    }
    await plant.query(OLD_HISTORY_INSERT, [1, 'WH/MO/00001', 301.5, true, false, '2026-11-20T08:00:00Z', 'completed', null]);
    await plant.query(OLD_HISTORY_INSERT, [2, 'WH/MO/00002', 299, true, false, '2026-11-21T08:00:00Z', 'completed', null]);
    await plant.query(OLD_HISTORY_INSERT, [3, 'WH/MO/00003', 0, false, true, '2026-11-22T08:00:00Z', 'cancelled',
      'Auto-cancelled: status_operation=1 (failed) detected from PLC']);

    before = await snapshot(plant);
    store = await PgStore.open({ connectionString: url });
    after = await snapshot(plant);
  });

  afterAll(async () => {
    await store?.close();
    await plant?.end();
    await server?.stop();
  });

  it('opening the app only adds: every plant column, default, index and the alembic version stay as they were', () => {
    const added = after.columns.filter((c) => !before.columns.includes(c));
    expect(added).toEqual(['mo_histories | archived_at | timestamp with time zone |  |  |  | YES | ']);
    expect(after.columns.filter((c) => !added.includes(c))).toEqual(before.columns);
    expect(before.columns.filter((c) => c.startsWith('mo_batch |'))).toHaveLength(72);
    expect(before.columns.filter((c) => c.startsWith('mo_histories |'))).toHaveLength(72);
    // The batch_no serial default of revision 1 is still there (schema.md note 1).
    expect(after.columns).toContain("mo_batch | batch_no | integer |  | 32 | 0 | NO | nextval('mo_batch_batch_no_seq'::regclass)");

    expect(after.indexes.filter((i) => before.indexes.includes(i))).toEqual(before.indexes);
    expect(after.indexes.filter((i) => !before.indexes.includes(i))).toEqual([
      // The archive by archive time: history date ranges and shift reports (issue 10).
      'CREATE INDEX ix_mo_histories_archived ON public.mo_histories USING btree (archived_at)',
      'CREATE INDEX ix_mo_histories_mo_id ON public.mo_histories USING btree (mo_id)',
      'CREATE UNIQUE INDEX ux_mo_batch_mo_id ON public.mo_batch USING btree (mo_id)',
      'CREATE UNIQUE INDEX ux_mo_batch_slot ON public.mo_batch USING btree (batch_no)',
    ]);
    expect(after.alembic).toEqual(['20260221_0016']);
  });

  it('reads the existing queue, and the gate counts it', async () => {
    expect(await store.countQueue()).toBe(3);
    const queue = await store.listQueue();
    expect(queue.map((b) => [b.batchNo, b.moId, b.quantityKg])).toEqual([
      [1, 'WH/MO/00011', 1001],
      [2, 'WH/MO/00012', 1002],
      [3, 'WH/MO/00013', 1003],
    ]);
    expect(queue[0]).toMatchObject({
      finishedGoods: '[10092] JF SAPOT 1B',
      equipmentIdBatch: 'PLC01',
      components: {
        101: { name: '[40031] PKE PELLET', plannedKg: 120.5 },
        103: { name: '[40025] POLLAR ANGSA', plannedKg: 301 },
        114: { name: '[40018] TETES', plannedKg: 33.3 },
      },
      statusManufacturing: false,
      statusOperation: false,
      actualWeightKg: null,
      actualKg: {},
      lastReadFromPlc: null,
      updateOdoo: false,
      odooCancelled: false,
    });
    expect(Object.keys(queue[0]!.components)).toHaveLength(3);
  });

  it('reads the existing archive, newest PLC read first, and never dispatches its MOs again', async () => {
    const history = await store.listHistory({ page: 1, pageSize: 10 });
    expect(history.total).toBe(3);
    expect(history.items.map((h) => [h.moId, h.status, h.archivedAt])).toEqual([
      ['WH/MO/00003', 'cancelled', null],
      ['WH/MO/00002', 'completed', null],
      ['WH/MO/00001', 'completed', null],
    ]);
    expect(history.items[0]).toMatchObject({
      notes: 'Auto-cancelled: status_operation=1 (failed) detected from PLC',
      statusOperation: true,
      lastReadFromPlc: '2026-11-22T08:00:00.000Z',
    });
    expect(history.items[2]).toMatchObject({ actualWeightKg: 998.5, actualKg: { 103: 301.5 }, statusManufacturing: true });

    const known = await store.knownMoIds(['WH/MO/00001', 'WH/MO/00003', 'WH/MO/00012', 'WH/MO/00099']);
    expect(known).toEqual(new Set(['WH/MO/00001', 'WH/MO/00003', 'WH/MO/00012']));
  });

  it("the old tooling's statements still work afterwards, and the slot index stops its duplicates (P20)", async () => {
    await plant.query(OLD_QUEUE_INSERT, [4, 'WH/MO/00014', 1004, 304]);
    await plant.query(`UPDATE mo_batch SET status_manufacturing = true, actual_consumption_silo_c = 303.5, last_read_from_plc = now() WHERE batch_no = 3`);
    await plant.query(OLD_HISTORY_INSERT, [3, 'WH/MO/00013', 303.5, true, false, '2026-11-28T09:00:00Z', 'completed', null]);
    await plant.query(`DELETE FROM mo_batch WHERE batch_no = 3`);

    expect((await store.listQueue()).map((b) => b.moId)).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00014']);
    const [newest] = (await store.listHistory({ page: 1, pageSize: 1 })).items;
    expect(newest).toMatchObject({ moId: 'WH/MO/00013', archivedAt: null, actualKg: { 103: 303.5 } });

    await expect(plant.query(OLD_QUEUE_INSERT, [1, 'WH/MO/00015', 1005, 305])).rejects.toThrow(/ux_mo_batch_slot/);
  });
});
