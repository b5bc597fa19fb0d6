import { afterEach, describe, expect, it } from 'vitest';
import { openMos } from '../../../support/mo-factory';
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
    expect(fx.odooListCalls - callsBefore).toBe(2);
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
