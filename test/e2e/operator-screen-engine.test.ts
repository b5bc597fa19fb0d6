/**
 * Issue 10's "Must show", on the real engine: one shift at a plant with both
 * simulators, the engine on real SQLite, the headless host and the built
 * console in Chromium. The steps follow each other as an operator's shift
 * does (they share one plant, one engine and the screen's state).
 *
 * The simulated PLC doses on a clock the test holds: a batch takes 30 s of
 * that clock, and it moves only when a step says "the PLC doses for …". So a
 * wave stays half-dosed exactly as long as a step looks at it, and the file
 * never waits for dosing in real time.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type StartedEngine } from '../../electron/engine/start-engine';
import { startHeadlessHost, type HeadlessHost } from '../../electron/host/http-host';
import { EQUIPMENT_IDS, type HistoryEntry, type RunRecord } from '../../shared/domain';
import { equipmentById } from '../../shared/equipment';
import { seriousAccessibilityViolations } from '../support/axe';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { csvRecords } from '../support/csv-records';
import { ManualClock } from '../support/manual-clock';
import { TestPlant } from '../support/test-plant';
import { AlarmsHistoryPage } from './alarms-history-page';
import { ConsolePage, type ConsoleTab, type QueueRow } from './console-page';
import { PLANT_SCREENS } from './plant-screens';
import { buildRendererForTest, type BuiltRenderer } from './renderer-build';

/** One batch's dosing time on the plant's clock (batchSeconds 30 at speed 1). */
const BATCH_MS = 30_000;
const PLC_ALARM = 'connection-down:plc';
const VIEWS: readonly ConsoleTab[] = ['queue', 'alarms', 'runs', 'archive', 'reports', 'log', 'audit', 'engineer'];

const plantClock = new ManualClock(Date.now());
let renderer: BuiltRenderer;
let browser: TestBrowser;
let plant: TestPlant;
let engine: StartedEngine;
let host: HeadlessHost;
let console_: ConsolePage;
let views: AlarmsHistoryPage;
/** The first wave's MOs, slot 1 first. */
let wave: string[] = [];

beforeAll(async () => {
  [renderer, browser, plant] = await Promise.all([
    buildRendererForTest(),
    launchBrowser(),
    TestPlant.start({ moCount: 20, batchSeconds: BATCH_MS / 1000, clock: plantClock }),
  ]);
  engine = await startEngine({
    schedule: true,
    env: plant.env({
      ENABLE_AUTO_SYNC: 'true',
      // Waves come from the operator's Sync now; the timers read the PLC and nothing else unasked.
      ENABLE_TASK_1_AUTO_SYNC: 'false',
      PLC_READ_INTERVAL_MINUTES: String(0.3 / 60),
      // Finished batches leave the queue when a step presses "Report to Odoo", so a step sees them finished first.
      PROCESS_COMPLETED_INTERVAL_MINUTES: '60',
      LOG_LEVEL: 'info',
    }),
  });
  host = await startHeadlessHost({ backend: engine.backend, rendererDir: renderer.dir });
  console_ = new ConsolePage(browser.page);
  views = new AlarmsHistoryPage(browser.page);
  await console_.open(host.url);
});

afterAll(async () => {
  await host?.stop();
  await engine?.stop();
  await plant?.stop();
  await browser?.close();
  await renderer?.remove();
});

