/**
 * The alarm views, the run history and archive with their CSV export, the shift
 * report and the log, in the real console (built renderer, headless host,
 * Chromium) over the fake engine; in English (the fake's UI_LANGUAGE), times in UTC.
 */
import { mkdir } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../support/axe';
import type { RaiseAlarm } from '../support/fake-alarms';
import { AlarmsHistoryPage } from './alarms-history-page';
import { fakeConsoleSession } from './fake-console-session';

const session = fakeConsoleSession();
let views: AlarmsHistoryPage;

const STUCK: RaiseAlarm = {
  kind: 'stuck-batch',
  priority: 'high',
  message: 'slot 3 (WH/MO/00013) has not progressed for 20 min',
  affected: [{ batchNo: 3, moId: 'WH/MO/00013', message: 'slot 3 (WH/MO/00013) has not progressed for 20 min' }],
};

beforeEach(() => {
  views = new AlarmsHistoryPage(session.browser.page);
});

describe('alarms on screen', () => {
  it('shows a new alarm in the banner on every view, announces it once, and takes an acknowledgement with a note', async () => {
    session.fake.raiseAlarm(STUCK);

    const banner = await views.waitForBanner('Batch stuck in the PLC');
    expect(banner.top).toMatch(/^▲ High Batch stuck in the PLC Unacknowledged · 08:00:\d\d$/);
    expect(banner.totals).toBe('1 unacknowledged');
    expect(await views.waitForAnnouncement('Batch stuck in the PLC')).toBe('New alarm, High priority: Batch stuck in the PLC');

    await views.showAlarmsFromBanner();
    expect(await views.alarms()).toEqual([
      { key: 'stuck-batch', title: 'Batch stuck in the PLC', state: 'Unacknowledged', count: '', affected: 'Affected: Slot 3 · WH/MO/00013' },
    ]);

    await views.acknowledge('stuck-batch', 'silo C bridged, cleared by hand');

    await views.waitForAlarmState('stuck-batch', 'Acknowledged');
    expect(await views.alarmNote('stuck-batch', 'alarm-acknowledged')).toMatch(/^Acknowledged .* at FAKE-01 — Note: silo C bridged, cleared by hand$/);
    expect((await views.waitForBanner('Every alarm is acknowledged')).totals).toBe('1 acknowledged');
    expect(await views.alarmHistory()).toEqual(['Acknowledged: Batch stuck in the PLC (silo C bridged, cleared by hand)', 'Raised: Batch stuck in the PLC']);
    expect(session.fake.calls.acknowledgeAlarm).toBe(1);
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
    await mkdir('test-results', { recursive: true });
    await session.console.screenshot('test-results/alarms.png');
    expect(session.browser.pageErrors).toEqual([]);
    expect(session.browser.consoleErrors).toEqual([]);
  });

  it('counts a cause that keeps coming back as one alarm, "×3"', async () => {
    for (let raise = 1; raise <= 3; raise++) {
      session.fake.raiseAlarm({ kind: 'connection-down', key: 'connection-down:plc', priority: 'high', message: 'PLC did not answer (timeout 2 s)' });
      if (raise < 3) session.fake.clearAlarm('connection-down:plc');
    }

    expect((await views.waitForBanner('×3')).top).toMatch(/^▲ High No connection to the PLC Unacknowledged · 08:00:\d\d ×3 raised 3 times$/);
    expect((await views.alarms()).map((alarm) => [alarm.title, alarm.count])).toEqual([['No connection to the PLC', '×3']]);
  });

  it('shelves an alarm for a time with a reason, out of the banner, and unshelves it', async () => {
    session.fake.raiseAlarm({ kind: 'odoo-backlog', priority: 'low', message: 'Odoo still lists 312 MOs produced here; close them in Odoo or turn on ODOO_MARK_DONE' });
    await views.waitForBanner('Odoo still lists MOs produced here');

    await views.shelve('odoo-backlog', '2 hours', 'Odoo admin closes them tonight');

    await views.waitForAlarmState('odoo-backlog', 'Shelved');
    expect(await views.alarmNote('odoo-backlog', 'alarm-shelved')).toMatch(/^Shelved until .* by FAKE-01: Odoo admin closes them tonight$/);
    await views.waitForNoBanner();

    await views.unshelve('odoo-backlog');
    await views.waitForAlarmState('odoo-backlog', 'Unacknowledged');
    await views.waitForBanner('Odoo still lists MOs produced here');
    expect(session.fake.calls.shelveAlarm).toBe(1);
    expect(session.fake.calls.unshelveAlarm).toBe(1);
  });

  it('says the alarm list is the last known one while the engine link is down', async () => {
    session.fake.raiseAlarm(STUCK);
    await views.waitForBanner('Batch stuck in the PLC');

    await session.host.stop();

    expect(await views.bannerLastKnown()).toBe('Engine link down: this is the last known alarm list');
    expect((await views.waitForBanner('Batch stuck in the PLC')).totals).toBe('1 unacknowledged');
  });
});

