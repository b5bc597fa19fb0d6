/**
 * The real console (built renderer, real headless host, real Chromium) over a
 * fake engine: what an operator sees and can do, in the operator's words.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../../electron/host/http-host';
import type { AuthorityStatus } from '../../shared/domain';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createFakeBackend, type FakeBackend } from '../support/fake-backend';
import { ConsolePage } from './console-page';
import { buildRendererForTest, type BuiltRenderer } from './renderer-build';

let renderer: BuiltRenderer;
let browser: TestBrowser;
let fake: FakeBackend;
let host: HeadlessHost;
let console_: ConsolePage;

beforeAll(async () => {
  [renderer, browser] = await Promise.all([buildRendererForTest(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await renderer?.remove();
});

beforeEach(async () => {
  fake = createFakeBackend();
  host = await startHeadlessHost({ backend: fake.backend, rendererDir: renderer.dir });
  console_ = new ConsolePage(browser.page);
  browser.pageErrors.length = 0;
  browser.consoleErrors.length = 0;
  await console_.open(host.url);
});

afterEach(async () => {
  await host.stop();
});

describe('operator console against the fake engine', () => {
  it('shows the queue count and what Sync now did, in plain words', async () => {
    expect(await console_.queueCount()).toBe(0);

    expect(await console_.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    await console_.waitForQueueCount(10);
    const rows = await console_.queueRows();
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ slot: 1, mo: 'WH/MO/00011', product: 'FEED 1', plannedKg: '1,000', status: 'waiting', actualKg: '—' });

    expect(await console_.syncNow()).toBe('Skipped: 10 batches are still in the queue');

    await mkdir('test-results', { recursive: true });
    await console_.screenshot('test-results/console.png');
    // Ran under the strict CSP without a single violation or uncaught error.
    expect(browser.pageErrors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('disables Sync now while the engine works on it, then shows the outcome', async () => {
    const release = fake.holdNextSync();

    await console_.pressSyncNow();
    await console_.waitForSyncButton('disabled');
    expect(await console_.isSyncEnabled()).toBe(false);

    release();
    expect(await console_.waitForSyncOutcome(1)).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    expect(await console_.isSyncEnabled()).toBe(true);
  });

  it('sends one sync for a double click and an Enter on the busy button', async () => {
    const release = fake.holdNextSync();

    await console_.syncButton().dblclick();
    await console_.syncButton().press('Enter');
    release();
    await console_.waitForSyncOutcome(1);

    expect(fake.calls.syncNow).toBe(1);
  });

  it('shows the error reason when the engine fails the sync', async () => {
    fake.failNext('syncNow', 'Odoo did not answer within 30 s');

    expect(await console_.syncNow()).toBe('Failed: Odoo did not answer within 30 s');
  });

  it('lists new runs live and follows the queue without a reload', async () => {
    await console_.syncNow();
    await console_.waitForRun('dispatched 10 MOs');
    // The history opens on the fetch/skip decisions; every task is one filter away.
    expect((await console_.runRows()).map((run) => run.task)).toEqual(['mo-sync']);
    await console_.filterRuns({ task: '' });

    fake.recordScheduledRun('plc-read', 'done', 'read 10 slots, 3 dosing');
    await console_.waitForRun('read 10 slots, 3 dosing');
    fake.finishWave();
    await console_.waitForQueueCount(0);

    const runs = await console_.runRows();
    expect(runs.map((run) => [run.task, run.trigger, run.outcome])).toEqual([
      ['complete', 'schedule', 'done'],
      ['plc-read', 'schedule', 'done'],
      ['mo-sync', 'manual', 'fetched'],
    ]);
    expect(runs[2]?.moIds).toContain('WH/MO/00020');

    await console_.filterRuns({ outcome: 'fetched' });
    expect((await console_.runRows()).map((run) => run.task)).toEqual(['mo-sync']);
  });

  it('pauses and resumes the scheduler', async () => {
    expect(await console_.schedulerState()).toBe('running');

    await console_.pauseScheduler();
    expect(await console_.schedulerState()).toBe('paused');
    await console_.resumeScheduler();

    expect(await console_.schedulerState()).toBe('running');
    expect(fake.calls.setSchedulerPaused).toBe(2);
  });

  it('finds an archived batch by MO id', async () => {
    await console_.syncNow();
    fake.finishWave();

    const rows = await console_.searchArchive('WH/MO/00012');

    expect(rows.map((row) => [row.mo, row.status])).toEqual([['WH/MO/00012', 'completed']]);
  });

  it('takes a failed batch out of the queue by hand, with the reason in the archive; batches still in the PLC offer no such button', async () => {
    await console_.syncNow();
    expect(await console_.archiveButtons()).toEqual([]);
    fake.failBatch('WH/MO/00013');
    await console_.waitForArchiveButton('WH/MO/00013');
    expect(await console_.archiveButtons()).toEqual(['WH/MO/00013']);

    await console_.archiveBatch('WH/MO/00013', 'silo C jammed, batch dumped');

    await console_.waitForQueueCount(9);
    const archived = await console_.searchArchive('WH/MO/00013');
    expect(archived.map((row) => [row.mo, row.status, row.notes])).toEqual([['WH/MO/00013', 'cancelled', 'silo C jammed, batch dumped']]);
  });

  it('a wave the PLC did not confirm: the warning offers Hand over and Withdraw, each with a reason', async () => {
    const held = fake.holdWave();
    await console_.waitForWarning(/hand-over of WH\/MO\/00011.* is unconfirmed/);

    await console_.resolveWave('hand-over', 'checked the PLC: wave not taken');

    await console_.waitForQueueCount(10);
    expect(fake.calls.resolveWave).toBe(1);
    expect(await console_.warnings()).toEqual([]);
    expect(held).toHaveLength(10);
  });

  it('lets the operator retry a call Odoo kept refusing', async () => {
    fake.quarantinePush('WH/MO/00011', 'Odoo answered HTTP 500 five times');
    await console_.waitForQuarantinedPush('WH/MO/00011');
    expect(await console_.quarantinedPushes()).toEqual([
      { mo: 'WH/MO/00011', kind: 'consumption', attempts: 5, lastError: 'Odoo answered HTTP 500 five times' },
    ]);
    expect(await console_.warnings()).toEqual(['Odoo refused the consumption of WH/MO/00011']);

    const exported = await console_.exportQuarantinedPushes();
    expect(exported.fileName).toMatch(/^odoo-quarantine-FAKE-01-.*\.json$/);
    expect(exported.content).toMatchObject({
      station: 'FAKE-01',
      calls: [{ moId: 'WH/MO/00011', kind: 'consumption', attempts: 5, lastError: 'Odoo answered HTTP 500 five times' }],
    });

    await console_.retryPush('WH/MO/00011');

    expect(await console_.outboxPending()).toBe('1 call waiting to be sent');
    expect(fake.calls.retryOutbox).toBe(1);
  });

  it('shows pushed log entries', async () => {
    fake.pushLog('PLC handshake D7076 = 1: wave accepted', 'info');

    await console_.waitForLog('wave accepted');
    expect(await console_.logMessages()).toEqual(['PLC handshake D7076 = 1: wave accepted']);
  });

  it('warns when the connection to the engine is lost and recovers when the host is back', async () => {
    const port = host.port;
    await host.stop();

    expect(await console_.waitForEngineLost()).toBe('Connection to engine lost — reconnecting…');
    expect(await console_.syncNow()).toBe('Failed: connection to the engine lost');

    host = await startHeadlessHost({ backend: fake.backend, rendererDir: renderer.dir, port });
    await console_.waitForEngineConnected();
    expect(await console_.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
  });
});

/** A plant station's view of the authority (../shared/DESIGN.md "Data: who is the authority"); times read in UTC on screen (test/support/browser.ts). */
const PLANT = {
  kind: 'postgres',
  offlineSince: null,
  mirror: { lagMs: 0, lastSyncAt: '2026-11-28T08:14:05.000Z' },
  driver: { station: 'A-12', since: '2026-11-28T08:14:00.000Z', heartbeatAt: '2026-11-28T08:20:00.000Z' },
  drivesPlc: false,
} as const satisfies AuthorityStatus;

