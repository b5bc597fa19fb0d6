import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../electron/engine/people/caller';
import { planCancelInOdoo } from '../../../../electron/engine/engineer/cancel-odoo-plan';
import { engineerHandlers, type EngineerHandlers } from '../../../../electron/engine/engineer/engineer-handlers';
import { ActionRefusedError } from '../../../../electron/engine/engineer/refused-error';
import { RunRecorder } from '../../../../electron/engine/task-runner';
import { fieldAddress, plcMemoryMap, slotBase } from '../../../../electron/plc/memory-map';
import { PlcError } from '../../../../electron/plc/fins-plc-error';
import type { PlantModel } from '../../../../electron/plc/plant-model';
import { readFeedback } from '../../../../electron/plc/wave-io';
import { openMos } from '../../../support/mo-factory';
import { MoSyncFixture } from '../../../support/mo-sync-fixture';
import { handOvers, plcProgram } from '../../../support/plc-program';

const D7076 = plcMemoryMap.handshake.writeAreaAck;
/** plcProgram doses one batch in an hour. */
const BATCH_MS = 3_600_000;
const signature = { pin: '1234', meaning: 'I approve', comment: 'checked at the panel' };

interface World {
  fx: MoSyncFixture;
  act: EngineerHandlers;
  audit: string[];
  engineer: Caller;
}

function world(moCount = 3): World {
  const fx = new MoSyncFixture(openMos(moCount));
  const recorder = new RunRecorder({ store: fx.store, clock: fx.clock, station: 'test-station', pid: process.pid, onRun: () => undefined });
  const act = engineerHandlers({
    store: fx.store,
    plc: fx.plc,
    clock: fx.clock,
    settleAfterMs: 60_000,
    recordMoSyncRun: (body) => recorder.run('mo-sync', 'manual', body),
    queueChanged: () => undefined,
  });
  const audit: string[] = [];
  const engineer: Caller = { user: 'ana', role: 'engineer', station: 'test-station', source: 'console', signature: null, noteForAudit: (d) => void audit.push(d) };
  return { fx, act, audit, engineer };
}

/** A wave of three MOs handed over to the simulated PLC, which takes it at once and starts slot 1. */
async function takenWave(w: World, options: { failSlot?: number } = {}): Promise<PlantModel> {
  const plant = plcProgram(w.fx);
  if (options.failSlot) plant.failSlot(options.failSlot);
  expect((await w.fx.sync()).outcome).toBe('fetched');
  expect(plant.stats()).toMatchObject({ wavesTaken: 1, activeSlot: 1 });
  return plant;
}

/** The NO-MO text of a WRITE slot wiped, as a stray `plc write` would. */
function wipeWriteSlotMo(w: World, slot: number): void {
  w.fx.memory.write(fieldAddress('write', slot, 'mo_no'), Array<number>(8).fill(0));
}

const writesSince = (w: World, from: number) => w.fx.plc.requests.slice(from).filter((r) => r.kind === 'write');

let current: World | undefined;
afterEach(async () => {
  await current?.fx.close();
  current = undefined;
});

