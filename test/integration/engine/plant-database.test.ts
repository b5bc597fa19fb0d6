/**
 * The engine on a database the plant's existing middleware created: exactly
 * the plant's tables and columns (../shared/plant/schema.md), rows already in
 * them, and the old tooling still writing beside the app.
 */
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../../../electron/engine/start-engine';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { OLD_HISTORY_INSERT, OLD_QUEUE_INSERT, PLANT_DDL } from '../../support/postgres-plant-ddl';
import { TestPlant } from '../../support/test-plant';

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => server?.stop());

describe('the engine on the plant database as the old middleware left it', () => {
  it('counts the existing queue at the gate, never re-dispatches archived MOs, and fetches once the old queue has left', async () => {
    const url = await server.createDatabase();
    const plantDb = new pg.Client({ connectionString: url });
    await plantDb.connect();
    await plantDb.query(PLANT_DDL);
    for (const [slot, mo] of [[1, 'WH/MO/00011'], [2, 'WH/MO/00012'], [3, 'WH/MO/00013']] as const) {
      await plantDb.query(OLD_QUEUE_INSERT, [slot, mo, 1000, 300]);
    }
    await plantDb.query(OLD_HISTORY_INSERT, [4, 'WH/MO/00014', 299, true, false, '2026-11-21T08:00:00Z', 'completed', null]);

    const plant = await TestPlant.start({ moCount: 20, speed: 0.001 });
    const engine = await startEngine({
      env: plant.env({ DATABASE_URL: url, DATA_DIR: mkdtempSync(join(tmpdir(), 'plant-db-')) }),
      schedule: false,
    });
    try {
      const snapshot = await engine.engine.snapshot();
      expect(snapshot.queue.batches.map((b) => [b.batchNo, b.moId, b.components[103]?.plannedKg])).toEqual([
        [1, 'WH/MO/00011', 300],
        [2, 'WH/MO/00012', 300],
        [3, 'WH/MO/00013', 300],
      ]);
      const gate = await engine.engine.runTask('mo-sync', 'manual');
      expect(gate).toMatchObject({ outcome: 'skipped', queueCount: 3 });

      // The old tooling archives its three batches the way it always did.
      await plantDb.query(`INSERT INTO mo_histories (batch_no, mo_id, consumption, equipment_id_batch, status)
                           SELECT batch_no, mo_id, consumption, equipment_id_batch, 'completed' FROM mo_batch`);
      await plantDb.query('DELETE FROM mo_batch');

      const fetched = await engine.engine.runTask('mo-sync', 'manual');
      expect(fetched.outcome).toBe('fetched');
      expect(fetched.moIds[0]).toBe('WH/MO/00015');
      expect(fetched.moIds).not.toContain('WH/MO/00014');
      expect(fetched.reason).toContain('Odoo still lists 4 MOs already produced or archived here (WH/MO/00011, WH/MO/00012, WH/MO/00013 and 1 more;');

      // The old tooling's archive rows keep their plant columns; the app's added column stays empty for them.
      const archived = await plantDb.query<{ n: string }>(`SELECT count(*) AS n FROM mo_histories WHERE archived_at IS NULL`);
      expect(Number(archived.rows[0]?.n)).toBe(4);
    } finally {
      await engine.stop();
      await plant.stop();
      await plantDb.end();
    }
  });
});
