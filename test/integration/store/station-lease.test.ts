import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StationLease, type LeaseChange } from '../../../electron/store/lease/station-lease';
import { PgStore } from '../../../electron/store/postgres/pg-store';
import { ManualClock } from '../../support/manual-clock';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';

/**
 * The TTL is judged on the database's clock (real time); heartbeats run on each
 * station's own manual clock. Tests that must see a lease expire use a short
 * TTL; the others a long one, so a slow machine never lets a lease lapse.
 */
const SHORT_TTL_MS = 1_500;
const LONG_TTL_MS = 30_000;
const WAIT = { timeout: 15_000, interval: 20 };

let server: TestPostgres;
let url: string;
beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase();
  await (await PgStore.open({ connectionString: url })).close();
});
afterAll(async () => server?.stop());

describe('StationLease: one station drives the PLC', () => {
  const leases: StationLease[] = [];
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((lease) => lease.stop()));
  });

  /** Each test its own lease name, so tests never see each other's holders. */
  function stations(ttlMs: number) {
    const name = `plc-driver-${randomUUID()}`;
    return (station: string, clock = new ManualClock()) => {
      const lease = new StationLease({ source: { connectionString: url }, station, clock, ttlMs, name });
      leases.push(lease);
      const changes: LeaseChange[] = [];
      lease.onChange((change) => changes.push(change));
      return { lease, clock, changes, heartbeatMs: ttlMs / 3 };
    };
  }

  /** Lets one heartbeat of this station happen and waits until the database has answered it. */
  async function heartbeat(station: { lease: StationLease; clock: ManualClock; heartbeatMs: number }): Promise<void> {
    const seen = station.lease.driver()?.heartbeatAt;
    await station.clock.advance(station.heartbeatMs);
    await vi.waitFor(() => expect(station.lease.driver()?.heartbeatAt).not.toBe(seen), WAIT);
  }

  it('of two stations only one drives; the other knows which one, as long as the driver keeps its heartbeat', async () => {
    const open = stations(LONG_TTL_MS);
    const a = open('station-a');
    const b = open('station-b');
    a.lease.start();
    await vi.waitFor(() => expect(a.lease.isDriver()).toBe(true), WAIT);
    b.lease.start();
    await vi.waitFor(() => expect(b.lease.driver()?.station).toBe('station-a'), WAIT);

    for (let beat = 0; beat < 5; beat++) {
      await heartbeat(a);
      await heartbeat(b);
      expect(a.lease.isDriver()).toBe(true);
      expect(b.lease.isDriver()).toBe(false);
    }
    expect(b.lease.driver()).toMatchObject({ station: 'station-a', since: a.lease.driver()!.since });
    expect(a.changes).toEqual([{ isDriver: true, driver: expect.objectContaining({ station: 'station-a' }) }]);
    expect(b.changes).toEqual([{ isDriver: false, driver: expect.objectContaining({ station: 'station-a' }) }]);
  });

  it('a driver that falls silent loses the lease after the TTL; the standby takes over; the old one, resumed, learns it lost', async () => {
    const open = stations(SHORT_TTL_MS);
    const a = open('station-a');
    const b = open('station-b');
    a.lease.start();
    await vi.waitFor(() => expect(a.lease.isDriver()).toBe(true), WAIT);
    b.lease.start();
    await vi.waitFor(() => expect(b.lease.driver()?.station).toBe('station-a'), WAIT);
    const since = a.lease.driver()!.since;

    // Station A stops heartbeating (its clock is frozen, as if the process hung). B keeps beating.
    await vi.waitFor(async () => {
      await b.clock.advance(b.heartbeatMs);
      expect(b.lease.isDriver()).toBe(true);
    }, WAIT);
    expect(b.lease.driver()).toMatchObject({ station: 'station-b' });
    expect(Date.parse(b.lease.driver()!.since) - Date.parse(since)).toBeGreaterThanOrEqual(SHORT_TTL_MS);

    await a.clock.advance(a.heartbeatMs);
    await vi.waitFor(() => expect(a.lease.isDriver()).toBe(false), WAIT);
    expect(a.lease.driver()).toMatchObject({ station: 'station-b' });
    expect(a.changes.at(-1)).toEqual({ isDriver: false, driver: expect.objectContaining({ station: 'station-b' }) });
    await heartbeat(b);
    expect(b.lease.isDriver()).toBe(true);
  });

  it('stop() hands the lease back: the standby takes over at its next heartbeat, long before the TTL', async () => {
    const open = stations(LONG_TTL_MS);
    const a = open('station-a');
    const b = open('station-b');
    a.lease.start();
    await vi.waitFor(() => expect(a.lease.isDriver()).toBe(true), WAIT);
    b.lease.start();
    await vi.waitFor(() => expect(b.lease.driver()?.station).toBe('station-a'), WAIT);

    await a.lease.stop();
    expect(a.lease.isDriver()).toBe(false);
    expect(a.changes.at(-1)).toEqual({ isDriver: false, driver: null });

    await b.clock.advance(b.heartbeatMs);
    await vi.waitFor(() => expect(b.lease.isDriver()).toBe(true), WAIT);
  });

  it("the database's clock decides: a station whose own clock is hours ahead cannot take a live lease", async () => {
    const open = stations(LONG_TTL_MS);
    const a = open('station-a');
    const b = open('station-b', new ManualClock(Date.UTC(2026, 10, 28, 20, 0, 0)));
    a.lease.start();
    await vi.waitFor(() => expect(a.lease.isDriver()).toBe(true), WAIT);
    b.lease.start();
    await vi.waitFor(() => expect(b.lease.driver()?.station).toBe('station-a'), WAIT);
    await heartbeat(a);
    await heartbeat(b);
    expect(b.lease.isDriver()).toBe(false);
  });
});
