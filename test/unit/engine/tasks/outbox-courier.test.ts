import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../../shared/domain';
import { OutboxCourier, type CourierDeps, type Delivery } from '../../../../electron/engine/tasks/complete/outbox-courier';
import { SqliteStore } from '../../../../electron/store/sqlite/sqlite-store';
import { ManualClock } from '../../../support/manual-clock';
import { OdooError } from '../../../../electron/odoo/odoo-error';
import { openMo } from '../../../support/mo-factory';
import { SlowOdoo } from '../../../support/slow-odoo';

const MO = 'WH/MO/00011';
const PAYLOAD = { mo_id: MO, silo103: 300, lq114: 33.3 };
const SETTLE_MS = 150_000;

describe('the outbox courier: one courier per entry, sent once, settled only after Odoo is done with it', () => {
  let dir: string;
  let stores: SqliteStore[];
  let clock: ManualClock;
  let odoo: SlowOdoo;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sms-courier-'));
    stores = [];
    clock = new ManualClock();
    odoo = new SlowOdoo(clock);
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A store on the shared database, as another process opens it. */
  function openStore(): SqliteStore {
    const store = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
    stores.push(store);
    return store;
  }

  function courier(name: string, store = openStore(), extra: Partial<CourierDeps> = {}): OutboxCourier {
    return new OutboxCourier({
      store,
      odoo: odoo.calls(),
      clock,
      retry: { baseMs: 5_000, maxMs: 60_000, maxRejections: 3 },
      claimant: `test-station pid ${name} #00`,
      claimMs: 150_000,
      settleAfterMs: SETTLE_MS,
      ...extra,
    });
  }

  async function enqueue(store = openStore()): Promise<OutboxEntry> {
    return store.enqueueOutbox({ moId: MO, kind: 'consumption', payload: PAYLOAD, at: new Date(clock.now()).toISOString() });
  }

  const entryNow = async (): Promise<OutboxEntry> => (await openStore().outboxEntry(MO, 'consumption'))!;

  it('two couriers racing on one entry (a console and `run complete --once`): Odoo gets one push', async () => {
    const listed = await enqueue();
    odoo.plans.push({ applyAfterMs: 20_000, timeoutMs: null });
    // Both read the baseline at the same moment: without a claim both would go on to send.
    odoo.onDetailRead = () => new Promise((resolve) => clock.setTimer(1_000, resolve));

    const racing = Promise.all([courier('1').deliver(listed), courier('2').deliver(listed)]);
    await clock.advance(30_000);
    const outcomes = await racing;

    expect(odoo.pushesAt).toHaveLength(1);
    expect(odoo.booked(MO)).toBe(1);
    expect(outcomes.map((o) => o.state).sort()).toEqual(['booked', 'waiting']);
    const skipped = outcomes.find((o) => o.state === 'waiting') as Extract<Delivery, { reason: string }>;
    expect(skipped.reason).toMatch(/^another courier is delivering it \(test-station pid \d #00\)$/);
  });

  it('a courier that listed the entry before another one sent it does not send it again', async () => {
    const listed = await enqueue();
    odoo.plans.push({ applyAfterMs: 20_000, timeoutMs: null });
    const first = courier('1').deliver(listed);
    await clock.advance(5_000); // the first push is on its way
    const second = await courier('2').deliver(listed);
    await clock.advance(20_000);

    expect(await first).toEqual({ state: 'booked', note: 'booked' });
    expect(second.state).toBe('waiting');
    expect(odoo.booked(MO)).toBe(1);
  });

  it('a push that timed out is not read back before the settle horizon; Odoo applying it 70 s after the timeout → one booking', async () => {
    const entry = await enqueue();
    const sentAt = clock.now();
    odoo.plans.push({ applyAfterMs: 100_000, timeoutMs: 30_000 }); // the reply never comes; Odoo books 70 s after the client gave up
    const the = courier('1');

    const first = the.deliver(entry);
    await clock.advance(30_000);
    expect(await first).toMatchObject({ state: 'waiting', reason: expect.stringMatching(/Odoo may still be booking WH\/MO\/00011; checked again after \d\d:\d\d:\d\d$/) });
    expect((await entryNow()).state).toBe('sending');

    let delivery: Delivery = { state: 'waiting', reason: '' };
    while (delivery.state !== 'booked' && clock.now() < sentAt + 400_000) {
      await clock.advance(5_000);
      delivery = await the.deliver(await entryNow());
      if (clock.now() < sentAt + SETTLE_MS) expect(delivery).toMatchObject({ state: 'waiting', reason: expect.stringContaining('Odoo may still be booking WH/MO/00011') });
    }

    expect(delivery).toEqual({ state: 'booked', note: 'booked by an earlier attempt (confirmed with mo-detail)' });
    expect(odoo.detailReadsAt.filter((t) => t > sentAt && t < sentAt + SETTLE_MS)).toEqual([]);
    expect(odoo.pushesAt).toHaveLength(1);
    expect(odoo.booked(MO)).toBe(1);
  });

  it('a failed baseline read sends nothing: the entry stays pending (no rejection counted) and is sent once later', async () => {
    const entry = await enqueue();
    odoo.failDetailReads = 1;
    const the = courier('1');

    const first = await the.deliver(entry);
    expect(first).toMatchObject({ state: 'waiting', reason: expect.stringMatching(/^could not read WH\/MO\/00011 from Odoo before sending it \(nothing sent\): .*; retry in 5 s$/) });
    expect(await entryNow()).toMatchObject({ state: 'pending', attempts: 0, baseline: null, sentAt: null, claimedBy: null });
    expect(odoo.pushesAt).toEqual([]);

    await clock.advance(5_000);
    expect(await the.deliver(await entryNow())).toEqual({ state: 'booked', note: 'booked' });
    await clock.advance(SETTLE_MS * 2);
    // Not yet marked done (Task 3 does that with the archive): delivering again reads it back instead of pushing.
    expect(await the.deliver(await entryNow())).toEqual({ state: 'booked', note: 'booked by an earlier attempt (confirmed with mo-detail)' });
    expect(odoo.booked(MO)).toBe(1);
  });

  it('plant mode: a station that lost the lease does not send; the entry stays pending and unclaimed', async () => {
    const entry = await enqueue();
    const delivery = await courier('1', openStore(), { mayDeliver: async () => false }).deliver(entry);

    expect(delivery).toEqual({ state: 'waiting', reason: 'this station no longer drives the PLC; the station that does delivers it' });
    expect(odoo.pushesAt).toEqual([]);
    expect(await entryNow()).toMatchObject({ state: 'pending', claimedBy: null });
  });

  it('an entry withdrawn (batch archived as cancelled) while the courier reads the baseline is never sent, and stays withdrawn', async () => {
    const store = openStore();
    const entry = await enqueue(store);
    odoo.onDetailRead = async () => {
      await store.updateOutbox(entry.id, { state: 'withdrawn', at: new Date(clock.now()).toISOString() });
    };
    const delivery = await courier('1').deliver(entry);

    expect(delivery).toEqual({ state: 'withdrawn', reason: 'its batch was archived as cancelled; Odoo was not told' });
    expect(odoo.pushesAt).toEqual([]);
    expect((await entryNow()).state).toBe('withdrawn');
  });

  it('a courier whose claim ran out during a slow baseline read cannot record that baseline over another courier\'s push (found by the explorer, seed 32217)', async () => {
    const listed = await enqueue();
    // A's read of the baseline answers only after 20 s, with what Odoo holds by then.
    odoo.onDetailRead = () => {
      odoo.onDetailRead = null;
      return new Promise((resolve) => clock.setTimer(20_000, resolve));
    };
    const slow = courier('1', openStore(), { claimMs: 10_000 }).deliver(listed);
    await clock.advance(12_000);

    // A's claim has run out: B claims, reads, pushes; Odoo books it but the reply is lost.
    odoo.plans.push({ applyAfterMs: 100, timeoutMs: 50 });
    const b = courier('2');
    const pushed = b.deliver(await entryNow());
    await clock.advance(1_000);
    expect(await pushed).toMatchObject({ state: 'waiting' });
    await clock.advance(10_000);
    // A's read comes back after B's push was booked: it must not become the baseline.
    expect(await slow).toMatchObject({ state: 'waiting' });
    expect(odoo.booked(MO)).toBe(1);

    await clock.advance(SETTLE_MS);
    expect(await b.deliver(await entryNow())).toEqual({ state: 'booked', note: 'booked by an earlier attempt (confirmed with mo-detail)' });
    expect(odoo.pushesAt).toHaveLength(1);
    expect(odoo.booked(MO)).toBe(1);
  });

  it('a mark-done whose answer was lost is not sent again once Odoo shows the MO done (found by the explorer, seed 593)', async () => {
    const store = openStore();
    const entry = await store.enqueueOutbox({ moId: MO, kind: 'mark-done', payload: { mo_id: MO, finished_qty: 1000, date_end: '2026-11-29T06:00:00.000Z' }, at: new Date(clock.now()).toISOString() });
    const markDones: string[] = [];
    let state = 'progress';
    const odooCalls = {
      ...odoo.calls(),
      moDetail: async (moId: string) => ({ ...openMo(Number(moId.slice(-5))), state }),
      markDone: async (moId: string) => {
        markDones.push(moId);
        state = 'done';
        throw new OdooError('dropped', 'mark-done', 'connection dropped before a reply');
      },
    };
    const the = courier('1', store, { odoo: odooCalls });

    expect(await the.deliver(entry)).toMatchObject({ state: 'waiting' });
    await clock.advance(60_000);
    expect(await the.deliver((await store.outboxEntry(MO, 'mark-done'))!)).toEqual({ state: 'booked', note: `${MO} is already marked done in Odoo` });
    expect(markDones).toEqual([MO]);
  });
});
