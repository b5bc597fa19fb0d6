import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { generateMos } from '../../../electron/odoo/odoo-seed-mos';
import { archiveQueue } from '../../support/archive-queue';
import { finishedWave } from '../../support/finished-wave';
import { TestPlant } from '../../support/test-plant';

/** Issue 8 items 6, 7 and 11 on real sockets: the plant's Odoo and PLC simulators, the engine as the console runs it. */
describe('Task 1 against the plant: what Odoo lists, and what the gate says', () => {
  let plant: TestPlant | undefined;
  let started: StartedEngine | undefined;
  const sync = () => (started as StartedEngine).engine.runTask('mo-sync', 'manual');
  afterEach(async () => {
    await started?.stop();
    await plant?.stop();
    started = plant = undefined;
  });

  it('250 MOs produced here and still listed ahead (P8) → the next wave is fetched', async () => {
    plant = await TestPlant.start({ moCount: 270, speed: 0.001 });
    started = await startEngine({ env: plant.env(), schedule: false });
    const store = plant.openStore();
    try {
      for (let wave = 1; wave <= 25; wave++) {
        const run = await sync();
        expect(run.outcome, `wave ${wave}: ${run.reason}`).toBe('fetched');
        // The PLC took the wave; Task 3 archived it once Odoo had the consumption. Odoo keeps listing them all.
        plant.plcTakesWave();
        archiveQueue(store.connection);
      }
    } finally {
      await store.close();
    }
    const listsBefore = plant.odoo.state.requestCount('mo-list-detailed');

    const next = await sync();

    expect(next.outcome).toBe('fetched');
    expect(next.moIds).toEqual(generateMos(10, 261).map((mo) => mo.mo_id));
    expect(next.reason).toContain('Odoo still lists 250 MOs already produced or archived here');
    expect(await plant.writeAreaMoIds()).toEqual(next.moIds);
    expect(plant.odoo.state.requestCount('mo-list-detailed') - listsBefore).toBeLessThanOrEqual(3);
    // The console says why the list is long without anyone reading run reasons.
    expect((await (started as StartedEngine).engine.snapshot()).warnings).toContainEqual({
      kind: 'odoo-backlog',
      message: 'Odoo still lists 250 MOs produced here; close them in Odoo or turn on ODOO_MARK_DONE',
    });
  }, 60_000);

  it('one MO whose quantity does not fit the PLC → a wave of the others; the reason names the poison MO', async () => {
    plant = await TestPlant.start({ moCount: 0, speed: 0.001 });
    const mos = generateMos(10, 11);
    const poison = mos[4];
    if (!poison) throw new Error('no fifth MO');
    poison.quantity = 5e7;
    plant.odoo.state.addMos(mos);
    started = await startEngine({ env: plant.env(), schedule: false });

    const run = await sync();

    expect(run.outcome).toBe('fetched');
    const others = mos.map((mo) => mo.mo_id).filter((id) => id !== poison.mo_id);
    expect(run.moIds).toEqual(others);
    expect(run.reason).toContain(`could not dispatch 1: MO "${poison.mo_id}" does not fit the PLC (Quantity Goods_id: 50000000 is too large`);
    expect((await plant.writeAreaMoIds()).slice(0, 10)).toEqual([...others, '']);
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
  });

  it('a finished wave Odoo refuses to book → the gate says it waits for Odoo, with Odoo\'s answer, not for the PLC', async () => {
    ({ plant, engine: started } = await finishedWave({ readBack: true, env: { ODOO_RETRY_BASE_SEC: '60' } }));
    plant.odoo.faults.scadaError = 'Manufacturing Order not found';
    await started.engine.runTask('complete', 'manual');

    const run = await sync();

    expect(run.outcome).toBe('skipped');
    expect(run.reason).toMatch(/^10 batches finished; waiting for Odoo to accept their consumption \(.*Manufacturing Order not found.*\)$/);
  });
});
