import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { TestPlant } from '../../support/test-plant';
import { finishedWave } from '../../support/finished-wave';

describe('equipment failures, mark-done and log cleanup', () => {
  let plant: TestPlant | undefined;
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await plant?.stop();
    engine = plant = undefined;
  });

  it('a PLC failure event is saved, then acknowledged (D8022 := 1), then reported to Odoo once', async () => {
    plant = await TestPlant.start();
    engine = await startEngine({ env: plant.env(), schedule: false });
    plant.plc.plant.raiseEquipmentFailure('silo101', 'START_FAILURE');

    const first = await engine.engine.runTask('equipment-failure', 'manual');
    expect(first.outcome).toBe('done');
    expect(first.reason).toMatch(/^START_FAILURE on silo101 at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: saved, acknowledged, queued for Odoo$/);
    expect(plant.plc.memory.read(plcMemoryMap.handshake.failureAck, 1)[0]).toBe(1);
    const store = plant.openStore();
    expect(store.connection.prepare('SELECT equipment_code, description, source FROM equipment_failure').all()).toEqual([
      { equipment_code: 'silo101', description: 'START_FAILURE', source: 'plc' },
    ]);
    await store.close();

    await engine.engine.runTask('complete', 'manual');
    expect(plant.odoo.state.failureReports.map((r) => [r.equipment_code, r.description])).toEqual([['silo101', 'START_FAILURE']]);

    // Already acknowledged: reading it again changes nothing and reports nothing twice.
    expect((await engine.engine.runTask('equipment-failure', 'manual')).outcome).toBe('idle');
    await engine.engine.runTask('complete', 'manual');
    expect(plant.odoo.state.failureReports).toHaveLength(1);
  });

  it('an event with an impossible BCD date is shown as an error and not acknowledged', async () => {
    plant = await TestPlant.start();
    engine = await startEngine({ env: plant.env(), schedule: false });
    plant.plc.plant.raiseEquipmentFailure('silo101', 'MOTOR_FAILURE');
    plant.plc.memory.write(plcMemoryMap.failure.firstAddress + 17, [0x0013]); // month 13

    const run = await engine.engine.runTask('equipment-failure', 'manual');
    expect(run.outcome).toBe('error');
    expect(run.reason).toMatch(/invalid event, not acknowledged: failure "MOTOR_FAILURE" on silo101/);
    expect(plant.plc.memory.read(plcMemoryMap.handshake.failureAck, 1)[0]).toBe(0);
  });

  it('with ODOO_MARK_DONE the MO is marked done once its consumption is booked', async () => {
    ({ plant, engine } = await finishedWave({ readBack: true, env: { ODOO_MARK_DONE: 'true' } }));
    await engine.engine.runTask('complete', 'manual');
    await engine.engine.runTask('complete', 'manual');
    expect(plant.odoo.state.markDones('WH/MO/00011')).toBe(1);
    expect(plant.odoo.state.moState('WH/MO/00011')).toBe('done');
    expect((await engine.engine.snapshot()).outbox.pending).toBe(0);
  });

  it('log cleanup removes run records older than the retention but always keeps the newest N', async () => {
    plant = await TestPlant.start();
    engine = await startEngine({ env: plant.env({ LOG_RETENTION_DAYS: '30', LOG_CLEANUP_KEEP_LAST: '3' }), schedule: false });
    for (let i = 0; i < 6; i++) await engine.engine.runTask('health', 'manual');
    const store = plant.openStore();
    store.connection.prepare(`UPDATE sync_runs SET started_at = '2020-01-01T00:00:00.000Z', finished_at = '2020-01-01T00:00:01.000Z'`).run();
    await store.close();

    const cleanup = await engine.engine.runTask('log-cleanup', 'manual');
    expect(cleanup.reason).toBe('removed 3 run record(s) older than 30 days or beyond the newest 200,000, and 0 log row(s) older than 30 days (newest 3 of each always kept)');
    expect((await engine.backend.handlers.listRuns({ pageSize: 50 })).items).toHaveLength(4);
  });
});
