/**
 * Alarms are the engine's, kept in the authority: two engines on one SQLite file (two processes,
 * or two stations) show the same alarms, and what an operator does at one shows at the other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm, Snapshot } from '../../../shared/domain';
import { loadConfig } from '../../../electron/engine/config';
import { Engine } from '../../../electron/engine/engine';
import { standaloneRole, type StationRole } from '../../../electron/engine/station-role';
import { toRecipe } from '../../../electron/odoo/mo-recipe';
import { OdooClient } from '../../../electron/odoo/odoo-client';
import type { PlcLinkHealth } from '../../../electron/plc/plc-link';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { ManualClock } from '../../support/manual-clock';
import { MemoryPlcLink } from '../../support/memory-plc-link';
import { MemoryLog } from '../../support/silent-log';

const PLC = 'connection-down:plc';

/** A station whose PLC link the test can cut: the driving station then raises connection-down:plc. */
class Station {
  readonly engine: Engine;
  readonly store: SqliteStore;
  readonly published: Snapshot[] = [];
  plcDown = false;

  constructor(dir: string, name: string, drives: boolean, clock: ManualClock) {
    this.store = new SqliteStore({ file: join(dir, 'smart-mo-sync.db'), lockFile: join(dir, 'sync-gate.lock') });
    const plc = new MemoryPlcLink();
    plc.health = (): PlcLinkHealth =>
      this.plcDown ? { state: 'down', detail: 'request timed out', lastOkAt: null, roundTrips: 0 } : { state: 'ok', detail: 'answering', lastOkAt: null, roundTrips: 0 };
    const role: StationRole = drives ? standaloneRole(name, new Date(clock.now()).toISOString()) : monitoringRole();
    this.engine = new Engine({
      config: loadConfig({ env: { DATA_DIR: dir, SMS_STATION: name, ENABLE_AUTO_SYNC: 'false', ODOO_BASE_URL: 'http://odoo.test', ODOO_DB: 'plant', ODOO_USERNAME: 'u', ODOO_PASSWORD: 'p', PLC_IP: '127.0.0.1' }, file: {} }),
      store: this.store,
      plc,
      odoo: new OdooClient({ baseUrl: 'http://odoo.test', db: 'plant', username: 'u', password: 'p', fetch: () => Promise.reject(new Error('offline')), clock }),
      toRecipe,
      clock,
      log: new MemoryLog(),
      role,
    });
    this.engine.bus.subscribe('snapshot', (snapshot) => this.published.push(snapshot));
  }

  get handlers() {
    return this.engine.backend.handlers;
  }

  async alarms(): Promise<Alarm[]> {
    return (await this.engine.snapshot()).alarms;
  }

  async stop(): Promise<void> {
    await this.engine.stop();
    await this.store.close();
  }
}

function monitoringRole(): StationRole {
  return {
    drivesPlc: () => false,
    status: () => ({ kind: 'sqlite', offlineSince: null, mirror: null, driver: null, drivesPlc: false }),
    onChange: () => () => undefined,
    stop: async () => undefined,
  };
}