describe('history and reports', () => {
  it('finds every run that names an MO, across tasks, and narrows runs to a period', async () => {
    await session.console.syncNow();
    session.fake.finishWave();
    await session.console.syncNow();
    await session.console.filterRuns({ task: '' });

    await views.searchRunsByMo('WH/MO/00012');
    expect((await session.console.runRows()).map((run) => [run.task, run.outcome])).toEqual([
      ['complete', 'done'],
      ['mo-sync', 'fetched'],
    ]);

    await views.setRunsRange('2026-11-28T09:00', '');
    expect(await session.console.runRows()).toEqual([]);
    expect(await views.runsEmptyMessage()).toBe('No runs match.');
    await views.setRunsRange('2026-11-28T08:00', '2026-11-28T09:00');
    expect(await session.console.runRows()).toHaveLength(2);
  });

  it('exports the runs that match the filter as CSV for Excel', async () => {
    await session.console.syncNow();
    session.fake.finishWave();
    await session.console.filterRuns({ task: '' });

    const file = await views.exportCsv('runs-export');

    expect(file.fileName).toMatch(/^runs_start_to_\d{4}-\d\d-\d\d_\d{4}\.csv$/);
    expect(file.status).toBe(`Saved 2 rows to ${file.fileName}`);
    const lines = file.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFStarted,Finished,Task,Started by,Outcome,Reason,MOs,Batches in queue,Duration (ms),Station');
    const time = '2026-11-28 08:00:\\d\\d';
    expect(lines[1]).toMatch(new RegExp(`^${time},${time},Report to Odoo,Timer,Done,archived 10 batches,${moIds(11, 20)},,1000,FAKE-01$`));
    expect(lines[2]).toMatch(new RegExp(`^${time},${time},Fetch new MOs,Operator,Fetched,dispatched 10 MOs to the PLC,${moIds(11, 20)},10,1000,FAKE-01$`));
    expect(lines.slice(3)).toEqual(['']);
  });

  it('exports the archive with the kg of every silo and tank', async () => {
    await session.console.syncNow();
    session.fake.finishWave();
    await session.console.searchArchive('');

    const file = await views.exportCsv('archive-export');

    expect(file.fileName).toMatch(/^archive_start_to_.*\.csv$/);
    const [header = '', ...rows] = file.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header.split(',').slice(0, 10)).toEqual(['Archived', 'MO', 'Slot', 'Product', 'Status', 'Planned kg', 'Actual kg', 'Notes', 'SILO A kg', 'SILO B kg']);
    expect(header.split(',').at(-1)).toBe('LQ115 kg');
    expect(rows).toHaveLength(10);
    const silo = header.split(',').indexOf('SILO A kg');
    const tetes = header.split(',').indexOf('LQ114 kg');
    expect(rows.map((row) => [row.split(',')[4], row.split(',')[silo], row.split(',')[tetes]])).toEqual(Array(10).fill(['Completed', '600', '400']));
  });

  it('reports a shift: MOs, waves, kg per silo and tank, with the throughput charts as tables too', async () => {
    await session.console.syncNow();
    session.fake.finishWave();

    expect(await views.shiftReport('2026-11-28', 'early')).toEqual({ completed: '10', cancelled: '0', waves: '1', totalKg: '10,000' });
    expect(await views.reportKg()).toEqual([
      ['SILO A', 'PKE PELLET', '6,000'],
      ['LQ114', 'TETES', '4,000'],
    ]);
    const waves = await views.chartTable('chart-waves');
    expect(waves[0]).toEqual(['Hour', 'Waves', 'Batches completed']);
    expect(waves).toContainEqual(['08:00', '1', '10']);
    expect(await views.chartTable('chart-kg')).toEqual([
      ['Shift', 'SILO A', 'LQ114'],
      ['28/11/2026 Morning', '6,000', '4,000'],
      ['28/11/2026 Afternoon', '0', '0'],
      ['28/11/2026 Night', '0', '0'],
    ]);
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
    await mkdir('test-results', { recursive: true });
    await session.console.screenshot('test-results/reports.png');

    expect(await views.shiftReport('2026-11-28', 'night')).toEqual({ completed: '0', cancelled: '0', waves: '0', totalKg: '0' });
    expect(session.browser.pageErrors).toEqual([]);
  });
});

