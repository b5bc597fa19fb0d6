import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { fieldAddress, slotArea, slotBase } from '../../../electron/plc/memory-map';
import { encodeUint32 } from '../../../electron/plc/word-codec';
import { TestPlant } from '../../support/test-plant';

/** Issue 8 item 9 on real sockets: a reading that finishes a batch with an implausible value is never booked. */
describe('a batch the PLC finishes with an implausible reading', () => {
  let plant: TestPlant | undefined;
  let started: StartedEngine | undefined;
  afterEach(async () => {
    await started?.stop();
    await plant?.stop();
    started = plant = undefined;
  });

  /** The PLC reports READ slot `slot` finished, with silo 101 at `kg` (the guard is 5000 kg). */
  function plcFinishes(slot: number, kg: number): void {
    const memory = (plant as TestPlant).plc.memory;
    const silo = slotArea('read').equipment.find((e) => e.id === 101);
    if (!silo) throw new Error('no silo 101 in the map');
    memory.write(slotBase('read', slot) + silo.kgField.offset, encodeUint32(Math.round(kg * 100), 'silo 101'));
    memory.write(fieldAddress('read', slot, 'weight_finished_good'), encodeUint32(Math.round(kg * 100), 'weight'));
    memory.write(fieldAddress('read', slot, 'status_manufacturing'), [1]);
  }
  const acknowledged = (slot: number) => (plant as TestPlant).plc.memory.read(fieldAddress('read', slot, 'status_read_data'), 1)[0];

  it('waits unfinished for a plausible reading or the operator; never booked with stale numbers', async () => {
    plant = await TestPlant.start({ moCount: 10, speed: 0.001 });
    started = await startEngine({ env: plant.env(), schedule: false });
    const { engine, backend } = started;
    expect((await engine.runTask('mo-sync', 'manual')).outcome).toBe('fetched');

    // Slot 2 finishes with 7000 kg on one silo; slot 3 too, until the PLC's reading is corrected.
    plcFinishes(2, 7000);
    plcFinishes(3, 7000);
    await engine.runTask('plc-read', 'manual');

    let snapshot = await engine.snapshot();
    const row = (moId: string) => snapshot.queue.batches.find((b) => b.moId === moId);
    expect(row('WH/MO/00012')?.statusManufacturing).toBe(false);
    expect(row('WH/MO/00013')?.statusManufacturing).toBe(false);
    expect([acknowledged(2), acknowledged(3)]).toEqual([0, 0]);
    const warning = snapshot.warnings.find((w) => w.kind === 'implausible-value' && w.moId === 'WH/MO/00012');
    expect(warning?.message).toMatch(/silo101 reads 7000 kg.*check the reading in the PLC; if it stays wrong, archive the batch with a reason from the console/);

    await engine.runTask('complete', 'manual');
    expect(plant.odoo.state.bookings('WH/MO/00012').count).toBe(0);
    const gate = await engine.runTask('mo-sync', 'manual');
    expect(gate.reason).toContain('2 batches need an operator: WH/MO/00012 finished with an implausible reading');

    // A batch still waiting in the PLC cannot be archived; the held one can.
    await expect(backend.handlers.archiveBatch({ moId: 'WH/MO/00014', reason: 'test' })).rejects.toThrow(/still in the PLC/);
    const archived = await backend.handlers.archiveBatch({ moId: 'WH/MO/00012', reason: 'PLC scale fault, weighed by hand' });
    expect(archived.status).toBe('cancelled');

    // The PLC's reading of slot 3 is corrected: the batch finishes normally and is booked with those numbers.
    plcFinishes(3, 300);
    await engine.runTask('plc-read', 'manual');
    snapshot = await engine.snapshot();
    expect(row('WH/MO/00013')).toMatchObject({ statusManufacturing: true, actualWeightKg: 300 });
    expect(acknowledged(3)).toBe(1);
    await engine.runTask('complete', 'manual');
    expect(plant.odoo.state.bookings('WH/MO/00013')).toMatchObject({ count: 1, lastPayload: expect.objectContaining({ silo101: 300 }) });
    expect(plant.odoo.state.bookings('WH/MO/00012').count).toBe(0);
  });
});
