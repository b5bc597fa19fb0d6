import { afterEach, describe, expect, it } from 'vitest';
import type { BatchRecipe } from '../../../../shared/domain';
import { decideResolution } from '../../../../electron/engine/tasks/mo-sync/resolve-decision';
import type { PlcWaveView } from '../../../../electron/engine/tasks/mo-sync/reconcile-decision';
import { plcMemoryMap } from '../../../../electron/plc/memory-map';
import { clearWave, readWriteArea } from '../../../../electron/plc/wave-io';
import { MemoryPlcLink } from '../../../support/memory-plc-link';
import { openMos } from '../../../support/mo-factory';
import { MoSyncFixture } from '../../../support/mo-sync-fixture';
import { handOvers, plcProgram } from '../../../support/plc-program';

const D7076 = plcMemoryMap.handshake.writeAreaAck;

/** A sync whose hand-over request is lost: the wave is held as unconfirmed. */
async function heldWave(fx: MoSyncFixture): Promise<void> {
  fx.checkpoint = (step) => {
    if (step === 'verified') fx.plc.failNext = new Error('PLC did not confirm writing D7076+1: no response');
  };
  expect((await fx.sync()).outcome).toBe('error');
  fx.checkpoint = undefined;
  expect((await fx.store.unresolvedIntents()).map((i) => i.phase)).toEqual(['unconfirmed']);
}

describe('an operator resolves a wave the PLC did not confirm', () => {
  let fx: MoSyncFixture;
  afterEach(async () => fx?.close());

  it('Hand over → D7076 := 0 sent once more, the PLC takes the wave once, it is queued and the gate opens again', async () => {
    fx = new MoSyncFixture(openMos(2));
    await heldWave(fx);
    const plant = plcProgram(fx);

    const run = await fx.resolve('hand-over', 'checked the PLC panel: wave not taken');

    expect(run).toMatchObject({ task: 'mo-sync', trigger: 'manual', outcome: 'recovered', moIds: ['WH/MO/00011', 'WH/MO/00012'] });
    expect(run.reason).toBe('Hand over by an operator ("checked the PLC panel: wave not taken"): WH/MO/00011, WH/MO/00012 handed over to the PLC and queued');
    expect(plant.stats().wavesTaken).toBe(1);
    expect(handOvers(fx)).toBe(2); // the lost one and the operator's
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect(await fx.store.unresolvedIntents()).toEqual([]);
  });

  it('Hand over whose reply is lost too → settled by reading: the PLC took it, so it is queued, not sent a third time', async () => {
    fx = new MoSyncFixture(openMos(2));
    await heldWave(fx);
    const plant = plcProgram(fx);
    fx.plc.loseNextReply = true;

    const run = await fx.resolve('hand-over', 'PLC back after the network outage');

    expect(run.outcome).toBe('recovered');
    expect(run.reason).toMatch(/the hand-over was not confirmed .*, but the PLC has taken WH\/MO\/00011, WH\/MO\/00012/);
    expect(plant.stats().wavesTaken).toBe(1);
    expect(handOvers(fx)).toBe(2);
  });

  it('Withdraw → the WRITE slots are emptied, nothing is queued and the next sync fetches the same MOs again', async () => {
    fx = new MoSyncFixture(openMos(2));
    await heldWave(fx);

    const run = await fx.resolve('withdraw', 'line stopped for cleaning');

    expect(run.outcome).toBe('recovered');
    expect(run.reason).toBe(
      'Withdraw by an operator ("line stopped for cleaning"): WH/MO/00011, WH/MO/00012 cleared from the PLC\'s WRITE area; these MOs will be fetched again',
    );
    expect((await fx.plcWaveMoIds()).every((id) => id === '')).toBe(true);
    expect(fx.handshake()).toBe(1);
    expect(await fx.store.unresolvedIntents()).toEqual([]);
    const next = await fx.sync();
    expect(next.outcome).toBe('fetched');
    expect(next.moIds).toEqual(['WH/MO/00011', 'WH/MO/00012']);
  });

  it('the PLC took the wave meanwhile → Withdraw is overruled: queued as it is, nothing cleared, nothing sent', async () => {
    fx = new MoSyncFixture(openMos(2));
    await heldWave(fx);
    const plant = plcProgram(fx);
    // Someone handed it over at the PLC itself (e.g. `plc write D7076 0`).
    fx.memory.write(D7076, [0]);
    plant.notifyWrite(D7076, 1);
    const framesBefore = handOvers(fx);

    const run = await fx.resolve('withdraw', 'wrong recipe');

    expect(run.outcome).toBe('recovered');
    expect(run.reason).toMatch(/^Withdraw by an operator \("wrong recipe"\): not withdrawn, the PLC has taken WH\/MO\/00011, WH\/MO\/00012; adopted into the queue$/);
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect((await fx.plcWaveMoIds()).slice(0, 2)).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect(handOvers(fx)).toBe(framesBefore);
    expect(plant.stats().wavesTaken).toBe(1);
  });

  it('conflict (the WRITE area lost the wave) → Hand over writes and verifies it again first, then hands it over once', async () => {
    fx = new MoSyncFixture(openMos(2));
    await heldWave(fx);
    const side = new MemoryPlcLink(fx.memory);
    await clearWave(side, await readWriteArea(side));
    const blocked = await fx.sync();
    expect(blocked.outcome).toBe('skipped');
    expect(blocked.reason).toMatch(/WRITE area no longer holds WH\/MO\/00011, WH\/MO\/00012 .* hand it over again or withdraw it/);
    expect((await fx.store.unresolvedIntents())[0]).toMatchObject({ phase: 'conflict', plcView: expect.stringMatching(/^its WRITE slots are empty; D7076 = 1/) });
    const plant = plcProgram(fx);

    const run = await fx.resolve('hand-over', 'slots were cleared by maintenance');

    expect(run.outcome).toBe('recovered');
    expect(run.reason).toMatch(/WH\/MO\/00011, WH\/MO\/00012 written again and handed over to the PLC and queued$/);
    expect((await fx.plcWaveMoIds()).slice(0, 2)).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect(plant.stats()).toMatchObject({ wavesTaken: 1, takenSlots: [1, 2] });
  });

  it('nothing held → skipped, nothing written', async () => {
    fx = new MoSyncFixture(openMos(2));
    const run = await fx.resolve('hand-over', 'just checking');
    expect(run).toMatchObject({ outcome: 'skipped', reason: 'no wave is waiting for an operator; nothing was done' });
    expect(fx.plc.requests).toEqual([]);
  });
});