describe('re-send one batch to its WRITE slot', () => {
  it('taken but not started (an earlier slot is dosing) → rewritten once, read back; no hand-over, the PLC takes the wave once', async () => {
    const w = (current = world());
    const plant = await takenWave(w);
    await w.fx.clock.advance(BATCH_MS / 4);
    wipeWriteSlotMo(w, 3);
    const before = w.fx.plc.requests.length;

    const run = await w.act.resendBatch({ moId: 'WH/MO/00013', reason: 'slot 3 was overwritten', signature }, w.engineer);

    expect(run).toMatchObject({ task: 'mo-sync', trigger: 'manual', outcome: 'done', moIds: ['WH/MO/00013'] });
    expect(run.reason).toMatch(/^Re-send of WH\/MO\/00013 by engineer ana \("slot 3 was overwritten"\): WRITE slot 3 \(held nothing\) rewritten once and read back, because the PLC has taken WH\/MO\/00013 but not started it: slot 1 \(WH\/MO\/00011\) comes first; the hand-over word was not touched$/);
    expect(await w.fx.plcWaveMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013', ...Array<string>(7).fill('')]);
    const writes = writesSince(w, before);
    expect(writes).toEqual([{ kind: 'write', address: slotBase('write', 3), count: 76, once: true }]);
    // The PLC's read flag of slot 3 and the hand-over word stay as the PLC set them.
    expect(w.fx.memory.read(fieldAddress('write', 3, 'status_read_data'), 1)).toEqual([1]);
    expect(handOvers(w.fx)).toBe(1);
    await w.fx.clock.advance(3 * BATCH_MS);
    expect(plant.stats()).toMatchObject({ wavesTaken: 1, finishedSlots: [1, 2, 3] });
    expect(w.audit.join()).toContain('rewritten once');
  });

  it('the PLC has not taken the wave (D7076 = 0) → rewritten; slot 1 never writes D7076, so the wave is still waiting', async () => {
    const w = (current = world());
    await w.fx.sync();
    expect(w.fx.handshake()).toBe(0);
    wipeWriteSlotMo(w, 1);

    const run = await w.act.resendBatch({ moId: 'WH/MO/00011', reason: 'slot 1 lost its MO', signature }, w.engineer);

    expect(run.reason).toContain('the PLC has not taken the wave yet (D7076 = 0, READ slot 1 does not show WH/MO/00011)');
    expect((await w.fx.plcWaveMoIds()).slice(0, 3)).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013']);
    expect(w.fx.handshake()).toBe(0);
    expect(w.fx.plc.writesTouching(D7076).filter((r) => r.once && r.address === slotBase('write', 1))).toEqual([]);
  });

  it("the answer of the write is lost → settled by reading the slot back, never sent twice", async () => {
    const w = (current = world());
    await takenWave(w);
    wipeWriteSlotMo(w, 2);
    const before = w.fx.plc.requests.length;
    w.fx.plc.loseNextReply = true;

    const run = await w.act.resendBatch({ moId: 'WH/MO/00012', reason: 'slot 2 was overwritten', signature }, w.engineer);

    expect(run.reason).toContain('(its answer was lost; the slot reads back as sent)');
    expect(writesSince(w, before)).toHaveLength(1);
  });

  it('the write cannot be sent → the run is an error and the engineer is told', async () => {
    const w = (current = world());
    await takenWave(w);
    w.fx.plc.writeDmOnce = async () => {
      throw new PlcError('transport', 'PLC unreachable');
    };
    await expect(w.act.resendBatch({ moId: 'WH/MO/00012', reason: 'slot 2 was overwritten', signature }, w.engineer)).rejects.toThrow(
      /WRITE slot 2 was not rewritten: PLC unreachable/,
    );
  });

  const refusals: [string, (w: World) => Promise<void>, string, RegExp][] = [
    ['its turn has come (the PLC may be starting it)', async (w) => void (await takenWave(w)), 'WH/MO/00011', /its turn has come .* may be starting it right now/],
    ['the PLC is dosing it', async (w) => { await takenWave(w); await w.fx.clock.advance(BATCH_MS / 2); }, 'WH/MO/00011', /the PLC is dosing WH\/MO\/00011 \(READ slot 1: \d+(\.\d+)? kg so far\); a re-send could dose it twice/],
    ['the PLC finished it', async (w) => { await takenWave(w); await w.fx.clock.advance(BATCH_MS + 1000); }, 'WH/MO/00011', /READ slot 1 shows WH\/MO\/00011 finished; a re-send could dose it twice/],
    ['the PLC took its wave without it', async (w) => { await w.fx.sync(); w.fx.plcTakesWave(); }, 'WH/MO/00012', /took its wave without WH\/MO\/00012 .* cancel the batch instead/],
    ['it is not queued', async (w) => void (await takenWave(w)), 'WH/MO/00099', /WH\/MO\/00099 is not in the queue/],
  ];
  for (const [when, arrange, moId, reason] of refusals) {
    it(`refused when ${when}: nothing is written, the refusal is a recorded run`, async () => {
      const w = (current = world());
      await arrange(w);
      const before = w.fx.plc.requests.length;
      const error = await w.act.resendBatch({ moId, reason: 'try it', signature }, w.engineer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActionRefusedError);
      expect((error as Error).message).toMatch(reason);
      expect(writesSince(w, before)).toEqual([]);
      expect((await w.fx.store.lastRun('mo-sync'))?.outcome).toBe('skipped');
    });
  }
});

describe('cancel one queued batch', () => {
  it('not started, Odoo not told → archived with the engineer and the reason; its WRITE slot emptied, so the PLC doses nothing of it', async () => {
    const w = (current = world());
    const plant = await takenWave(w);

    const entry = await w.act.cancelBatch({ moId: 'WH/MO/00013', tellOdoo: false, reason: 'wrong product', signature }, w.engineer);

    expect(entry).toMatchObject({ moId: 'WH/MO/00013', status: 'cancelled' });
    expect(entry.notes).toBe(
      'Cancelled by engineer ana: wrong product — Odoo is not told: nothing is sent to Odoo for this cancel; consumption: Odoo was not told: nothing was booked; ' +
        'not started by the PLC: WRITE slot 3 emptied so the PLC doses nothing of it',
    );
    expect(await w.fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect(await w.fx.store.outboxEntry('WH/MO/00013', 'cancel')).toBeNull();
    await w.fx.clock.advance(3 * BATCH_MS);
    const slot3 = (await readFeedback(w.fx.plc)).slots[2];
    expect(Object.values(slot3?.equipment ?? {}).every((e) => e.kg === 0)).toBe(true);
    expect(plant.stats().wavesTaken).toBe(1);
  });

  it('Odoo told → one cancel call queued in the outbox for Task 3, and the notes say so', async () => {
    const w = (current = world());
    await takenWave(w);

    const entry = await w.act.cancelBatch({ moId: 'WH/MO/00012', tellOdoo: true, reason: 'MO withdrawn by planning', signature }, w.engineer);

    expect(entry.notes).toContain('Odoo is told through the outbox: Task 3 sends the cancel once');
    expect(await w.fx.store.outboxEntry('WH/MO/00012', 'cancel')).toMatchObject({ state: 'pending', payload: { mo_id: 'WH/MO/00012' } });
    expect(await w.fx.store.listOutbox(['pending', 'sending'])).toHaveLength(1);
  });

  it('failed in the PLC → cancelled without touching the PLC', async () => {
    const w = (current = world());
    await takenWave(w, { failSlot: 1 });
    await w.fx.clock.advance(BATCH_MS / 2 + 1000);
    const before = w.fx.plc.requests.length;

    const entry = await w.act.cancelBatch({ moId: 'WH/MO/00011', tellOdoo: false, reason: 'silo jammed', signature }, w.engineer);

    expect(entry.notes).toMatch(/the PLC reports it failed; the PLC was not written$/);
    expect(writesSince(w, before)).toEqual([]);
  });

  it('not telling Odoo also withdraws a cancel the PLC failure had queued; one being sent refuses', async () => {
    const w = (current = world());
    await takenWave(w, { failSlot: 1 });
    await w.fx.clock.advance(BATCH_MS / 2 + 1000);
    const at = new Date(w.fx.clock.now()).toISOString();
    await w.fx.store.enqueueOutbox({ moId: 'WH/MO/00011', kind: 'cancel', payload: { mo_id: 'WH/MO/00011' }, at });

    const entry = await w.act.cancelBatch({ moId: 'WH/MO/00011', tellOdoo: false, reason: 'Odoo MO kept for rework', signature }, w.engineer);

    expect(entry.notes).toContain('Odoo is not told: nothing is sent to Odoo for this cancel; the cancel call already queued was withdrawn');
    expect(await w.fx.store.outboxEntry('WH/MO/00011', 'cancel')).toMatchObject({ state: 'withdrawn' });
    const sending = { state: 'sending' } as Parameters<typeof planCancelInOdoo>[2];
    expect(() => planCancelInOdoo('WH/MO/00011', false, sending)).toThrow(/Odoo is being asked to cancel WH\/MO\/00011 right now/);
  });

  it('refused while the PLC is dosing it: still queued, nothing written, nothing queued for Odoo', async () => {
    const w = (current = world());
    await takenWave(w);
    await w.fx.clock.advance(BATCH_MS / 2);
    const before = w.fx.plc.requests.length;

    const error = await w.act.cancelBatch({ moId: 'WH/MO/00011', tellOdoo: true, reason: 'stop it', signature }, w.engineer).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ActionRefusedError);
    expect((error as Error).message).toMatch(/^the PLC is dosing WH\/MO\/00011 \(READ slot 1: .* kg so far\): cancel it once the PLC has finished it or reports it failed$/);
    expect(await w.fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013']);
    expect(writesSince(w, before)).toEqual([]);
    expect(await w.fx.store.outboxEntry('WH/MO/00011', 'cancel')).toBeNull();
  });

  it('refused for a batch that is not queued', async () => {
    const w = (current = world());
    await expect(w.act.cancelBatch({ moId: 'WH/MO/00099', tellOdoo: false, reason: 'gone', signature }, w.engineer)).rejects.toThrow(ActionRefusedError);
  });
});

describe('reset the start of Task 1', () => {
  it('PLC idle → WRITE slots emptied, D7076 := 1, every queued batch archived as cancelled (none deleted), Odoo told nothing', async () => {
    const w = (current = world());
    await w.fx.sync();
    expect(w.fx.handshake()).toBe(0);

    const run = await w.act.resetTask1({ reason: 'PLC program reloaded', signature }, w.engineer);

    expect(run).toMatchObject({ task: 'mo-sync', trigger: 'manual', outcome: 'done', moIds: ['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013'] });
    expect(run.reason).toBe(
      'Reset of Task 1 by engineer ana ("PLC program reloaded"): the PLC was idle; WRITE slots emptied and D7076 := 1, so the next sync starts afresh; ' +
        '3 queued batches (WH/MO/00011, WH/MO/00012, WH/MO/00013) archived as cancelled, never deleted; Odoo was not told and they are not fetched again',
    );
    expect(w.fx.handshake()).toBe(1);
    expect((await w.fx.plcWaveMoIds()).every((id) => id === '')).toBe(true);
    expect(await w.fx.queueMoIds()).toEqual([]);
    const history = await w.fx.store.listHistory({ page: 1, pageSize: 10, status: 'cancelled' });
    expect(history.total).toBe(3);
    expect(history.items[0]?.notes).toMatch(/^Reset of Task 1 by engineer ana \("PLC program reloaded"\) — Odoo was not told/);
    expect(await w.fx.store.listOutbox(['pending', 'sending', 'quarantined'])).toEqual([]);
  });

  const refusals: [string, (w: World) => Promise<void>, RegExp, number?][] = [
    ['the PLC is dosing', async (w) => { await takenWave(w); await w.fx.clock.advance(BATCH_MS / 2); }, /the PLC is not idle: its READ area shows a batch being dosed \(WH\/MO\/00011 in slot 1, .* kg so far\)/],
    ['an Odoo call for a queued MO is pending', async (w) => {
      await w.fx.sync();
      await w.fx.store.enqueueOutbox({ moId: 'WH/MO/00012', kind: 'cancel', payload: { mo_id: 'WH/MO/00012' }, at: new Date(w.fx.clock.now()).toISOString() });
    }, /Odoo calls for queued batches are still to be made \(cancel of WH\/MO\/00012, pending\)/],
    // One batch only: the PLC starts the next slot the moment one finishes.
    ['a batch finished and is not booked yet', async (w) => {
      plcProgram(w.fx);
      await w.fx.sync();
      await w.fx.clock.advance(BATCH_MS + 1000);
    }, /WH\/MO\/00011 finished or failed in the PLC and must first be booked or cancelled in Odoo/, 1],
  ];
  for (const [when, arrange, reason, moCount] of refusals) {
    it(`refused when ${when}: queue, WRITE area and handshake untouched`, async () => {
      const w = (current = world(moCount));
      await arrange(w);
      const queued = await w.fx.queueMoIds();
      const before = w.fx.plc.requests.length;
      const error = await w.act.resetTask1({ reason: 'start afresh', signature }, w.engineer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActionRefusedError);
      expect((error as Error).message).toMatch(reason);
      expect(writesSince(w, before)).toEqual([]);
      expect(await w.fx.queueMoIds()).toEqual(queued);
    });
  }
});

describe('the PLC view of named fields', () => {
  it('four reads, every field named by the memory map, kg values decoded', async () => {
    const w = (current = world());
    await takenWave(w);
    await w.fx.clock.advance(BATCH_MS / 2);
    const before = w.fx.plc.requests.length;

    const view = await w.act.readPlcView(undefined, w.engineer);

    expect(w.fx.plc.requests.slice(before).map((r) => r.kind)).toEqual(['read', 'read', 'read', 'read']);
    const field = (fields: { label: string }[], label: string) => fields.find((f) => f.label === label);
    expect(field(view.handshake, 'Handshake · wave taken by the PLC (0 = new data for the PLC)')).toEqual({
      label: 'Handshake · wave taken by the PLC (0 = new data for the PLC)', address: 'D7076', value: 1,
    });
    expect(field(view.handshake, 'Handshake · WRITE slot 3 read by the PLC')).toMatchObject({ address: 'D7276', value: true });
    expect(view.writeSlots).toHaveLength(10);
    expect(field(view.writeSlots[2]?.fields ?? [], 'WRITE slot 3 · MO')).toEqual({ label: 'WRITE slot 3 · MO', address: 'D7201–D7208', value: 'WH/MO/00013' });
    const dosing = view.readSlots[0]?.fields ?? [];
    expect(field(dosing, 'READ slot 1 · finished')).toMatchObject({ address: 'D6072', value: false });
    const silo = dosing.find((f) => f.label.endsWith('Consumption') && typeof f.value === 'number' && f.value > 0);
    expect(silo).toMatchObject({ unit: 'kg' });
    expect(view.failure.map((f) => f.label)).toContain('Failure · INFO');
    expect(view.weighing.map((f) => f.address)).toEqual(['D9000', 'D9001–D9008', 'D9009', 'D9010–D9011', 'D9012']);
  });
});