describe('alarms shared by every station', () => {
  let dir: string;
  let stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations) await station.stop();
    stations = [];
    rmSync(dir, { recursive: true, force: true });
  });

  /** Both consoles started (timers paused: nothing runs but what the test does). */
  async function twoStations(clock = new ManualClock()) {
    dir = mkdtempSync(join(tmpdir(), 'smo-alarm-stations-'));
    const a = new Station(dir, 'A', true, clock);
    const b = new Station(dir, 'B', false, clock);
    stations = [a, b];
    await a.engine.start();
    await b.engine.start();
    return { a, b, clock };
  }

  it('station B acknowledges; station A shows it acknowledged by B; back to normal it leaves both lists', async () => {
    const { a, b, clock } = await twoStations();
    a.plcDown = true;
    const [raised] = await a.alarms();
    expect(raised).toMatchObject({ key: PLC, state: 'unacknowledged', priority: 'high', occurrences: 1 });
    expect(await b.alarms()).toEqual([raised]);

    await clock.advance(60_000);
    await b.handlers.acknowledgeAlarm({ key: PLC, note: 'electrician on the way' });
    expect(await a.alarms()).toEqual([
      expect.objectContaining({ key: PLC, state: 'acknowledged', acknowledged: { at: new Date(clock.now()).toISOString(), by: 'B', note: 'electrician on the way' } }),
    ]);
    await clock.advance(0); // lets the snapshot the action published arrive
    expect(b.published.at(-1)?.alarms[0]?.state).toBe('acknowledged');

    a.plcDown = false;
    expect(await a.alarms()).toEqual([]);
    expect(await b.alarms()).toEqual([]);
    await expect(b.handlers.acknowledgeAlarm({ key: PLC })).rejects.toThrow(`nothing to acknowledge: the alarm ${PLC} is back to normal`);
    const history = await b.handlers.listAlarmHistory({ pageSize: 10 });
    expect(history.items.map((e) => [e.event, e.station])).toEqual([
      ['normal', 'A'],
      ['acknowledged', 'B'],
      ['raised', 'A'],
    ]);
  });

  it('a one-shot command (CLI status) on the driving station records nothing: it sees too little to judge', async () => {
    dir = mkdtempSync(join(tmpdir(), 'smo-alarm-stations-'));
    const console = new Station(dir, 'A', true, new ManualClock());
    const oneShot = new Station(dir, 'A', true, new ManualClock());
    stations = [console, oneShot];
    await console.engine.start();
    await oneShot.engine.start({ schedule: false });
    console.plcDown = true;
    const raised = await console.alarms();
    expect(await oneShot.alarms()).toEqual(raised);
    expect((await oneShot.handlers.listAlarmHistory({ pageSize: 10 })).items.map((e) => e.event)).toEqual(['raised']);
  });

  it('a monitoring station never records a raise: with no driver watching, nothing is raised', async () => {
    const { b } = await twoStations();
    b.plcDown = true;
    expect(await b.alarms()).toEqual([]);
    expect((await b.handlers.listAlarmHistory({ pageSize: 10 })).items).toEqual([]);
  });

  it('a shelve that runs out shows at both stations without any other change', async () => {
    const { a, b, clock } = await twoStations();
    a.plcDown = true;
    await a.alarms();
    await b.alarms();
    const shelved = await b.handlers.shelveAlarm({ key: PLC, minutes: 30, note: 'PLC under maintenance' });
    expect(shelved).toMatchObject({ state: 'shelved', shelved: { by: 'B', note: 'PLC under maintenance' } });
    expect((await a.alarms())[0]?.state).toBe('shelved');

    const seenBefore = { a: a.published.length, b: b.published.length };
    await clock.advance(30 * 60_000);
    expect(a.published.length).toBeGreaterThan(seenBefore.a);
    expect(b.published.length).toBeGreaterThan(seenBefore.b);
    expect(a.published.at(-1)?.alarms.map((x) => x.state)).toEqual(['unacknowledged']);
    expect(b.published.at(-1)?.alarms.map((x) => x.state)).toEqual(['unacknowledged']);
    const [latest] = (await a.handlers.listAlarmHistory({ pageSize: 1 })).items;
    expect(latest).toMatchObject({ event: 'unshelved', station: 'A', note: 'the shelve set by B ran out' });
  });

  it('unshelve by hand, and the alarm history pages back to the first event', async () => {
    const { a, b, clock } = await twoStations();
    a.plcDown = true;
    await a.alarms();
    for (let i = 0; i < 3; i++) {
      await clock.advance(60_000);
      await b.handlers.shelveAlarm({ key: PLC, minutes: 5, note: `round ${i}` });
      expect(await b.handlers.unshelveAlarm({ key: PLC })).toMatchObject({ state: 'unacknowledged', shelved: null });
    }
    const seen: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await a.handlers.listAlarmHistory({ pageSize: 2, ...(before ? { before } : {}) });
      seen.push(...page.items.map((e) => e.event));
      if (!page.hasOlder) break;
      before = page.items.at(-1)!.id;
    }
    expect(seen).toEqual(['unshelved', 'shelved', 'unshelved', 'shelved', 'unshelved', 'shelved', 'raised']);
  });
});
