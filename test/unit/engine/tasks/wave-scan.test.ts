import { afterEach, describe, expect, it } from 'vitest';
import { RESCAN_AFTER_MS } from '../../../../electron/engine/tasks/mo-sync/wave-scan';
import { openMo, openMos } from '../../../support/mo-factory';
import { MoSyncFixture } from '../../../support/mo-sync-fixture';

/** Issue 8 items 6 and 7: how far Task 1 looks down Odoo's list, and what one bad MO costs. */
describe('Task 1 — scanning Odoo\'s list for the next wave', () => {
  let fx: MoSyncFixture;
  afterEach(async () => fx?.close());

  /** Dispatches, takes and archives `waves` full waves, as the plant does while Odoo keeps listing them (P8). */
  async function produceWaves(waves: number): Promise<void> {
    for (let i = 0; i < waves; i++) {
      const run = await fx.sync();
      expect(run.outcome, `wave ${i + 1}: ${run.reason}`).toBe('fetched');
      fx.plcTakesWave();
      fx.archiveQueue();
    }
  }

  it('250 MOs produced here still listed ahead of new ones → the next wave is fetched, in a few requests', async () => {
    fx = new MoSyncFixture(openMos(270));
    await produceWaves(25);
    const callsBefore = fx.odooListCalls;

    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(run.moIds).toEqual(openMos(10, 261).map((mo) => mo.mo_id));
    expect(run.reason).toContain('Odoo still lists 250 MOs already produced or archived here (WH/MO/00011, WH/MO/00012, WH/MO/00013 and 247 more; close them in Odoo or turn on ODOO_MARK_DONE)');
    expect(fx.odooListCalls - callsBefore).toBeLessThanOrEqual(3);
  });

  it('every MO Odoo lists was produced here → empty, saying how many and what would stop it', async () => {
    fx = new MoSyncFixture(openMos(30));
    await produceWaves(3);

    const run = await fx.sync();

    expect(run.outcome).toBe('empty');
    expect(run.reason).toBe(
      'no new MOs in Odoo; Odoo still lists 30 MOs already produced or archived here (WH/MO/00011, WH/MO/00012, WH/MO/00013 and 27 more; close them in Odoo or turn on ODOO_MARK_DONE)',
    );
  });

  it('an Odoo that ignores offset (the same full page again) → the scan stops at once, and says why', async () => {
    fx = new MoSyncFixture(openMos(120));
    await produceWaves(10);
    fx.odooIgnoresOffset = true;
    const callsBefore = fx.odooListCalls;

    const run = await fx.sync();

    expect(run.outcome).toBe('empty');
    expect(run.reason).toContain('Odoo still lists 100 MOs already produced or archived here');
    expect(run.reason).toContain('Odoo listed only MOs it had already listed at offset 100, so the scan stopped there (does its mo-list-detailed ignore offset?)');
    // The page at the remembered prefix is not what it was, then the list from its start: two pages.
    expect(fx.odooListCalls - callsBefore).toBe(3);
  });

  describe('the known prefix: where Odoo\'s list stops holding only MOs produced here', () => {
    const ids = (mos: readonly { mo_id: string }[]) => mos.map((mo) => mo.mo_id);

    /** `produced` MOs archived here and still listed by Odoo (P8), then `fresh` new ones behind them. */
    function plantWithBacklog(produced: number, fresh: number): MoSyncFixture {
      const fixture = new MoSyncFixture(openMos(produced + fresh));
      fixture.recordProducedEarlier(ids(fixture.mos.slice(0, produced)));
      return fixture;
    }

    /** The PLC takes the wave and Task 3 archives it: the next sync needs the next MOs. */
    async function produce(run: { moIds?: string[] | null; reason: string; outcome: string }): Promise<void> {
      expect(run.outcome, run.reason).toBe('fetched');
      fx.plcTakesWave();
      fx.archiveQueue();
    }

    it('1,000 produced MOs listed ahead → the first sync reads them all once, the next reads one page; the reason counts all of them', async () => {
      fx = plantWithBacklog(1000, 30);
      const first = await fx.sync();
      expect(first.moIds).toEqual(ids(openMos(10, 1011)));
      expect(fx.odooListCalls).toBe(11);
      await produce(first);

      const calls = fx.odooListCalls;
      const second = await fx.sync();

      expect(second.moIds).toEqual(ids(openMos(10, 1021)));
      expect(fx.odooListCalls - calls).toBe(1);
      expect(second.reason).toContain(
        'Odoo still lists 1010 MOs already produced or archived here (WH/MO/00011, WH/MO/00012, WH/MO/00013 and 1007 more; close them in Odoo or turn on ODOO_MARK_DONE)',
      );
      expect(fx.odooBacklog).toBe(1010);
    });

    it('a new MO that Odoo lists ahead of the remembered position → the next sync reads from the start and takes it first', async () => {
      fx = plantWithBacklog(300, 30);
      await produce(await fx.sync());
      fx.mos.splice(150, 0, openMo(9001));

      const run = await fx.sync();

      expect(run.moIds).toEqual(['WH/MO/09001', ...ids(openMos(9, 321))]);
      expect(fx.log.entries.some((l) => l.message.includes("Odoo's list changed ahead of where the last sync stopped reading it"))).toBe(true);
    });

    it('an MO closed in Odoo ahead of the remembered position → no new MO is skipped', async () => {
      fx = plantWithBacklog(300, 0);
      expect((await fx.sync()).outcome).toBe('empty');
      fx.mos.push(...openMos(30, 311));
      fx.mos.splice(42, 1);

      const run = await fx.sync();

      expect(run.moIds).toEqual(ids(openMos(10, 311)));
      expect(run.reason).toContain('Odoo still lists 299 MOs already produced or archived here');
    });

    it('Odoo lists newest first from now on → the new MOs are still found', async () => {
      fx = plantWithBacklog(300, 30);
      await produce(await fx.sync());
      fx.mos.reverse();

      const run = await fx.sync();

      expect(run.moIds).toEqual(ids(openMos(20, 321)).reverse().slice(0, 10));
    });

    it('as many MOs added as closed ahead of the remembered position (invisible at its boundary) → taken at the hourly read from the start', async () => {
      fx = plantWithBacklog(300, 30);
      await produce(await fx.sync());
      fx.mos.splice(42, 1);
      fx.mos.splice(150, 0, openMo(9001));
      await produce(await fx.sync());

      await fx.clock.advance(RESCAN_AFTER_MS);
      const run = await fx.sync();

      expect(run.moIds?.[0]).toBe('WH/MO/09001');
    });

    it('a new MO added ahead while a sync pages through the list → the next sync finds it', async () => {
      fx = plantWithBacklog(300, 30);
      fx.beforeListing = (offset) => {
        if (offset === 0) return;
        fx.beforeListing = undefined;
        fx.mos.splice(20, 0, openMo(9001));
      };
      await produce(await fx.sync());

      const run = await fx.sync();

      expect(run.moIds?.[0]).toBe('WH/MO/09001');
    });

    it('an MO closed in Odoo while a sync pages through the list → the new MO the next page would skip is still taken', async () => {
      fx = plantWithBacklog(300, 30);
      fx.mos.splice(100, 0, openMo(9001));
      fx.beforeListing = (offset) => {
        if (offset === 0) return;
        fx.beforeListing = undefined;
        fx.mos.splice(10, 1);
      };

      const run = await fx.sync();

      expect(run.moIds?.[0]).toBe('WH/MO/09001');
    });

    it('a restart forgets the prefix: the first sync reads the whole list once, the one after a page', async () => {
      fx = plantWithBacklog(1000, 30);
      await produce(await fx.sync());
      fx.restart();

      let calls = fx.odooListCalls;
      await produce(await fx.sync());
      expect(fx.odooListCalls - calls).toBe(11);
      calls = fx.odooListCalls;
      await fx.sync();
      expect(fx.odooListCalls - calls).toBe(1);
    });
  });

  it('one MO whose quantity the PLC cannot hold, among 10 → a wave of the other 9; the reason names it', async () => {
    const mos = openMos(10);
    (mos[4] as (typeof mos)[number]).quantity = 5e7;
    fx = new MoSyncFixture(mos);

    const run = await fx.sync();

    expect(run.outcome).toBe('fetched');
    expect(run.moIds).toEqual(mos.map((mo) => mo.mo_id).filter((id) => id !== 'WH/MO/00015'));
    expect(run.reason).toContain(
      'could not dispatch 1: MO "WH/MO/00015" does not fit the PLC (Quantity Goods_id: 50000000 is too large; the PLC holds at most 21474836.47); fix it in Odoo',
    );
    expect((await fx.plcWaveMoIds()).slice(0, 10)).toEqual([...(run.moIds ?? []), '']);
  });

  it('a silo amount the PLC cannot hold → only that MO is skipped; left alone in Odoo, the sync says it cannot dispatch it', async () => {
    const mos = openMos(3);
    const silo = (mos[1] as (typeof mos)[number]).components_consumption[0];
    if (silo) silo.to_consume = 3e7;
    fx = new MoSyncFixture(mos);

    const first = await fx.sync();
    expect(first.moIds).toEqual(['WH/MO/00011', 'WH/MO/00013']);
    expect(first.reason).toMatch(/MO "WH\/MO\/00012" does not fit the PLC \(SILO ID 103 Consumption: 30000000 is too large/);

    fx.plcTakesWave();
    fx.archiveQueue();
    const second = await fx.sync();
    expect(second.outcome).toBe('empty');
    expect(second.reason).toMatch(/^no MO Odoo lists can be dispatched; Odoo still lists 2 MOs already produced or archived here .*; could not dispatch 1: MO "WH\/MO\/00012"/);
  });
});
