/**
 * The real console (built renderer, real headless host, real Chromium) over a
 * fake engine: what an operator sees and can do, in the operator's words.
 */
import { mkdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { startHeadlessHost } from '../../electron/host/http-host';
import type { AuthorityStatus } from '../../shared/domain';
import { fakeConsoleSession } from './fake-console-session';
import { smallControls } from './small-controls';
import { PLANT_SCREENS } from './plant-screens';

const session = fakeConsoleSession();

describe('operator console against the fake engine', () => {
  it('shows the queue count and what Sync now did, in plain words', async () => {
    expect(await session.console.queueCount()).toBe(0);

    expect(await session.console.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    await session.console.waitForQueueCount(10);
    const rows = await session.console.queueRows();
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ slot: 1, mo: 'WH/MO/00011', product: 'FEED 1', plannedKg: '1,000', status: 'waiting', actualKg: '—' });

    expect(await session.console.syncNow()).toBe('Skipped: 10 batches are still in the queue');

    await mkdir('test-results', { recursive: true });
    await session.console.screenshot('test-results/console.png');
    // Ran under the strict CSP without a single violation or uncaught error.
    expect(session.browser.pageErrors).toEqual([]);
    expect(session.browser.consoleErrors).toEqual([]);
  });

  it('disables Sync now while the engine works on it, then shows the outcome', async () => {
    const release = session.fake.holdNextSync();

    await session.console.pressSyncNow();
    await session.console.waitForSyncButton('disabled');
    expect(await session.console.isSyncEnabled()).toBe(false);

    release();
    expect(await session.console.waitForSyncOutcome(1)).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    expect(await session.console.isSyncEnabled()).toBe(true);
  });

  it('sends one sync for a double click and an Enter on the busy button', async () => {
    const release = session.fake.holdNextSync();

    await session.console.syncButton().dblclick();
    await session.console.syncButton().press('Enter');
    release();
    await session.console.waitForSyncOutcome(1);

    expect(session.fake.calls.syncNow).toBe(1);
  });

  it('shows the error reason when the engine fails the sync', async () => {
    session.fake.failNext('syncNow', 'Odoo did not answer within 30 s');

    expect(await session.console.syncNow()).toBe('Failed: Odoo did not answer within 30 s');
  });

  it('lists new runs live and follows the queue without a reload', async () => {
    await session.console.syncNow();
    await session.console.waitForRun('dispatched 10 MOs');
    // The history opens on the fetch/skip decisions; every task is one filter away.
    expect((await session.console.runRows()).map((run) => run.task)).toEqual(['mo-sync']);
    await session.console.filterRuns({ task: '' });

    session.fake.recordScheduledRun('plc-read', 'done', 'read 10 slots, 3 dosing');
    await session.console.waitForRun('read 10 slots, 3 dosing');
    session.fake.finishWave();
    await session.console.waitForQueueCount(0);

    const runs = await session.console.runRows();
    expect(runs.map((run) => [run.task, run.trigger, run.outcome])).toEqual([
      ['complete', 'schedule', 'done'],
      ['plc-read', 'schedule', 'done'],
      ['mo-sync', 'manual', 'fetched'],
    ]);
    expect(runs[2]?.moIds).toContain('WH/MO/00020');

    await session.console.filterRuns({ outcome: 'fetched' });
    expect((await session.console.runRows()).map((run) => run.task)).toEqual(['mo-sync']);
  });

  it('pauses and resumes the scheduler', async () => {
    expect(await session.console.schedulerState()).toBe('running');

    await session.console.pauseScheduler();
    expect(await session.console.schedulerState()).toBe('paused');
    await session.console.resumeScheduler();

    expect(await session.console.schedulerState()).toBe('running');
    expect(session.fake.calls.setSchedulerPaused).toBe(2);
  });

  it('finds an archived batch by MO id', async () => {
    await session.console.syncNow();
    session.fake.finishWave();

    const rows = await session.console.searchArchive('WH/MO/00012');

    expect(rows.map((row) => [row.mo, row.status])).toEqual([['WH/MO/00012', 'completed']]);
  });

  it('takes a failed batch out of the queue by hand, with the reason in the archive; batches still in the PLC offer no such button', async () => {
    await session.console.syncNow();
    expect(await session.console.archiveButtons()).toEqual([]);
    session.fake.failBatch('WH/MO/00013');
    await session.console.waitForArchiveButton('WH/MO/00013');
    expect(await session.console.archiveButtons()).toEqual(['WH/MO/00013']);

    await session.console.archiveBatch('WH/MO/00013', 'silo C jammed, batch dumped');

    await session.console.waitForQueueCount(9);
    const archived = await session.console.searchArchive('WH/MO/00013');
    expect(archived.map((row) => [row.mo, row.status, row.notes])).toEqual([['WH/MO/00013', 'cancelled', 'silo C jammed, batch dumped']]);
  });

  it('a wave the PLC did not confirm: the screen offers Hand over and Withdraw, each with a reason', async () => {
    const held = session.fake.holdWave();
    await session.console.waitForHeldWave(/hand-over of WH\/MO\/00011.* is unconfirmed/);

    await session.console.resolveWave('hand-over', 'checked the PLC: wave not taken');

    await session.console.waitForQueueCount(10);
    expect(session.fake.calls.resolveWave).toBe(1);
    expect(await session.console.heldWave()).toEqual([]);
    expect(held).toHaveLength(10);
  });

  it('lets the operator retry a call Odoo kept refusing', async () => {
    session.fake.quarantinePush('WH/MO/00011', 'Odoo answered HTTP 500 five times');
    await session.console.waitForQuarantinedPush('WH/MO/00011');
    expect(await session.console.quarantinedPushes()).toEqual([
      { mo: 'WH/MO/00011', kind: 'consumption', attempts: 5, lastError: 'Odoo answered HTTP 500 five times' },
    ]);

    const exported = await session.console.exportQuarantinedPushes();
    expect(exported.fileName).toMatch(/^odoo-quarantine-FAKE-01-.*\.json$/);
    expect(exported.content).toMatchObject({
      station: 'FAKE-01',
      calls: [{ moId: 'WH/MO/00011', kind: 'consumption', attempts: 5, lastError: 'Odoo answered HTTP 500 five times' }],
    });

    await session.console.retryPush('WH/MO/00011');

    expect(await session.console.outboxPending()).toBe('1 call waiting to be sent');
    expect(session.fake.calls.retryOutbox).toBe(1);
  });

  it('shows pushed log entries', async () => {
    session.fake.pushLog('PLC handshake D7076 = 1: wave accepted', 'info');

    await session.console.waitForLog('wave accepted');
    expect(await session.console.logMessages()).toEqual(['PLC handshake D7076 = 1: wave accepted']);
  });

  it('warns when the connection to the engine is lost and recovers when the host is back', async () => {
    const port = session.host.port;
    await session.host.stop();

    expect(await session.console.waitForEngineLost()).toBe('Connection to engine lost — reconnecting…');
    // Nothing claims to be current: the last known state says as of when, and no connection reads OK.
    expect(await session.console.lastKnown()).toMatch(/^Showing the last known state, at (\d\d\/\d\d\/\d{4} )?\d\d:\d\d:\d\d\.$/);
    await session.console.openTab('engineer');
    expect(await session.browser.page.getByTestId('connection-plc').getByTestId('connection-state').textContent()).toBe('? last known: OK');
    expect(await session.console.syncNow()).toBe('Failed: connection to the engine lost');
    expect((await session.console.lastSync()).old).toBe(false);

    session.host = await startHeadlessHost({ backend: session.fake.backend, rendererDir: session.renderer.dir, port });
    await session.console.waitForEngineConnected();
    // The failure was true while the link was down; it is marked old now that it is back.
    await expect.poll(async () => (await session.console.lastSync()).old).toBe(true);
    expect(await session.console.lastKnown()).toBe('');
    expect(await session.console.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
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
    expect(await session.console.waitForStationLine('FAKE-01')).toEqual({ warning: false });
    expect(await session.console.authorityKind()).toBe('SQLite');
    expect(await session.console.mirrorLag()).toBe('');
    expect(await session.console.offlineBanner()).toBe('');
    expect((await session.console.taskRunButtons()).filter((button) => !button.enabled)).toEqual([]);
  });

  it('says when this station drives the PLC, and follows the mirror lag live', async () => {
    session.fake.setAuthority({ ...PLANT, driver: { ...PLANT.driver, station: 'FAKE-01' }, drivesPlc: true });

    expect(await session.console.waitForStationLine('Station FAKE-01 · drives the PLC')).toEqual({ warning: false });
    expect(await session.console.authorityKind()).toBe('PostgreSQL');
    expect(await session.console.mirrorLag()).toBe('mirror up to date');
    expect((await session.console.taskRunButtons()).filter((button) => !button.enabled)).toEqual([]);

    session.fake.setAuthority({ mirror: { lagMs: 120, lastSyncAt: PLANT.mirror.lastSyncAt } });
    await session.console.waitForMirrorLag('mirror 120 ms behind');
  });

  it('on a monitoring station names the driver, keeps Sync now and disables the PLC tasks', async () => {
    session.fake.setAuthority(PLANT);

    expect(await session.console.waitForStationLine('Station FAKE-01 · monitoring — PLC driven by A-12 (since 08:14)')).toEqual({ warning: false });
    expect(await session.console.taskRunButtons()).toEqual([
      { task: 'mo-sync', enabled: true, hint: null },
      { task: 'plc-read', enabled: false, hint: 'driven by A-12' },
      { task: 'complete', enabled: false, hint: 'driven by A-12' },
      { task: 'health', enabled: true, hint: null },
      { task: 'equipment-failure', enabled: false, hint: 'driven by A-12' },
      { task: 'log-cleanup', enabled: false, hint: 'driven by A-12' },
    ]);
    // Sync now goes through the gate's lock from any station.
    expect(await session.console.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');

    session.fake.setAuthority({ driver: null });
    expect(await session.console.waitForStationLine('Station FAKE-01 · monitoring — nobody drives the PLC')).toEqual({ warning: true });
    expect((await session.console.taskRunButtons()).find((button) => button.task === 'plc-read')).toEqual({
      task: 'plc-read',
      enabled: false,
      hint: 'nobody drives the PLC',
    });
  });

  it('shows "offline since …" live over the last known state, and drops it when the database answers again', async () => {
    session.fake.setAuthority(PLANT);
    await session.console.syncNow();
    await session.console.waitForQueueCount(10);
    session.fake.failBatch('WH/MO/00013');
    await session.console.waitForArchiveButton('WH/MO/00013');

    session.fake.setAuthority({ offlineSince: OFFLINE_SINCE, mirror: { lagMs: 40_000, lastSyncAt: OFFLINE_SINCE } });

    expect(await session.console.waitForOfflineBanner()).toBe(OFFLINE_TEXT);
    expect(await session.console.mirrorLag()).toBe('mirror last synced 08:14:05');
    // The last known state stays on screen.
    expect(await session.console.queueCount()).toBe(10);
    expect(await session.console.queueRows()).toHaveLength(10);
    expect(await session.console.stationLine()).toBe('Station FAKE-01 · monitoring — PLC driven by A-12 (since 08:14)');
    // Actions that need the database say so.
    expect(await session.console.syncNow()).toBe(
      'Skipped: PostgreSQL unreachable (fake): connection refused; nothing was fetched (the gate is never decided on the local mirror)',
    );
    expect(await session.console.archiveBatchRefused('WH/MO/00013', 'silo C jammed')).toBe('PostgreSQL unreachable (fake): connection refused');
    expect(await session.console.queueCount()).toBe(10);
    await mkdir('test-results', { recursive: true });
    await session.console.screenshot('test-results/console-offline.png');

    session.fake.setAuthority({ offlineSince: null, mirror: { lagMs: 0, lastSyncAt: '2026-11-28T08:15:00.000Z' } });
    await session.console.waitForAuthorityOnline();
    expect(await session.console.mirrorLag()).toBe('mirror up to date');
    expect(session.browser.pageErrors).toEqual([]);
    expect(session.browser.consoleErrors).toEqual([]);
  });

  it('tells a lost database apart from a lost engine', async () => {
    session.fake.setAuthority({ ...PLANT, offlineSince: OFFLINE_SINCE });
    await session.console.waitForOfflineBanner();

    await session.host.stop();

    expect(await session.console.waitForEngineLost()).toBe('Connection to engine lost — reconnecting…');
    expect(await session.console.offlineBanner()).toBe(OFFLINE_TEXT);
  });
});

describe("the operator's screen", () => {
  it('shows the wave done so far and each batch\'s kg while it doses, per silo and tank when opened', async () => {
    await session.console.syncNow();
    expect(await session.console.waveProgress()).toBe('0 of 10 done');

    session.fake.dose('WH/MO/00011', { 101: 250.5, 114: 40 });

    await expect.poll(async () => (await session.console.queueRows())[0]).toMatchObject({ status: 'dosing', actualKg: '290.5', progress: '29 %' });
    expect(await session.console.plcAge()).toMatchObject({ text: expect.stringMatching(/^PLC read \d+ s ago/), stale: false });
    expect(await session.console.batchDetail('WH/MO/00011')).toEqual([
      { equipment: 'Silo A — PKE PELLET', plannedKg: '600', actualKg: '250.5' },
      { equipment: 'Tank LQ114 — TETES', plannedKg: '400', actualKg: '40' },
    ]);

    session.fake.failBatch('WH/MO/00012');
    await expect.poll(() => session.console.waveProgress()).toBe('1 of 10 done');
  });

  it('ticks off the hand-weighed additives of a batch, recorded with station and time', async () => {
    await session.console.syncNow();
    session.fake.addManualAdditives('WH/MO/00011', ['VITAMIN MIX', 'SALT']);
    await expect.poll(async () => (await session.console.manualAdditives('WH/MO/00011')).length).toBe(2);

    await session.console.tickManualAdditive('WH/MO/00011', 'SALT');

    const additives = await session.console.manualAdditives('WH/MO/00011');
    expect(additives.map((line) => [line.name, line.checked])).toEqual([
      ['VITAMIN MIX — 1.5 kg', false],
      ['SALT — 1.5 kg', true],
    ]);
    expect(additives[1]?.state).toMatch(/^added \d\d:\d\d:\d\d at FAKE-01$/);
    expect(session.fake.calls.checkManualAdditive).toBe(1);
  });

  it('pauses new waves with a reason, says so on every view, keeps reading the PLC, and resumes', async () => {
    const strip = await session.console.pauseNewWaves('silo C being cleaned');

    expect(strip).toMatch(/^⏸ New waves paused since \d\d:\d\d:\d\d at FAKE-01: silo C being cleaned\./);
    await session.console.openTab('archive');
    expect(await session.browser.page.getByTestId('new-waves-paused').isVisible()).toBe(true);
    expect(await session.console.syncNow()).toBe('Skipped: new waves are paused: silo C being cleaned');
    // Only the gate holds back: the timers (PLC reading among them) run on.
    expect(await session.console.schedulerState()).toBe('running');

    await session.console.resumeNewWaves('silo C clean again');
    expect(session.fake.calls.setNewWavesPaused).toBe(2);
    expect(await session.console.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
  });

  it('keeps focus on Sync now, marks its answer old when the queue changes, and gives way to a newer decision', async () => {
    await session.console.syncButton().focus();
    await session.console.syncButton().press('Enter');
    await session.console.waitForSyncOutcome(1);
    expect(await session.console.syncButtonFocused()).toBe(true);
    expect(await session.console.syncNow()).toBe('Skipped: 10 batches are still in the queue');
    expect((await session.console.lastSync()).old).toBe(false);

    // Still ten batches, but not the ten the answer spoke of: one of them failed.
    session.fake.failBatch('WH/MO/00013');

    await expect.poll(async () => (await session.console.lastSync()).old).toBe(true);
    expect((await session.console.lastSync()).meta).toMatch(/older than the current queue$/);

    session.fake.finishWave();
    await expect.poll(() => session.console.queueCount()).toBe(0);
    expect((await session.console.lastSync()).old).toBe(true);

    session.fake.recordScheduledRun('mo-sync', 'empty', 'Odoo lists no open MOs');
    await expect.poll(() => session.console.lastOutcome()).toBe('Nothing to fetch');
    expect(await session.console.lastSync()).toMatchObject({ meta: expect.stringMatching(/by timer on FAKE-01$/), reason: 'Odoo lists no open MOs', old: false });
  });

  it('speaks Bahasa Indonesia when chosen, and English again', async () => {
    await session.console.chooseLanguage('id');

    expect(await session.browser.page.getByRole('tab', { selected: true }).textContent()).toBe('Antrean');
    expect(await session.console.syncNow()).toBe('10 MO diambil (WH/MO/00011 …)');
    expect(await session.browser.page.getByRole('table', { name: 'Antrean' }).isVisible()).toBe(true);
    expect(await session.console.waveProgress()).toBe('0 dari 10 selesai');

    await session.console.chooseLanguage('en');
    expect(await session.browser.page.getByRole('table', { name: 'Queue' }).isVisible()).toBe(true);
  });

  it('moves between views with the arrow keys, Home and End (WAI-ARIA tabs)', async () => {
    const selected = () => session.browser.page.getByRole('tab', { selected: true }).getAttribute('data-testid');
    await session.browser.page.getByTestId('tab-queue').focus();

    await session.browser.page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('tab-alarms');
    await session.browser.page.keyboard.press('End');
    expect(await selected()).toBe('tab-engineer');
    await session.browser.page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('tab-queue');
    await session.browser.page.keyboard.press('ArrowLeft');
    await session.browser.page.keyboard.press('Home');
    expect(await selected()).toBe('tab-queue');
    expect(await session.browser.page.getByTestId('tab-queue').evaluate((tab) => tab.getAttribute('tabindex'))).toBe('0');
    expect(await session.browser.page.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
  });

  it('fits the whole queue on the plant screens without scrolling, controls of 44 px, and reflows at 200 % zoom', async () => {
    await session.console.syncNow();
    session.fake.dose('WH/MO/00011', { 101: 120 });
    session.fake.failBatch('WH/MO/00013');
    await mkdir('test-results', { recursive: true });
    try {
      for (const [width, height] of PLANT_SCREENS) {
        await session.browser.page.setViewportSize({ width, height });
        await session.console.openTab('queue');
        const lastRow = await session.browser.page.getByTestId('queue-row').last().boundingBox();
        expect(lastRow && lastRow.y + lastRow.height, `${width}×${height}`).toBeLessThanOrEqual(height);
        expect(await pageScrolls(), `${width}×${height}`).toEqual({ sideways: false, down: false });
        expect(await smallControls(session.browser.page), `${width}×${height}`).toEqual([]);
        for (const view of VIEWS) {
          await session.console.openTab(view);
          await session.browser.page.screenshot({ path: `test-results/view-${view}-${width}x${height}.png` });
        }
      }
      // 200 % zoom of 1366×768 and of 1024×768: the same CSS pixels as these viewports.
      for (const [width, height] of [
        [683, 384],
        [512, 384],
      ] as const) {
        await session.browser.page.setViewportSize({ width, height });
        expect((await pageScrolls()).sideways, `${width}×${height}`).toBe(false);
        await session.browser.page.screenshot({ path: `test-results/queue-zoom200-${width}x${height}.png`, fullPage: true });
      }
    } finally {
      await session.browser.page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('passes axe-core without a serious or critical violation, in both languages and both themes', async () => {
    await session.console.syncNow();
    session.fake.dose('WH/MO/00011', { 101: 120 });
    session.fake.failBatch('WH/MO/00013');
    await session.console.pauseNewWaves('silo C being cleaned');
    for (const language of ['en', 'id'] as const) {
      await session.console.chooseLanguage(language);
      for (const theme of ['light', 'dark'] as const) {
        await session.browser.page.getByTestId(`theme-${theme}`).click();
        for (const tab of ['queue', 'engineer'] as const) {
          await session.console.openTab(tab);
          const results = await new AxeBuilder({ page: session.browser.page }).analyze();
          const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
          expect(
            serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
            `${language} ${theme} ${tab}`,
          ).toEqual([]);
        }
      }
    }
    await session.browser.page.getByTestId('theme-light').click();
    await session.console.chooseLanguage('en');
  });
});

const VIEWS = ['queue', 'alarms', 'runs', 'archive', 'reports', 'log', 'audit', 'engineer'] as const;

/** Whether the page scrolls sideways or down at the current viewport. */
function pageScrolls(): Promise<{ sideways: boolean; down: boolean }> {
  return session.browser.page.evaluate(() => {
    const root = globalThis.document.documentElement;
    return { sideways: root.scrollWidth > root.clientWidth, down: root.scrollHeight > root.clientHeight };
  });
}
