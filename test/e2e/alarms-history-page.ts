/**
 * The alarm, history, report and log views as an operator uses them, for e2e
 * tests beside ConsolePage (same rules: roles and data-testids, event-driven waits).
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';

const WAIT_MS = 30_000;
const SHIFT_START = { early: '06', late: '14', night: '22' } as const;

export interface AlarmCard {
  key: string;
  title: string;
  state: string;
  count: string;
  affected: string;
}

export interface DownloadedFile {
  fileName: string;
  text: string;
}

export class AlarmsHistoryPage {
  constructor(readonly page: Page) {}

  async openView(view: 'alarms' | 'runs' | 'archive' | 'reports' | 'log'): Promise<void> {
    const tab = this.page.getByTestId(`tab-${view}`);
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  }

  // --- alarm banner and live region ---------------------------------------

  /** The banner's leading alarm line and its totals; waits until the banner says `text`. */
  async waitForBanner(text: string | RegExp): Promise<{ top: string; totals: string }> {
    const banner = this.page.getByTestId('alarm-banner').filter({ hasText: text });
    await banner.waitFor({ timeout: WAIT_MS }).catch(async (error: unknown) => {
      const shown = (await this.page.getByTestId('alarm-banner').count()) > 0 ? await this.page.getByTestId('alarm-banner').textContent() : 'no banner';
      throw new Error(`the alarm banner never said ${String(text)}; it says: ${shown}`, { cause: error });
    });
    return {
      top: normalise(await banner.locator('.alarm-banner-top').textContent()),
      totals: normalise(await this.page.getByTestId('alarm-banner-totals').textContent()),
    };
  }

  async waitForNoBanner(): Promise<void> {
    await this.page.getByTestId('alarm-banner').waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  async bannerLastKnown(): Promise<string> {
    const line = this.page.getByTestId('alarm-banner-last-known');
    await line.waitFor({ timeout: WAIT_MS });
    return normalise(await line.textContent());
  }

  async showAlarmsFromBanner(): Promise<void> {
    await this.page.getByTestId('alarm-banner-show').click();
    await this.page.getByTestId('alarms').waitFor({ timeout: WAIT_MS });
  }

  /** What a screen reader was last told (the assertive live region). */
  async waitForAnnouncement(text: string): Promise<string> {
    const region = this.page.getByTestId('alarm-live-region').filter({ hasText: text });
    await region.waitFor({ state: 'attached', timeout: WAIT_MS });
    return normalise(await region.textContent());
  }

  // --- alarm list -----------------------------------------------------------

  async alarms(): Promise<AlarmCard[]> {
    await this.openView('alarms');
    const cards = await this.page.getByTestId('alarm').all();
    return Promise.all(
      cards.map(async (card) => ({
        key: (await card.getAttribute('data-key')) ?? '',
        title: normalise(await card.getByTestId('alarm-title').textContent()),
        state: normalise(await card.getByTestId('alarm-state').textContent()),
        count: (await card.getByTestId('alarm-count').count()) > 0 ? normalise(await card.getByTestId('alarm-count').locator('[aria-hidden]').textContent()) : '',
        affected: (await card.getByTestId('alarm-affected').count()) > 0 ? normalise(await card.getByTestId('alarm-affected').textContent()) : '',
      })),
    );
  }

  async waitForAlarmState(key: string, state: string): Promise<void> {
    await this.alarm(key).filter({ has: this.page.getByTestId('alarm-state').filter({ hasText: new RegExp(`^${state}$`) }) }).waitFor({ timeout: WAIT_MS });
  }

  async acknowledge(key: string, note = ''): Promise<void> {
    await this.openView('alarms');
    const card = this.alarm(key);
    await card.getByTestId('alarm-acknowledge').click();
    if (note) await card.getByTestId('alarm-acknowledge-note').fill(note);
    await card.getByTestId('alarm-acknowledge-confirm').click();
    await card.getByTestId('alarm-acknowledge-confirm').waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  /** Shelves for the duration option whose label is `duration` ("2 hours"), with `reason`. */
  async shelve(key: string, duration: string, reason: string): Promise<void> {
    await this.openView('alarms');
    const card = this.alarm(key);
    await card.getByTestId('alarm-shelve').click();
    await card.getByTestId('alarm-shelve-minutes').selectOption({ label: duration });
    await card.getByTestId('alarm-shelve-reason').fill(reason);
    await card.getByTestId('alarm-shelve-confirm').click();
    await card.getByTestId('alarm-shelve-confirm').waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  async unshelve(key: string): Promise<void> {
    await this.openView('alarms');
    await this.alarm(key).getByTestId('alarm-unshelve').click();
  }

  async alarmNote(key: string, testId: 'alarm-acknowledged' | 'alarm-shelved'): Promise<string> {
    return normalise(await this.alarm(key).getByTestId(testId).textContent());
  }

  /** The alarm history's lines, newest first, as "event: title (note)". */
  async alarmHistory(): Promise<string[]> {
    await this.openView('alarms');
    await this.page.getByTestId('alarm-history-newest').click();
    await this.page.locator('[data-testid="alarm-history"][aria-busy="false"]').waitFor({ timeout: WAIT_MS });
    const rows = await this.page.getByTestId('alarm-event').all();
    return Promise.all(
      rows.map(async (row) => {
        const [, event = '', , title = '', , note = ''] = (await row.locator('td').allTextContents()).map((cell) => cell.trim());
        return note ? `${event}: ${title} (${note})` : `${event}: ${title}`;
      }),
    );
  }

  // --- run history and archive -----------------------------------------------

  async searchRunsByMo(moId: string): Promise<void> {
    await this.openView('runs');
    await this.page.getByTestId('runs-search-mo').fill(moId);
    await this.page.getByTestId('runs-search-mo-submit').click();
    await this.runsSettled();
  }

  /** Sets the runs' date range; times are local 'YYYY-MM-DDTHH:MM' ('' clears one end). */
  async setRunsRange(from: string, to: string): Promise<void> {
    await this.openView('runs');
    await this.page.getByTestId('runs-range-from').fill(from);
    await this.runsSettled();
    await this.page.getByTestId('runs-range-to').fill(to);
    await this.runsSettled();
  }

  async runsEmptyMessage(): Promise<string> {
    return normalise(await this.page.getByTestId('runs').locator('.empty').textContent());
  }

  /** Presses an export button and returns the file the browser saved. */
  async exportCsv(testId: 'runs-export' | 'archive-export'): Promise<DownloadedFile & { status: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: WAIT_MS }), this.page.getByTestId(testId).click()]);
    const status = this.page.getByTestId(`${testId}-status`).filter({ hasText: /rows/ }).filter({ hasNotText: /so far/ });
    await status.waitFor({ timeout: WAIT_MS });
    return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8'), status: normalise(await status.textContent()) };
  }

  // --- reports -----------------------------------------------------------------

  /** Shows the shift report of `day` ('YYYY-MM-DD') for one shift; returns the summary numbers. */
  async shiftReport(day: string, shift: 'early' | 'late' | 'night'): Promise<Record<'completed' | 'cancelled' | 'waves' | 'totalKg', string>> {
    await this.openView('reports');
    await this.page.getByTestId(`report-shift-${shift}`).check();
    await this.page.getByTestId('report-day').fill(day);
    // The browser runs in UTC (test/support/browser.ts): the shift starts at its hour in UTC.
    const from = new Date(`${day}T${SHIFT_START[shift]}:00:00Z`).toISOString();
    await this.page.locator(`[data-testid="reports"][aria-busy="false"][data-loaded-from="${from}"]`).waitFor({ timeout: WAIT_MS });
    const text = async (testId: string): Promise<string> => normalise(await this.page.getByTestId(testId).textContent());
    return {
      completed: await text('report-completed'),
      cancelled: await text('report-cancelled'),
      waves: await text('report-waves'),
      totalKg: await text('report-total-kg'),
    };
  }

  /** The kg per silo and tank table: [name, usual material, kg]. */
  async reportKg(): Promise<string[][]> {
    const rows = await this.page.getByTestId('report-kg-row').all();
    return Promise.all(rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((cell) => cell.trim())));
  }

  /** A chart's table alternative, header row first. */
  async chartTable(testId: 'chart-waves' | 'chart-kg'): Promise<string[][]> {
    const chart = this.page.getByTestId(testId);
    await chart.locator('canvas').first().waitFor({ timeout: WAIT_MS });
    await chart.locator('summary').click();
    const rows = await chart.locator('.chart-table tr').all();
    return Promise.all(rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((cell) => cell.trim())));
  }

  // --- log ---------------------------------------------------------------------

  async logMessages(): Promise<string[]> {
    await this.openView('log');
    await this.logSettled();
    return this.page.locator('[data-testid="log-entry"] .log-message').allTextContents();
  }

  async olderLogs(): Promise<void> {
    await this.page.getByTestId('log-older').click();
    await this.logSettled();
  }

  async hasOlderLogs(): Promise<boolean> {
    return (await this.page.getByTestId('log-older').count()) > 0;
  }

  async filterLog(level: '' | 'debug' | 'info' | 'warn' | 'error', search = ''): Promise<void> {
    await this.openView('log');
    await this.page.getByTestId('log-filter-level').selectOption(level);
    await this.page.getByTestId('log-search').fill(search);
    await this.page.getByTestId('log-search-submit').click();
    await this.page.locator(`[data-testid="log"][aria-busy="false"][data-loaded="${level}|${search}"]`).waitFor({ timeout: WAIT_MS });
  }

  // --- helpers -------------------------------------------------------------------

  private alarm(key: string): Locator {
    return this.page.locator(`[data-testid="alarm"][data-key="${key}"]`);
  }

  private async runsSettled(): Promise<void> {
    await this.page.locator('[data-testid="runs"][aria-busy="false"]').waitFor({ timeout: WAIT_MS });
  }

  private async logSettled(): Promise<void> {
    await this.page.locator('[data-testid="log"][aria-busy="false"]').waitFor({ timeout: WAIT_MS });
  }
}

function normalise(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
