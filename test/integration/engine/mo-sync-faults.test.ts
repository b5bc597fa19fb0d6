import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/domain';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { archiveQueue } from '../../support/archive-queue';
import { TestPlant } from '../../support/test-plant';

describe('Task 1 against faulty peers: recorded outcomes with reasons, recovery without restart', () => {
  let plant: TestPlant;
  let started: StartedEngine;
  const sync = () => started.engine.runTask('mo-sync', 'manual');

  beforeEach(async () => {
    plant = await TestPlant.start({ moCount: 40, speed: 0.001 });
    started = await startEngine({ env: plant.env({ PLC_TIMEOUT_SEC: '0.3', PLC_ATTEMPTS: '3' }), schedule: false });
  });
  afterEach(async () => {
    await started.stop();
    await plant.stop();
  });

  it('Odoo refusing connections → error naming it; the console shows Odoo down; back up → fetched', async () => {
    await plant.odoo.faults.setDown(true);
    const failed = await sync();
    expect(failed.outcome).toBe('error');
    expect(failed.reason).toMatch(/^Odoo .*connection refused/);
    expect((await started.engine.snapshot()).connections.odoo.state).toBe('down');
    expect((await started.engine.snapshot()).queue.count).toBe(0);

    await plant.odoo.faults.setDown(false);
    const recovered = await sync();
    expect(recovered.outcome).toBe('fetched');
    expect((await started.engine.snapshot()).connections.odoo.state).toBe('ok');
  });

  it('Odoo answering HTTP 500, garbage or the wrong shape → three distinct reasons, nothing queued', async () => {
    plant.odoo.faults.httpStatus = 500;
    const http = await sync();
    plant.odoo.faults.httpStatus = null;
    plant.odoo.faults.garbage = true;
    const garbage = await sync();
    plant.odoo.faults.garbage = false;
    plant.odoo.faults.wrongShape = true;
    const shape = await sync();
    plant.odoo.faults.wrongShape = false;

    expect([http.outcome, garbage.outcome, shape.outcome]).toEqual(['error', 'error', 'error']);
    expect(new Set([http.reason, garbage.reason, shape.reason]).size).toBe(3);
    expect(http.reason).toMatch(/500/);
    expect((await started.engine.snapshot()).queue.count).toBe(0);
    expect((await sync()).outcome).toBe('fetched');
  });

  it('an expired Odoo session is renewed on the fly', async () => {
    expect((await sync()).outcome).toBe('fetched');
    const loginsBefore = plant.odoo.state.logins;
    plant.plcTakesWave();
    const store = plant.openStore();
    archiveQueue(store.connection);
    await store.close();
    plant.odoo.faults.expireSessions();

    const next = await sync();

    expect(next.outcome).toBe('fetched');
    expect(next.moIds[0]).toBe('WH/MO/00021');
    expect(plant.odoo.state.logins).toBe(loginsBefore + 1);
  });

  it('a silent PLC → error naming the PLC, nothing queued or asked of Odoo; answering again → fetched', async () => {
    plant.plc.server.faults.silent = true;
    const failed = await sync();
    expect(failed.outcome).toBe('error');
    expect(failed.reason).toMatch(/PLC|timeout/i);
    expect((await started.engine.snapshot()).queue.count).toBe(0);
    expect((await started.engine.snapshot()).connections.plc.state).not.toBe('ok');

    plant.plc.server.faults.silent = false;
    const recovered = await sync();
    expect(recovered.outcome).toBe('fetched');
    expect(await plant.writeAreaMoIds()).toEqual((await started.engine.snapshot()).queue.batches.map((b) => b.moId));
  });

  it('the PLC refusing writes to the WRITE area → error; the wave is never handed over and is reconciled later', async () => {
    plant.plc.server.faults.endCodes = [{ from: 7000, to: 7976, code: 0x2101, command: 'write' }];
    const failed = await sync();
    expect(failed.outcome).toBe('error');
    expect(failed.reason).toMatch(/0x2101/);
    expect(plant.plc.memory.read(plcMemoryMap.handshake.writeAreaAck, 1)[0]).toBe(1);
    expect((await started.engine.snapshot()).queue.count).toBe(0);

    plant.plc.server.faults.endCodes = [];
    const reconciled = await sync();
    expect(reconciled.outcome).toBe('recovered');
    expect(reconciled.reason).toMatch(/interrupted before the hand-over/);
    expect((await sync()).outcome).toBe('fetched');
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
  });

  it('20 % of PLC datagrams lost → retries carry the data through; a run that still fails leaves nothing half-done', async () => {
    plant.plc.server.faults.dropProbability = 0.2;
    const runs = [];
    const queued = (run: RunRecord | undefined) => run?.outcome === 'fetched' || (run?.outcome === 'recovered' && run.moIds.length > 0);
    for (let i = 0; i < 10 && !queued(runs.at(-1)); i++) {
      const held = (await started.engine.snapshot()).warnings.some((w) => w.kind === 'wave-unconfirmed');
      // A lost hand-over request is never repeated by itself: the operator hands the wave over.
      runs.push(held ? await started.backend.handlers.resolveWave({ action: 'hand-over', reason: 'PLC shows the wave not taken' }) : await sync());
    }

    expect(queued(runs.at(-1))).toBe(true);
    for (const run of runs.slice(0, -1)) expect(['error', 'recovered', 'skipped']).toContain(run.outcome);
    expect(await plant.writeAreaMoIds()).toEqual((await started.engine.snapshot()).queue.batches.map((b) => b.moId));
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
  });
});
