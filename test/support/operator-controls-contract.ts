/**
 * The operator's controls every AuthorityStore must keep (electron/store/operator-controls.ts): the
 * plant-wide pause of new waves and the manual-additive checklists written with a wave. Run against
 * SQLite (test/unit/store/sqlite-operator-controls.test.ts) and PostgreSQL
 * (test/integration/store/pg-operator-controls.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchRecipe } from '../../shared/domain';
import { GateLockLostError, type AuthorityStore } from '../../electron/store/authority-store';
import { recipe } from './authority-store-contract';

export interface ControlsFixture {
  store: AuthorityStore;
  /** Another store on the same database, as another station opens it. */
  openPeer(): Promise<AuthorityStore>;
  dispose(): Promise<void>;
}

const at = (seconds: number): string => new Date(Date.UTC(2026, 10, 29, 8, 14, seconds)).toISOString();

/** A recipe with the captured MO's hand-weighed additives (positions as in Odoo's component list). */
function withAdditives(batchNo: number, moNumber: number): BatchRecipe {
  return {
    ...recipe(batchNo, moNumber),
    manualAdditives: [
      { position: 9, name: 'CaCO3', quantity: 20, uom: 'kg' },
      { position: 8, name: '[4002] DEMITOX', quantity: 0.5, uom: 'kg' },
      { position: 12, name: '[20023] RUMIGOLD 1KG', quantity: null, uom: 'Unit' },
    ],
  };
}