const OFFLINE_SINCE = '2026-11-28T08:14:05.000Z';
const OFFLINE_TEXT =
  'Offline since 08:14:05 — PostgreSQL unreachable. Showing the last known state (mirror). ' +
  'Sync now and other actions need the database and will say so.';

describe('plant mode: who drives, mirror lag, authority health', () => {
  it('leaves a standalone station as it was: its name, SQLite, no mirror, every task runnable', async () => {
    expect(await console_.waitForStationLine('FAKE-01')).toEqual({ warning: false });
    expect(await console_.authorityKind()).toBe('SQLite');
    expect(await console_.mirrorLag()).toBe('');
    expect(await console_.offlineBanner()).toBe('');
    expect((await console_.taskRunButtons()).filter((button) => !button.enabled)).toEqual([]);
  });

  it('says when this station drives the PLC, and follows the mirror lag live', async () => {
    fake.setAuthority({ ...PLANT, driver: { ...PLANT.driver, station: 'FAKE-01' }, drivesPlc: true });

    expect(await console_.waitForStationLine('Station FAKE-01 · drives the PLC')).toEqual({ warning: false });
    expect(await console_.authorityKind()).toBe('PostgreSQL');
    expect(await console_.mirrorLag()).toBe('mirror up to date');
    expect((await console_.taskRunButtons()).filter((button) => !button.enabled)).toEqual([]);

    fake.setAuthority({ mirror: { lagMs: 120, lastSyncAt: PLANT.mirror.lastSyncAt } });
    await console_.waitForMirrorLag('mirror 120 ms behind');
  });

  it('on a monitoring station names the driver, keeps Sync now and disables the PLC tasks', async () => {
    fake.setAuthority(PLANT);

    expect(await console_.waitForStationLine('Station FAKE-01 · monitoring — PLC driven by A-12 (since 08:14)')).toEqual({ warning: false });
    expect(await console_.taskRunButtons()).toEqual([
      { task: 'mo-sync', enabled: true, hint: null },
      { task: 'plc-read', enabled: false, hint: 'driven by A-12' },
      { task: 'complete', enabled: false, hint: 'driven by A-12' },
      { task: 'health', enabled: true, hint: null },
      { task: 'equipment-failure', enabled: false, hint: 'driven by A-12' },
      { task: 'log-cleanup', enabled: false, hint: 'driven by A-12' },
    ]);
    // Sync now goes through the gate's lock from any station.
    expect(await console_.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');

    fake.setAuthority({ driver: null });
    expect(await console_.waitForStationLine('Station FAKE-01 · monitoring — nobody drives the PLC')).toEqual({ warning: true });
    expect((await console_.taskRunButtons()).find((button) => button.task === 'plc-read')).toEqual({
      task: 'plc-read',
      enabled: false,
      hint: 'nobody drives the PLC',
    });
  });

  it('shows "offline since …" live over the last known state, and drops it when the database answers again', async () => {
    fake.setAuthority(PLANT);
    await console_.syncNow();
    await console_.waitForQueueCount(10);
    fake.failBatch('WH/MO/00013');
    await console_.waitForArchiveButton('WH/MO/00013');

    fake.setAuthority({ offlineSince: OFFLINE_SINCE, mirror: { lagMs: 40_000, lastSyncAt: OFFLINE_SINCE } });

    expect(await console_.waitForOfflineBanner()).toBe(OFFLINE_TEXT);
    expect(await console_.mirrorLag()).toBe('mirror last synced 08:14:05');
    // The last known state stays on screen.
    expect(await console_.queueCount()).toBe(10);
    expect(await console_.queueRows()).toHaveLength(10);
    expect(await console_.stationLine()).toBe('Station FAKE-01 · monitoring — PLC driven by A-12 (since 08:14)');
    // Actions that need the database say so.
    expect(await console_.syncNow()).toBe(
      'Skipped: PostgreSQL unreachable (fake): connection refused; nothing was fetched (the gate is never decided on the local mirror)',
    );
    expect(await console_.archiveBatchRefused('WH/MO/00013', 'silo C jammed')).toBe('PostgreSQL unreachable (fake): connection refused');
    expect(await console_.queueCount()).toBe(10);
    await mkdir('test-results', { recursive: true });
    await console_.screenshot('test-results/console-offline.png');

    fake.setAuthority({ offlineSince: null, mirror: { lagMs: 0, lastSyncAt: '2026-11-28T08:15:00.000Z' } });
    await console_.waitForAuthorityOnline();
    expect(await console_.mirrorLag()).toBe('mirror up to date');
    expect(browser.pageErrors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('tells a lost database apart from a lost engine', async () => {
    fake.setAuthority({ ...PLANT, offlineSince: OFFLINE_SINCE });
    await console_.waitForOfflineBanner();

    await host.stop();

    expect(await console_.waitForEngineLost()).toBe('Connection to engine lost — reconnecting…');
    expect(await console_.offlineBanner()).toBe(OFFLINE_TEXT);
  });
});