describe('deciding a resolution from what the PLC holds', () => {
  const recipe = (batchNo: number, moId: string) => ({ batchNo, moId }) as BatchRecipe;
  const wave = [recipe(1, 'WH/MO/00011'), recipe(2, 'WH/MO/00012')];
  const blank = Array<string>(10).fill('');
  const view = (patch: Partial<PlcWaveView>): PlcWaveView => ({
    writeAreaAck: true,
    writeSlotMoIds: ['WH/MO/00011', 'WH/MO/00012', ...blank.slice(2)],
    writeSlotFlags: Array<boolean>(10).fill(false),
    readSlotMoIds: blank,
    ...patch,
  });

  it('no trace, wave in the WRITE area → the button decides', () => {
    expect(decideResolution('hand-over', wave, view({}))).toEqual({ kind: 'hand-over', rewrite: false });
    expect(decideResolution('withdraw', wave, view({}))).toEqual({ kind: 'withdraw' });
  });

  it('taken, or handed over and waiting → adopted whatever the button', () => {
    for (const action of ['hand-over', 'withdraw'] as const) {
      expect(decideResolution(action, wave, view({ readSlotMoIds: ['WH/MO/00011', ...blank.slice(1)] })).kind).toBe('adopt');
      expect(decideResolution(action, wave, view({ writeAreaAck: false })).kind).toBe('adopt');
    }
  });

  it('the WRITE area lost the wave → Hand over rewrites it first; with another hand-over pending (D7076 = 0) both are refused', () => {
    expect(decideResolution('hand-over', wave, view({ writeSlotMoIds: blank }))).toEqual({ kind: 'hand-over', rewrite: true });
    expect(decideResolution('withdraw', wave, view({ writeSlotMoIds: blank }))).toEqual({ kind: 'withdraw' });
    const pending = view({ writeAreaAck: false, writeSlotMoIds: ['WH/MO/00099', ...blank.slice(1)] });
    expect(decideResolution('hand-over', wave, pending).kind).toBe('refuse');
    expect(decideResolution('withdraw', wave, pending)).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('D7076 = 0 with other recipes') });
  });
});