describe("an operator's shift on the real engine", () => {
  it('Sync now fetches a wave: ten MOs wait in the queue, none done yet', async () => {
    expect(await console_.queueCount()).toBe(0);
    expect(await console_.waveProgress()).toBe('No wave in the PLC');

    expect(await console_.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');

    await console_.waitForQueueCount(10);
    wave = (await plant.writeAreaMoIds()).slice(0, 10);
    const rows = await console_.queueRows();
    expect(rows.map((row) => row.mo)).toEqual(wave);
    expect(rows.map((row) => row.status)).toEqual(times('waiting', 10));
    expect(rows[0]).toMatchObject({ slot: 1, plannedKg: '1,000', actualKg: '—', progress: '0 %' });
    expect(await console_.waveProgress()).toBe('0 of 10 done');
  });

  it('shows the PLC dosing: actual kg and progress climb while a batch doses, finished batches count as done', async () => {
    await plcDoses(BATCH_MS / 2);

    await waitForStatuses(['dosing', ...times('waiting', 9)]);
    // A reading taken while the plant clock was still moving shows the batch just started: wait for one after it.
    let dosing: QueueRow[] = [];
    await expect.poll(async () => kg((dosing = await console_.queueRows())[0]?.actualKg), { timeout: 30_000 }).toBeGreaterThan(400);
    expect(kg(dosing[0]?.actualKg)).toBeGreaterThan(400);
    expect(kg(dosing[0]?.actualKg)).toBeLessThan(600);
    expect(percent(dosing[0]?.progress)).toBeGreaterThanOrEqual(40);
    expect(percent(dosing[0]?.progress)).toBeLessThanOrEqual(60);
    const silos = await console_.batchDetail(wave[0] as string);
    expect(silos.length).toBeGreaterThan(0);
    for (const silo of silos) {
      expect(silo.equipment).not.toBe('');
      expect(kg(silo.actualKg), silo.equipment).toBeGreaterThan(0);
      expect(kg(silo.actualKg), silo.equipment).toBeLessThan(kg(silo.plannedKg));
    }

    await plcDoses(BATCH_MS);

    const rows = await waitForStatuses(['finished', 'dosing', ...times('waiting', 8)]);
    expect(rows[0]).toMatchObject({ progress: '100 %' });
    expect(kg(rows[0]?.actualKg)).toBeGreaterThan(950);
    expect(kg(rows[1]?.actualKg)).toBeGreaterThan(0);
    await expect.poll(() => console_.waveProgress()).toBe('1 of 10 done');
  });

  it('marks a Sync now answer old once the queue it described has changed', async () => {
    expect(await console_.syncNow()).toBe('Skipped: 10 batches are still in the queue');
    expect((await console_.lastSync()).old).toBe(false);

    expect(await console_.runTaskNow('complete')).toMatch(/^Report to Odoo: Done/);

    await console_.waitForQueueCount(9);
    await expect.poll(() => console_.lastSync()).toMatchObject({ outcome: 'Skipped: 10 batches are still in the queue', old: true });
    expect(await browser.page.getByTestId('sync-old').textContent()).toMatch(/older than the current queue$/);
    expect(plant.odoo.state.bookedCount(wave[0] as string)).toBe(1);
    // Slot 1 left the queue; the wave still counts it as done.
    expect(await console_.waveProgress()).toBe('1 of 10 done');
  });

  it('raises an alarm when the PLC stops answering; acknowledged on one screen and shelved on another, every screen sees it', async () => {
    await console_.openTab('queue');
    plant.plc.server.faults.silent = true;

    expect((await views.waitForBanner('No connection to the PLC')).top).toMatch(/^▲ High No connection to the PLC Unacknowledged · \d\d:\d\d:\d\d/);
    await expect.poll(() => console_.plcAge()).toMatchObject({ text: expect.stringMatching(/^▲ Out of date: /), stale: true });

    const second = await browser.context.newPage();
    try {
      const secondConsole = new ConsolePage(second);
      const secondViews = new AlarmsHistoryPage(second);
      await secondConsole.open(host.url);
      await secondViews.waitForBanner('No connection to the PLC');
      await secondViews.openView('alarms');

      await views.acknowledge(PLC_ALARM, 'PLC cabinet breaker tripped, electrician called');
      await secondViews.waitForAlarmState(PLC_ALARM, 'Acknowledged');
      expect(await secondViews.alarms()).toEqual([{ key: PLC_ALARM, title: 'No connection to the PLC', state: 'Acknowledged', count: '', affected: '' }]);
      expect(await secondViews.alarmNote(PLC_ALARM, 'alarm-acknowledged')).toMatch(
        /^Acknowledged .* at test-station — Note: PLC cabinet breaker tripped, electrician called$/,
      );

      await secondViews.shelve(PLC_ALARM, '1 hour', 'electrician on site, PLC back within the hour');
      await views.waitForAlarmState(PLC_ALARM, 'Shelved');
      expect(await views.alarmNote(PLC_ALARM, 'alarm-shelved')).toMatch(/^Shelved until .* by test-station: electrician on site, PLC back within the hour$/);
      await views.waitForNoBanner();
      expect(await views.alarmHistory()).toEqual([
        'Shelved: No connection to the PLC (electrician on site, PLC back within the hour)',
        'Acknowledged: No connection to the PLC (PLC cabinet breaker tripped, electrician called)',
        'Raised: No connection to the PLC',
      ]);
    } finally {
      await second.close();
    }

    plant.plc.server.faults.silent = false;
    // The PLC link tries again after its circuit breaker's 10 s cool-down.
    await expect.poll(() => console_.plcAge(), { timeout: 30_000 }).toMatchObject({ text: expect.stringMatching(/^PLC read /), stale: false });
    await expect.poll(async () => (await views.alarmHistory())[0]).toBe('Back to normal: No connection to the PLC');
    await views.waitForAlarmState(PLC_ALARM, 'Shelved');
  });

  it('books the rest of the wave in Odoo once each and archives it as Completed; the queue empties', async () => {
    await plcDoses(9 * BATCH_MS);
    await expect.poll(() => console_.waveProgress()).toBe('10 of 10 done');
    expect((await waitForStatuses(times('finished', 9))).map((row) => row.mo)).toEqual(wave.slice(1));

    expect(await console_.runTaskNow('complete')).toMatch(/^Report to Odoo: Done/);

    await console_.waitForQueueCount(0);
    expect(await console_.waveProgress()).toBe('No wave in the PLC');
    const archived = await console_.searchArchive('');
    expect(archived.map((row) => [row.mo, row.status]).sort()).toEqual(wave.map((mo) => [mo, 'completed']).sort());
    expect(wave.map((mo) => plant.odoo.state.bookedCount(mo))).toEqual(Array(10).fill(1));
  });

  it('exports the runs and the archive as CSV holding what the engine recorded', async () => {
    await console_.filterRuns({ task: 'mo-sync', outcome: '' });
    const runsFile = await views.exportCsv('runs-export');
    const recordedRuns = (await engine.backend.handlers.listRuns({ pageSize: 500, task: 'mo-sync' })).items;
    expect(recordedRuns.map((run) => run.outcome)).toEqual(['skipped', 'fetched']);
    expect(runsFile.status).toBe(`Saved 2 rows to ${runsFile.fileName}`);
    expect(csvRecords(runsFile.text)).toEqual([
      ['Started', 'Finished', 'Task', 'Started by', 'Outcome', 'Reason', 'MOs', 'Batches in queue', 'Duration (ms)', 'Station'],
      ...recordedRuns.map(runCells),
    ]);

    await console_.searchArchive('');
    const archiveFile = await views.exportCsv('archive-export');
    const recordedBatches = (await engine.backend.handlers.listHistory({ page: 1, pageSize: 500 })).items;
    expect(recordedBatches).toHaveLength(10);
    const [header, ...rows] = csvRecords(archiveFile.text);
    expect(header).toEqual([
      ...['Archived', 'MO', 'Slot', 'Product', 'Status', 'Planned kg', 'Actual kg', 'Notes'],
      ...EQUIPMENT_IDS.map((id) => `${equipmentById(id).name} kg`),
    ]);
    expect(rows).toEqual(recordedBatches.map(archiveCells));
  });

  it('doses the next wave and reads it in Bahasa Indonesia and back in English', async () => {
    expect(await console_.syncNow()).toBe('Fetched 10 MOs (WH/MO/00021 …)');
    await console_.waitForQueueCount(10);
    await plcDoses(3.5 * BATCH_MS);
    await waitForStatuses([...times('finished', 3), 'dosing', ...times('waiting', 6)]);

    await console_.chooseLanguage('id');

    expect(await browser.page.getAttribute('html', 'lang')).toBe('id');
    expect(await browser.page.getByRole('table', { name: 'Antrean' }).count()).toBe(1);
    expect(await console_.waveProgress()).toBe('3 dari 10 selesai');
    expect(await console_.lastOutcome()).toBe('10 MO diambil (WH/MO/00021 …)');
    expect(await browser.page.getByRole('tab', { name: 'Riwayat' }).count()).toBe(1);
    expect((await console_.plcAge()).text).toMatch(/^PLC (dibaca .* yang lalu|baru saja dibaca)/);

    await console_.chooseLanguage('en');

    expect(await browser.page.getAttribute('html', 'lang')).toBe('en');
    expect(await browser.page.getByRole('table', { name: 'Queue' }).count()).toBe(1);
    expect(await console_.waveProgress()).toBe('3 of 10 done');
  });

  it('takes screenshots of every main view at 1920×1080, 1366×768 and 1024×768 with the wave in progress', async () => {
    await mkdir('test-results', { recursive: true });
    try {
      for (const [width, height] of PLANT_SCREENS) {
        await browser.page.setViewportSize({ width, height });
        for (const view of VIEWS) {
          await showView(view);
          await browser.page.screenshot({ path: `test-results/engine-${view}-${width}x${height}.png` });
        }
      }
    } finally {
      await browser.page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('has no serious or critical accessibility violation on any main view, in English and in Bahasa Indonesia', async () => {
    const violations: string[] = [];
    for (const language of ['en', 'id'] as const) {
      await console_.chooseLanguage(language);
      for (const view of VIEWS) {
        await showView(view);
        violations.push(...(await seriousAccessibilityViolations(browser.page)).map((violation) => `${language} ${view}: ${violation}`));
      }
    }
    expect(violations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});

/** The simulated PLC doses for `ms` of its own time; the engine sees it at its next reading. */
async function plcDoses(ms: number): Promise<void> {
  await plantClock.advance(ms);
}

/** Waits until the queue's rows have these statuses, slot by slot; returns the rows. */
async function waitForStatuses(statuses: readonly string[]): Promise<QueueRow[]> {
  let rows: QueueRow[] = [];
  await expect.poll(async () => (rows = await console_.queueRows()).map((row) => row.status), { timeout: 30_000 }).toEqual(statuses);
  return rows;
}

function times(status: string, count: number): string[] {
  return Array<string>(count).fill(status);
}

/** Opens a view and waits until it shows its content rather than "loading". */
async function showView(view: ConsoleTab): Promise<void> {
  await console_.openTab(view);
  await browser.page.locator(`#panel-${view}:not([aria-busy="true"]):not(:has([aria-busy="true"]))`).waitFor({ timeout: 30_000 });
}

function kg(text: string | undefined): number {
  return Number((text ?? '').replace(/,/g, ''));
}

function percent(text: string | undefined): number {
  return Number.parseInt(text ?? '', 10);
}

/** The browser runs in UTC (test/support/browser.ts): the CSV's local time is the UTC time. */
function csvTime(iso: string | null): string {
  return iso ? new Date(iso).toISOString().slice(0, 19).replace('T', ' ') : '';
}

function runCells(run: RunRecord): string[] {
  const outcome: Partial<Record<RunRecord['outcome'], string>> = { fetched: 'Fetched', skipped: 'Skipped' };
  return [
    csvTime(run.startedAt),
    csvTime(run.finishedAt),
    'Fetch new MOs',
    'Operator',
    outcome[run.outcome] ?? run.outcome,
    run.reason,
    run.moIds.join(' '),
    String(run.queueCount ?? ''),
    String(run.durationMs),
    run.station,
  ];
}

function archiveCells(entry: HistoryEntry): string[] {
  return [
    csvTime(entry.archivedAt),
    entry.moId,
    String(entry.batchNo),
    entry.finishedGoods,
    entry.status === 'completed' ? 'Completed' : 'Cancelled',
    String(entry.quantityKg),
    String(entry.actualWeightKg ?? ''),
    entry.notes ?? '',
    ...EQUIPMENT_IDS.map((id) => String(entry.actualKg[id] ?? '')),
  ];
}
