import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord, Snapshot } from '../../../shared/domain';
import { startEngine, type StartedEngine } from '../../../electron/engine/start-engine';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { runCli } from '../../support/cli-bundle';
import { TestPlant } from '../../support/test-plant';

const D7076 = plcMemoryMap.handshake.writeAreaAck;

/**
 * The hand-over D7076 := 0 over real UDP sockets, against the PLC simulator:
 * sent once, and when its answer does not come, settled by reading the PLC.
 */
describe('the hand-over under lost FINS frames, on real sockets', () => {
  let plant: TestPlant;
  let started: StartedEngine;
  const sync = () => started.engine.runTask('mo-sync', 'manual');
  const unconfirmed = (snapshot: Snapshot) => snapshot.warnings.filter((w) => w.kind === 'wave-unconfirmed');

  beforeEach(async () => {
    plant = await TestPlant.start({ moCount: 40, speed: 0.001 });
    started = await startEngine({ env: plant.env({ PLC_TIMEOUT_SEC: '0.3', PLC_ATTEMPTS: '3' }), schedule: false });
  });
  afterEach(async () => {
    await started.stop();
    await plant.stop();
  });

  it('the PLC executes the hand-over but its reply is lost → the PLC takes the wave exactly once, and the run says fetched, once', async () => {
    plant.plc.server.faults.lostFrames = [{ from: D7076, to: D7076, command: 'write', lose: 'reply' }];

    const run = await sync();

    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
    expect(run.outcome).toBe('fetched');
    expect(run.moIds).toHaveLength(10);
    expect(run.reason).toMatch(/the hand-over was not confirmed \(PLC did not confirm .*\), but the PLC has taken WH\/MO\/00011, /);
    const snapshot = await started.engine.snapshot();
    expect(snapshot.queue.batches.map((b) => b.moId)).toEqual(run.moIds);
    expect(unconfirmed(snapshot)).toEqual([]);

    plant.plc.server.faults.lostFrames = [];
    expect((await sync()).outcome).toBe('skipped'); // the queue is full: nothing dispatched twice
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
  });

  it('hand-over requests lost → wave-unconfirmed at once (status --json too); `wave resolve hand-over` → the PLC takes it once', async () => {
    plant.plc.server.faults.lostFrames = [{ from: D7076, to: D7076, command: 'write', lose: 'request' }];

    const run = await sync();

    expect(run.outcome).toBe('error');
    expect(run.reason).toMatch(/^hand-over of WH\/MO\/00011, .* unconfirmed: the PLC shows no trace of it; an operator must hand it over or withdraw it/);
    expect(plant.plc.plant.stats().wavesTaken).toBe(0);
    const [warning, ...others] = unconfirmed(await started.engine.snapshot());
    expect(others).toEqual([]);
    expect(warning?.message).toMatch(/its WRITE slots 1–10 hold this wave; D7076 = 1 \(no hand-over pending\); no READ slot shows these MOs: the PLC has not taken it/);
    expect(warning?.message).toMatch(/"Hand over" .* "Withdraw"/);
    expect((await sync()).outcome).toBe('skipped'); // the gate stays closed, nothing sent again
    expect(plant.plc.memory.read(D7076, 1)).toEqual([1]);

    plant.plc.server.faults.lostFrames = [];
    const env = plant.env({ PLC_TIMEOUT_SEC: '0.3' });
    const status = await runCli(['status', '--json'], env);
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as Snapshot).warnings.map((w) => w.kind)).toContain('wave-unconfirmed');

    const resolved = await runCli(['wave', 'resolve', 'hand-over', '--reason', 'checked the PLC: it has not taken the wave', '--json'], env);
    expect(resolved.stderr).toBe('');
    expect(resolved.code).toBe(0);
    const record = JSON.parse(resolved.stdout) as RunRecord;
    expect(record).toMatchObject({ task: 'mo-sync', trigger: 'manual', outcome: 'recovered' });
    expect(record.moIds).toHaveLength(10);
    expect(record.reason).toMatch(/^Hand over by an operator \("checked the PLC: it has not taken the wave"\): .* handed over to the PLC and queued$/);
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
    const after = await started.engine.snapshot();
    expect(after.queue.count).toBe(10);
    expect(unconfirmed(after)).toEqual([]);

    const again = await runCli(['wave', 'resolve', 'withdraw', '--reason', 'second thoughts'], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('wave failed: no wave is waiting for an operator: nothing is unconfirmed or in conflict');
  });
});