describe('the log view', () => {
  it('pages back through the log files below the live entries, with level filter and search', async () => {
    session.fake.writeOldLogs(Array.from({ length: 150 }, (_, index) => ({ message: `old line ${index + 1}`, level: index % 50 === 0 ? 'warn' : 'info' })));
    session.fake.pushLog('fetched 10 MOs', 'info');
    await session.console.waitForLog('fetched 10 MOs');

    const first = await views.logMessages();
    expect(first.slice(0, 3)).toEqual(['fetched 10 MOs', 'old line 1', 'old line 2']);
    expect(first).toHaveLength(100);
    await views.olderLogs();
    const all = await views.logMessages();
    expect(all).toHaveLength(151);
    expect(all.at(-1)).toBe('old line 150');
    expect(await views.hasOlderLogs()).toBe(false);

    await views.filterLog('warn');
    expect(await views.logMessages()).toEqual(['old line 1', 'old line 51', 'old line 101']);
    await views.filterLog('', 'LINE 14');
    expect(await views.logMessages()).toEqual(['old line 14', ...Array.from({ length: 10 }, (_, index) => `old line ${140 + index}`)]);
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
  });
});

describe('on a small panel and in Bahasa Indonesia', () => {
  it('reflows every view without sideways scrolling on a 1024 px panel at 200 % zoom (512 CSS px)', async () => {
    session.fake.raiseAlarm(STUCK);
    await session.console.syncNow();
    session.fake.finishWave();
    session.fake.pushLog('archived 10 batches: WH/MO/00011, WH/MO/00012, WH/MO/00013, WH/MO/00014, WH/MO/00015, WH/MO/00016', 'warn');
    await session.browser.page.setViewportSize({ width: 512, height: 384 });
    try {
      for (const view of ['alarms', 'runs', 'archive', 'reports', 'log'] as const) {
        await views.openView(view);
        const panel = session.browser.page.getByTestId(view);
        await panel.waitFor({ timeout: 30_000 });
        const overflow = await panel.evaluate((element) => {
          const box = element as unknown as { scrollWidth: number; clientWidth: number };
          return box.scrollWidth - box.clientWidth;
        });
        expect(overflow, view).toBeLessThanOrEqual(0);
        await session.console.screenshot(`test-results/${view}-512px.png`);
      }
    } finally {
      await session.browser.page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('reads in Bahasa Indonesia: alarm titles and states, task names, with no serious accessibility violation', async () => {
    session.fake.raiseAlarm(STUCK);
    await session.console.syncNow();
    await session.console.open(session.host.url, 'id');

    expect((await views.waitForBanner('Batch macet di PLC')).top).toMatch(/^▲ Tinggi Batch macet di PLC Belum diakui · 08\.00\.\d\d$/);
    expect(await views.alarms()).toEqual([
      { key: 'stuck-batch', title: 'Batch macet di PLC', state: 'Belum diakui', count: '', affected: 'Terdampak: Slot 3 · WH/MO/00013' },
    ]);
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
    await views.openView('runs');
    expect(await session.browser.page.getByTestId('run-row').locator('td').nth(1).textContent()).toBe('Ambil MO baru');
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
  });
});

function moIds(first: number, last: number): string {
  return Array.from({ length: last - first + 1 }, (_, index) => `WH/MO/${String(first + index).padStart(5, '0')}`).join(' ');
}
