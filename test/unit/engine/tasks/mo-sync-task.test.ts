import { afterEach, describe, expect, it } from 'vitest';
import { openMo, openMos } from '../../../support/mo-factory';
import { MoSyncFixture } from '../../../support/mo-sync-fixture';
import { handOvers, plcProgram } from '../../../support/plc-program';

describe('Task 1 — the gate: fetch only when mo_batch is empty', () => {
  let fx: MoSyncFixture;
  afterEach(async () => fx?.close());

  it('empty queue → fetches, queues the wave and hands it to the PLC', async () => {
    fx = new MoSyncFixture(openMos(3));
    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(run.moIds).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013']);
    expect(run.reason).toMatch(/fetched 3 MOs .* into PLC slots 1–3/);
    expect(run.queueCount).toBe(0);
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013']);
    expect((await fx.plcWaveMoIds()).slice(0, 4)).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013', '']);
    expect(fx.handshake()).toBe(0);
  });

  it('queue busy → skips without asking Odoo, and says how many batches are in the PLC', async () => {
    fx = new MoSyncFixture(openMos(4));
    await fx.sync();
    fx.plcTakesWave();
    fx.mos = openMos(4, 50);
    const callsBefore = fx.odooListCalls;

    const run = await fx.sync();

    expect(run.outcome).toBe('skipped');
    expect(run.queueCount).toBe(4);
    expect(run.reason).toBe('4 batches still in the PLC (4 waiting); waiting for the PLC to finish them');
    expect(fx.odooListCalls).toBe(callsBefore);
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013', 'WH/MO/00014']);
  });

  it('mixed states (finished, failed, dosing) → still skips: a wave leaves only when every batch has left', async () => {
    fx = new MoSyncFixture(openMos(3));
    await fx.sync();
    fx.plcTakesWave();
    const db = fx.store.connection;
    db.prepare('UPDATE mo_batch SET status_manufacturing = 1 WHERE batch_no = 1').run();
    db.prepare('UPDATE mo_batch SET status_operation = 1 WHERE batch_no = 2').run();

    const run = await fx.sync();

    expect(run.outcome).toBe('skipped');
    expect(run.queueCount).toBe(3);
  });

  it('after the last batch leaves → fetches the next MOs, never the archived ones Odoo still lists', async () => {
    fx = new MoSyncFixture(openMos(3));
    await fx.sync();
    fx.plcTakesWave();
    fx.archiveQueue();
    // The plant's Odoo keeps listing booked MOs (README §2, P8): the old ones stay at the top of the list.
    fx.mos = [...openMos(3), ...openMos(2, 20)];

    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(run.moIds).toEqual(['WH/MO/00020', 'WH/MO/00021']);
    expect(run.reason).toContain('Odoo still lists 3 MOs already produced or archived here (WH/MO/00011, WH/MO/00012, WH/MO/00013; close them in Odoo or turn on ODOO_MARK_DONE)');
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00020', 'WH/MO/00021']);
    expect((await fx.plcWaveMoIds()).slice(0, 3)).toEqual(['WH/MO/00020', 'WH/MO/00021', '']);
  });

  it('looks past a full first page of already-archived MOs', async () => {
    fx = new MoSyncFixture(openMos(10));
    await fx.sync();
    fx.plcTakesWave();
    fx.archiveQueue();
    fx.mos = [...openMos(10), ...openMos(4, 30)];

    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(run.moIds).toEqual(['WH/MO/00030', 'WH/MO/00031', 'WH/MO/00032', 'WH/MO/00033']);
  });

  it('nothing new in Odoo → empty, with the reason', async () => {
    fx = new MoSyncFixture([openMo(11, 'cancel')]);
    const run = await fx.sync();
    expect(run.outcome).toBe('empty');
    expect(run.reason).toBe('no new MOs in Odoo; skipped 1 (cancelled in Odoo: WH/MO/00011)');

    fx.mos = [];
    expect((await fx.sync()).reason).toBe('Odoo lists no open MOs');
  });

  it('the PLC has not taken the previous wave → skipped with the PLC reason, nothing written', async () => {
    fx = new MoSyncFixture(openMos(2));
    await fx.sync();
    fx.archiveQueue(); // the queue is empty but the PLC never took the wave (D7076 still 0)
    fx.mos = openMos(2, 40);
    const writesBefore = fx.plc.requests.filter((r) => r.kind === 'write').length;

    const run = await fx.sync();

    expect(run.outcome).toBe('skipped');
    expect(run.reason).toMatch(/PLC has not taken the previous wave yet \(D7076 = 0; slots 1–2 hold WH\/MO\/00011/);
    expect(fx.plc.requests.filter((r) => r.kind === 'write').length).toBe(writesBefore);
  });

  it('a sync while another holds the lock → busy, nothing fetched', async () => {
    fx = new MoSyncFixture(openMos(2));
    const lock = await fx.store.tryAcquireSyncLock();
    const run = await fx.sync();
    await lock?.release();

    expect(run.outcome).toBe('busy');
    expect(fx.odooListCalls).toBe(0);
    expect((await fx.sync()).outcome).toBe('fetched');
  });

  it('Odoo unreachable → error with Odoo\'s reason; nothing queued, PLC untouched', async () => {
    fx = new MoSyncFixture(openMos(2));
    fx.odooFailure = new Error('Odoo mo-list-detailed: connection refused (http://127.0.0.1:8069)');

    const run = await fx.sync();

    expect(run.outcome).toBe('error');
    expect(run.reason).toBe('Odoo mo-list-detailed: connection refused (http://127.0.0.1:8069)');
    expect(await fx.queueMoIds()).toEqual([]);
    expect(fx.plc.requests.every((r) => r.kind === 'read')).toBe(true);
  });

  it('a word corrupted on the way → error, nothing queued; the unverified wave is withdrawn, never handed over', async () => {
    fx = new MoSyncFixture(openMos(2));
    fx.plc.corruptWord = { address: 7101, value: 0x4242 };

    const run = await fx.sync();

    expect(run.outcome).toBe('error');
    // The link keeps corrupting that word, so even the withdrawal cannot be verified yet.
    expect(run.reason).toMatch(/verify failed: WRITE slot 2 NO-MO \(D7101\) reads 0x4242 but 0x5748 was written; the unverified wave could not be cleared yet/);
    expect(await fx.queueMoIds()).toEqual([]);
    expect(fx.handshake()).toBe(1);

    fx.plc.corruptWord = null;
    const reconcile = await fx.sync();
    expect(reconcile.outcome).toBe('recovered');
    expect(reconcile.reason).toMatch(/interrupted before the hand-over: the PLC never got WH\/MO\/00011, WH\/MO\/00012; its slots were cleared/);
    expect((await fx.plcWaveMoIds()).every((id) => id === '')).toBe(true);
    expect(fx.handshake()).toBe(1);

    const next = await fx.sync();
    expect(next.outcome).toBe('fetched');
    expect(next.moIds).toEqual(['WH/MO/00011', 'WH/MO/00012']);
  });

  it('a PLC failure while writing, then the PLC answers again → cleared at once, nothing queued', async () => {
    fx = new MoSyncFixture(openMos(2));
    fx.checkpoint = (step) => {
      if (step === 'intent-recorded') fx.plc.failNext = new Error('PLC unreachable (127.0.0.1:9600/udp): timeout after 3 attempts');
    };

    const run = await fx.sync();

    expect(run.outcome).toBe('error');
    expect(run.reason).toBe(
      'PLC unreachable (127.0.0.1:9600/udp): timeout after 3 attempts; the unverified wave was cleared from the PLC and nothing was queued',
    );
    expect(await fx.queueMoIds()).toEqual([]);
    expect(await fx.store.unresolvedIntents()).toEqual([]);
  });

  it('the hand-over reply is lost but the PLC took the wave → queued at once from what the PLC shows; D7076 := 0 was sent once', async () => {
    fx = new MoSyncFixture(openMos(2));
    const plant = plcProgram(fx);
    fx.checkpoint = (step) => {
      if (step === 'verified') fx.plc.loseNextReply = true;
    };

    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(run.moIds).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect(run.reason).toMatch(/the hand-over was not confirmed \(PLC did not confirm .*\), but the PLC has taken WH\/MO\/00011, WH\/MO\/00012; adopted into the queue/);
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect(await fx.store.unresolvedIntents()).toEqual([]);
    expect(handOvers(fx)).toBe(1);
    expect(plant.stats().wavesTaken).toBe(1);
  });

  it('the hand-over reply is lost and the PLC has not read D7076 yet → queued as handed over and waiting', async () => {
    fx = new MoSyncFixture(openMos(2));
    fx.checkpoint = (step) => {
      if (step === 'verified') fx.plc.loseNextReply = true;
    };

    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(run.reason).toMatch(/but WH\/MO\/00011, WH\/MO\/00012 handed over and waiting for the PLC; adopted into the queue/);
    expect(fx.handshake()).toBe(0);
    expect(handOvers(fx)).toBe(1);
  });

  it('the hand-over request is lost → unconfirmed: nothing queued, never sent again, the gate waits for an operator', async () => {
    fx = new MoSyncFixture(openMos(2));
    fx.checkpoint = (step) => {
      if (step === 'verified') fx.plc.failNext = new Error('PLC did not confirm (127.0.0.1:9600/udp) writing D7076+1: no response within 500 ms');
    };

    const first = await fx.sync();
    expect(first.outcome).toBe('error');
    expect(first.reason).toBe(
      'hand-over of WH/MO/00011, WH/MO/00012 unconfirmed: the PLC shows no trace of it; an operator must hand it over or withdraw it ' +
        '(PLC did not confirm (127.0.0.1:9600/udp) writing D7076+1: no response within 500 ms)',
    );
    expect(await fx.queueMoIds()).toEqual([]);
    const [held] = await fx.store.unresolvedIntents();
    expect(held).toMatchObject({
      phase: 'unconfirmed',
      plcView: 'its WRITE slots 1–2 hold this wave; D7076 = 1 (no hand-over pending); no READ slot shows these MOs: the PLC has not taken it',
    });

    fx.checkpoint = undefined;
    fx.mos = openMos(2, 60);
    const callsBefore = fx.odooListCalls;
    const second = await fx.sync();

    expect(second.outcome).toBe('skipped');
    expect(second.reason).toBe('hand-over of WH/MO/00011, WH/MO/00012 unconfirmed: the PLC shows no trace of it; an operator must hand it over or withdraw it');
    expect(fx.odooListCalls).toBe(callsBefore);
    expect(await fx.queueMoIds()).toEqual([]);
    expect(fx.handshake()).toBe(1);
    expect(handOvers(fx)).toBe(1);
  });

  it('a lost hand-over with a PLC that cannot be read either → error; the wave stays recorded and the next sync settles it', async () => {
    fx = new MoSyncFixture(openMos(2));
    fx.checkpoint = (step) => {
      if (step === 'verified') fx.plc.loseNextReply = true;
    };
    fx.plc.onWrite = (address) => {
      if (address === 7076) fx.plc.failNext = new Error('PLC unreachable (127.0.0.1:9600/udp): circuit open');
    };

    const run = await fx.sync();

    expect(run.outcome).toBe('error');
    expect(run.reason).toMatch(/the PLC cannot be read to settle the hand-over \(PLC unreachable .*\): the wave stays recorded/);
    expect((await fx.store.unresolvedIntents()).map((i) => i.phase)).toEqual(['verified']);

    fx.plc.onWrite = undefined;
    const next = await fx.sync();
    expect(next.outcome).toBe('recovered');
    expect(next.reason).toMatch(/handed over and waiting for the PLC; adopted into the queue/);
    expect(handOvers(fx)).toBe(1);
  });
});
