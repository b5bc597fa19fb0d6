import { afterEach, describe, expect, it } from 'vitest';
import { newWavesPausedReason } from '../../../../electron/engine/tasks/mo-sync/new-waves-pause';
import { formatOdooDateTime } from '../../../../electron/odoo/odoo-datetime';
import { openMos } from '../../../support/mo-factory';
import { MoSyncFixture } from '../../../support/mo-sync-fixture';
import { handOvers } from '../../../support/plc-program';

const PAUSED_AT = '2026-11-29T08:14:00.000Z';
/** The pause's time as the station shows it: plant time, to the minute. */
const pausedAtPlantTime = formatOdooDateTime(new Date(PAUSED_AT)).slice(0, 16);

describe('Task 1 while new waves are paused: the gate fetches nothing, whatever triggers it', () => {
  let fx: MoSyncFixture;
  afterEach(async () => fx?.close());

  const pause = (reason = 'cleaning silo C') => fx.store.setNewWavesPause({ paused: true, reason, at: PAUSED_AT, station: 'ST-1' });
  const resume = () => fx.store.setNewWavesPause({ paused: false, reason: 'silo C clean', at: PAUSED_AT, station: 'ST-2' });

  // Mutation check: deleting `if (paused) return { outcome: 'skipped', queueCount, reason: paused };` in mo-sync-task.ts
  // turns this test red (Odoo is asked); deleting the second check as well lets the wave go to the PLC.
  it.each(['manual', 'schedule', 'cli'] as const)('%s trigger → skipped with since, where and why; Odoo not asked, the PLC untouched', async (trigger) => {
    fx = new MoSyncFixture(openMos(3));
    await pause();

    const run = await fx.sync(trigger);

    expect(run.outcome).toBe('skipped');
    expect(run.reason).toBe(`New waves are paused (since ${pausedAtPlantTime} at station ST-1: cleaning silo C); PLC reading and Odoo booking go on`);
    expect(run.queueCount).toBe(0);
    expect(fx.odooListCalls).toBe(0);
    expect(fx.plc.requests.filter((r) => r.kind === 'write')).toEqual([]);
    expect(await fx.queueMoIds()).toEqual([]);
  });

  it('resumed → the next sync fetches as before', async () => {
    fx = new MoSyncFixture(openMos(3));
    await pause();
    await fx.sync();
    await resume();

    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012', 'WH/MO/00013']);
  });

  it('paused while Odoo is being read (another station) → that wave does not go to the PLC either', async () => {
    fx = new MoSyncFixture(openMos(3));
    // SQLite writes as the call is made: the pause is stored before Odoo answers.
    fx.beforeListing = () => void pause('operator at ST-1 stopped the line');

    const run = await fx.sync();

    expect(run.outcome).toBe('skipped');
    expect(run.reason).toMatch(/^New waves are paused \(since .* at station ST-1: operator at ST-1 stopped the line\)/);
    expect(fx.plc.requests.filter((r) => r.kind === 'write')).toEqual([]);
    expect(await fx.store.unresolvedIntents()).toEqual([]);
    expect(await fx.queueMoIds()).toEqual([]);
  });

  it('an unfinished wave is still reconciled while paused (adopted into the queue with its checklist); only the next wave waits', async () => {
    fx = new MoSyncFixture(openMos(2));
    fx.checkpoint = (step) => {
      if (step === 'verified') fx.plc.loseNextReply = true;
    };
    fx.plc.onWrite = (address) => {
      if (address === 7076) fx.plc.failNext = new Error('PLC unreachable (127.0.0.1:9600/udp): circuit open');
    };
    expect((await fx.sync()).outcome).toBe('error');
    fx.checkpoint = undefined;
    fx.plc.onWrite = undefined;
    await pause();

    const reconciled = await fx.sync();

    expect(reconciled.outcome).toBe('recovered');
    expect(await fx.queueMoIds()).toEqual(['WH/MO/00011', 'WH/MO/00012']);
    expect((await fx.store.listQueue())[0]?.manualAdditives).toEqual([
      { position: 2, name: '[40022] GARAM', quantity: 2.5, uom: 'kg', checkedAt: null, checkedBy: null },
    ]);
    expect(handOvers(fx)).toBe(1);

    fx.archiveQueue();
    const next = await fx.sync();
    expect(next.outcome).toBe('skipped');
    expect(next.reason).toMatch(/^New waves are paused/);
  });
});

describe("the pause as the gate's reason", () => {
  it('none while new waves may come', () => {
    expect(newWavesPausedReason({ paused: false, changedAt: PAUSED_AT, changedBy: 'ST-2', reason: 'silo C clean' })).toBeNull();
    expect(newWavesPausedReason({ paused: false, changedAt: null, changedBy: null, reason: null })).toBeNull();
  });
});