export function describeOperatorControls(name: string, open: () => Promise<ControlsFixture>): void {
  describe(`${name} — operator controls`, () => {
    let fx: ControlsFixture;
    let store: AuthorityStore;
    beforeEach(async () => {
      fx = await open();
      store = fx.store;
    });
    afterEach(async () => fx?.dispose());

    async function epoch(): Promise<number> {
      const lock = await store.tryAcquireSyncLock();
      await lock!.release();
      return lock!.epoch;
    }

    async function queue(recipes: BatchRecipe[]): Promise<void> {
      const gate = await epoch();
      const intent = await store.recordIntent(1, 'ST-1', recipes, at(0), gate);
      await store.commitWave(intent.id, 'committed', at(1), gate);
    }

    const tick = (moId: string, position: number, checked = true, second = 30, station = 'ST-2') =>
      store.checkManualAdditive({ moId, position, checked, at: at(second), station });

    describe('pause new waves', () => {
      it('a fresh plant is not paused and was never changed', async () => {
        expect(await store.newWavesPause()).toEqual({ paused: false, changedAt: null, changedBy: null, reason: null });
      });

      it('a pause is stored with when, where and why, and every station reads it', async () => {
        const result = await store.setNewWavesPause({ paused: true, reason: 'cleaning silo C', at: at(0), station: 'ST-1' });

        const expected = { paused: true, changedAt: at(0), changedBy: 'ST-1', reason: 'cleaning silo C' };
        expect(result).toEqual({ pause: expected, changed: true });
        const peer = await fx.openPeer();
        try {
          expect(await peer.newWavesPause()).toEqual(expected);
        } finally {
          await peer.close();
        }
      });

      it('pausing what is already paused changes nothing: the first pause keeps its time, station and reason', async () => {
        await store.setNewWavesPause({ paused: true, reason: 'cleaning silo C', at: at(0), station: 'ST-1' });

        const again = await store.setNewWavesPause({ paused: true, reason: 'another reason', at: at(40), station: 'ST-2' });

        expect(again).toEqual({ pause: { paused: true, changedAt: at(0), changedBy: 'ST-1', reason: 'cleaning silo C' }, changed: false });
        expect(await store.newWavesPause()).toEqual(again.pause);
      });

      it('resuming records who resumed and why; resuming again changes nothing', async () => {
        await store.setNewWavesPause({ paused: true, reason: 'cleaning silo C', at: at(0), station: 'ST-1' });

        const resumed = await store.setNewWavesPause({ paused: false, reason: 'silo C clean', at: at(50), station: 'ST-2' });
        const twice = await store.setNewWavesPause({ paused: false, reason: 'again', at: at(55), station: 'ST-1' });

        expect(resumed).toEqual({ pause: { paused: false, changedAt: at(50), changedBy: 'ST-2', reason: 'silo C clean' }, changed: true });
        expect(twice).toEqual({ pause: resumed.pause, changed: false });
      });

      it('two stations pausing at once: exactly one changes it', async () => {
        const peer = await fx.openPeer();
        try {
          const results = await Promise.all([
            store.setNewWavesPause({ paused: true, reason: 'from ST-1', at: at(0), station: 'ST-1' }),
            peer.setNewWavesPause({ paused: true, reason: 'from ST-2', at: at(0), station: 'ST-2' }),
          ]);
          expect(results.filter((r) => r.changed)).toHaveLength(1);
          expect(results[0]!.pause).toEqual(results[1]!.pause);
        } finally {
          await peer.close();
        }
      });
    });

    describe('manual additives', () => {
      it('are queued with the wave, in Odoo order, unticked; a batch without any has an empty checklist', async () => {
        await queue([withAdditives(1, 11), recipe(2, 12)]);

        const [first, second] = await store.listQueue();
        expect(first!.manualAdditives).toEqual([
          { position: 8, name: '[4002] DEMITOX', quantity: 0.5, uom: 'kg', checkedAt: null, checkedBy: null },
          { position: 9, name: 'CaCO3', quantity: 20, uom: 'kg', checkedAt: null, checkedBy: null },
          { position: 12, name: '[20023] RUMIGOLD 1KG', quantity: null, uom: 'Unit', checkedAt: null, checkedBy: null },
        ]);
        expect(second!.manualAdditives).toEqual([]);
      });

      it('a tick records when and at which station; the queue shows it', async () => {
        await queue([withAdditives(1, 11)]);

        const result = await tick('WH/MO/00011', 9);

        const ticked = { position: 9, name: 'CaCO3', quantity: 20, uom: 'kg', checkedAt: at(30), checkedBy: 'ST-2' };
        expect(result).toEqual({ additive: ticked, changed: true });
        expect((await store.listQueue())[0]!.manualAdditives[1]).toEqual(ticked);
      });

      it('ticking a ticked line changes nothing (the first tick stays); unticking clears it', async () => {
        await queue([withAdditives(1, 11)]);
        await tick('WH/MO/00011', 9);

        const again = await tick('WH/MO/00011', 9, true, 45, 'ST-3');
        const unticked = await tick('WH/MO/00011', 9, false, 50);
        const uncheckedTwice = await tick('WH/MO/00011', 9, false, 55);

        expect(again).toMatchObject({ additive: { checkedAt: at(30), checkedBy: 'ST-2' }, changed: false });
        expect(unticked).toEqual({ additive: { position: 9, name: 'CaCO3', quantity: 20, uom: 'kg', checkedAt: null, checkedBy: null }, changed: true });
        expect(uncheckedTwice).toMatchObject({ changed: false });
      });

      it('only a line that exists, of a batch still in the queue', async () => {
        await queue([withAdditives(1, 11)]);

        expect(await tick('WH/MO/00011', 3)).toBeNull();
        expect(await tick('WH/MO/00099', 9)).toBeNull();

        const [batch] = await store.listQueue();
        await store.archiveBatch({ batchId: batch!.id, status: 'completed', notes: null, at: at(40) });
        expect(await tick('WH/MO/00011', 9)).toBeNull();
      });

      it('an MO queued again after its archive (only by hand: the gate never fetches it twice) gets a fresh checklist, not an error', async () => {
        await queue([withAdditives(1, 11)]);
        await tick('WH/MO/00011', 9);
        const [batch] = await store.listQueue();
        await store.archiveBatch({ batchId: batch!.id, status: 'cancelled', notes: 'dispatched again by hand', at: at(40) });

        await queue([withAdditives(1, 11)]);

        expect((await store.listQueue())[0]!.manualAdditives.every((line) => line.checkedAt === null && line.checkedBy === null)).toBe(true);
      });

      it('a wave whose commit is refused (the sync lock was lost) leaves no checklist behind: the next holder queues it whole', async () => {
        const stale = await epoch();
        const intent = await store.recordIntent(1, 'ST-1', [withAdditives(1, 11)], at(0), stale);
        const current = await epoch();

        await expect(store.commitWave(intent.id, 'committed', at(1), stale)).rejects.toBeInstanceOf(GateLockLostError);
        await store.commitWave(intent.id, 'adopted', at(2), current);

        expect((await store.listQueue())[0]!.manualAdditives.map((a) => a.position)).toEqual([8, 9, 12]);
      });
    });
  });
}
