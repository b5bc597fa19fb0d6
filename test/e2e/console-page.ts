/**
 * The operator console as a person at the batch plant uses it, for e2e tests
 * against any host (fake backend, real engine, Electron). Reads what the
 * screen shows through roles and data-testids; every wait is event-driven
 * with a generous upper bound, never a fixed sleep.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';

export interface QueueRow {
  slot: number;
  mo: string;
  product: string;
  plannedKg: string;
  status: string;
  actualKg: string;
}

export interface RunRow {
  time: string;
  task: string;
  trigger: string;
  outcome: string;
  reason: string;
  moIds: string[];
}

export interface ArchiveRow {
  archivedAt: string;
  mo: string;
  slot: number;
  product: string;
  status: string;
  actualKg: string;
  notes: string;
}

export type ConsoleTab = 'queue' | 'runs' | 'archive' | 'log';

/** A task's "Run" button in the scheduler card: whether the operator may press it, and the hint it shows if not. */
export interface TaskRunButton {
  task: string;
  enabled: boolean;
  hint: string | null;
}

/** Upper bound for anything the console should show "at once" — generous for a loaded 2-core machine. */
const WAIT_MS = 30_000;

export class ConsolePage {
  constructor(readonly page: Page) {}

  /** Opens the console and waits until the engine's first snapshot is on screen. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitForQueueCount();
  }

  // --- queue -------------------------------------------------------------

  /** The big number: batches in the PLC. Waits for the engine's first snapshot. */
  async queueCount(): Promise<number> {
    await this.waitForQueueCount();
    return Number(await this.byTestId('queue-count').textContent());
  }

  /** Waits until the big number reads `expected` (any number when omitted). */
  async waitForQueueCount(expected?: number): Promise<void> {
    const pattern = expected === undefined ? /^\d+$/ : new RegExp(`^${expected}$`);
    await this.byTestId('queue-count').filter({ hasText: pattern }).waitFor({ timeout: WAIT_MS });
  }

  async queueRows(): Promise<QueueRow[]> {
    await this.openTab('queue');
    return this.rows('queue-row', ([slot = '', mo = '', product = '', plannedKg = '', status = '', actualKg = '']) => ({
      slot: Number(slot),
      mo,
      product,
      plannedKg,
      status,
      actualKg,
    }));
  }

  /** Takes a batch out of the queue by hand, archived as cancelled with `reason`; waits until it left the queue. */
  /** MOs whose queue row offers "Archive…" (only batches the PLC is done with). */
  async archiveButtons(): Promise<string[]> {
    const rows = this.byTestId('queue-row').filter({ has: this.page.getByRole('button', { name: /^Archive/ }) });
    return (await rows.locator('td:nth-child(2)').allTextContents()).map((text) => text.trim());
  }

  async waitForArchiveButton(moId: string): Promise<void> {
    await this.byTestId('queue-row').filter({ hasText: moId }).getByRole('button', { name: /^Archive/ }).waitFor({ timeout: WAIT_MS });
  }

  async archiveBatch(moId: string, reason: string): Promise<void> {
    const row = await this.submitArchive(moId, reason);
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  /** Tries to archive a batch the engine will refuse; returns what the console says (the batch stays in the queue). */
  async archiveBatchRefused(moId: string, reason: string): Promise<string> {
    const alert = (await this.submitArchive(moId, reason)).getByRole('alert');
    await alert.waitFor({ timeout: WAIT_MS });
    return (await alert.textContent())?.trim() ?? '';
  }

  // --- sync now ----------------------------------------------------------

  syncButton(): Locator {
    return this.byTestId('sync-now');
  }

  /** Presses "Sync now" and returns what the console says happened. */
  async syncNow(): Promise<string> {
    const before = await this.syncsCompleted();
    await this.syncButton().click();
    return this.waitForSyncOutcome(before + 1);
  }

  /** Presses "Sync now" without waiting for the answer (for tests that hold the engine's reply). */
  async pressSyncNow(): Promise<void> {
    await this.syncButton().click();
  }

  /** The gate's latest decision, whoever triggered it (timer, another screen, the CLI). */
  async lastSync(): Promise<string> {
    await this.byTestId('last-sync').waitFor({ timeout: WAIT_MS });
    return (await this.byTestId('last-sync').textContent())?.trim() ?? '';
  }

  /** The console's sentence about the last sync pressed on this screen. */
  async lastOutcome(): Promise<string> {
    return (await this.byTestId('sync-outcome').textContent())?.trim() ?? '';
  }

  /** How many syncs pressed on this screen have finished. */
  async syncsCompleted(): Promise<number> {
    return Number(await this.byTestId('sync-outcome').getAttribute('data-sync-count'));
  }

  /** Waits until `count` syncs have finished on this screen; returns the outcome sentence. */
  async waitForSyncOutcome(count: number): Promise<string> {
    await this.page.locator(`[data-testid="sync-outcome"][data-sync-count="${count}"]`).waitFor({ timeout: WAIT_MS });
    return this.lastOutcome();
  }

  async isSyncEnabled(): Promise<boolean> {
    return this.syncButton().isEnabled();
  }

  /** Waits until the button is disabled (a sync is running) or enabled again. */
  async waitForSyncButton(state: 'enabled' | 'disabled'): Promise<void> {
    const selector = `[data-testid="sync-now"]${state === 'disabled' ? ':disabled' : ':enabled'}`;
    await this.page.locator(selector).waitFor({ timeout: WAIT_MS });
  }

  // --- runs history ------------------------------------------------------

  async runRows(): Promise<RunRow[]> {
    await this.openTab('runs');
    return this.rows('run-row', ([time = '', task = '', trigger = '', outcome = '', reason = '', moIds = '']) => ({
      time,
      task,
      trigger,
      outcome,
      reason,
      moIds: moIds === '' ? [] : moIds.split(', '),
    }));
  }

  /** Waits until a run whose row contains `text` is listed (pushed live, no reload). */
  async waitForRun(text: string): Promise<void> {
    await this.openTab('runs');
    await this.byTestId('run-row').filter({ hasText: text }).first().waitFor({ timeout: WAIT_MS });
  }

  /** Filters the runs list ('' shows all) and waits for the filtered list. */
  async filterRuns(filter: { task?: string; outcome?: string }): Promise<void> {
    await this.openTab('runs');
    if (filter.task !== undefined) await this.byTestId('runs-filter-task').selectOption(filter.task);
    if (filter.outcome !== undefined) await this.byTestId('runs-filter-outcome').selectOption(filter.outcome);
    await this.page.locator('[data-testid="runs"][aria-busy="false"]').waitFor({ timeout: WAIT_MS });
  }

  // --- scheduler ---------------------------------------------------------

  async schedulerState(): Promise<'paused' | 'running'> {
    const text = (await this.byTestId('scheduler-state').textContent())?.trim();
    if (text !== 'paused' && text !== 'running') throw new Error(`scheduler shows '${text}'`);
    return text;
  }

  /** Presses "Run" for one task in the scheduler card; returns what the console says the run did. */
  async runTaskNow(task: string): Promise<string> {
    const button = this.page.getByRole('button', { name: `Run ${task} now` });
    await button.click();
    const outcome = this.byTestId('task-run-outcome').filter({ hasText: new RegExp(`^${task} `) });
    await outcome.waitFor({ timeout: WAIT_MS });
    await this.page.getByRole('button', { name: `Run ${task} now` }).and(this.page.locator(':enabled')).waitFor({ timeout: WAIT_MS });
    return (await outcome.textContent())?.trim() ?? '';
  }

  /** Every task's "Run" button, in the scheduler's order (a monitoring station may not run the PLC's tasks). */
  async taskRunButtons(): Promise<TaskRunButton[]> {
    const rows = await this.byTestId('scheduler-task').all();
    return Promise.all(
      rows.map(async (row) => {
        const button = row.getByRole('button', { name: /^Run .* now$/ });
        const name = (await button.getAttribute('aria-label')) ?? '';
        return { task: name.replace(/^Run (.*) now$/, '$1'), enabled: await button.isEnabled(), hint: await button.getAttribute('title') };
      }),
    );
  }

  async pauseScheduler(): Promise<void> {
    await this.setScheduler('paused');
  }

  async resumeScheduler(): Promise<void> {
    await this.setScheduler('running');
  }

  // --- archive -----------------------------------------------------------

  /** Searches the archive by MO id ('' for all) and returns the rows shown. */
  async searchArchive(moId: string): Promise<ArchiveRow[]> {
    await this.openTab('archive');
    await this.byTestId('archive-search').fill(moId);
    await this.byTestId('archive-search').press('Enter');
    await this.page
      .locator(`[data-testid="archive"][aria-busy="false"][data-search="${moId.trim().replace(/["\\]/g, '\\$&')}"]`)
      .waitFor({ timeout: WAIT_MS });
    return this.rows('archive-row', ([archivedAt = '', mo = '', slot = '', product = '', status = '', actualKg = '', notes = '']) => ({
      archivedAt,
      mo,
      slot: Number(slot),
      product,
      status,
      actualKg,
      notes,
    }));
  }

  // --- Odoo outbox --------------------------------------------------------

  /** Calls to Odoo that stopped retrying and wait for the operator. */
  async quarantinedPushes(): Promise<{ mo: string; kind: string; attempts: number; lastError: string }[]> {
    return this.rows('outbox-row', ([mo = '', kind = '', attempts = '', lastError = '']) => ({ mo, kind, attempts: Number(attempts), lastError }));
  }

  /** Presses "Export quarantined calls" and returns the downloaded file's name and parsed content. */
  async exportQuarantinedPushes(): Promise<{ fileName: string; content: unknown }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: WAIT_MS }), this.byTestId('outbox-export').click()]);
    const path = await download.path();
    return { fileName: download.suggestedFilename(), content: JSON.parse(await readFile(path, 'utf8')) as unknown };
  }

  async waitForQuarantinedPush(moId: string): Promise<void> {
    await this.byTestId('outbox-row').filter({ hasText: moId }).waitFor({ timeout: WAIT_MS });
  }

  /** Presses Retry on the quarantined call for `moId`; waits until it left the quarantine. */
  async retryPush(moId: string): Promise<void> {
    const row = this.byTestId('outbox-row').filter({ hasText: moId });
    await row.getByRole('button', { name: `Retry ${moId}` }).click();
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  /** The "N calls waiting to be sent" line, or '' when the outbox is empty. */
  async outboxPending(): Promise<string> {
    return this.textIfShown('outbox-pending');
  }

  // --- station and authority ---------------------------------------------

  /** The line under the title: this station, and in the plant who drives the PLC. */
  async stationLine(): Promise<string> {
    return (await this.byTestId('station-line').textContent())?.trim() ?? '';
  }

  /** Waits until the station line reads `expected` (pushed live); returns whether it is in the warning colour. */
  async waitForStationLine(expected: string): Promise<{ warning: boolean }> {
    const line = this.byTestId('station-line').filter({ hasText: new RegExp(`^${escapeRegExp(expected)}$`) });
    await line.waitFor({ timeout: WAIT_MS });
    return { warning: ((await line.getAttribute('class')) ?? '').split(' ').includes('tone-warning') };
  }

  /** Which database is the authority, as the Connections card says: "SQLite" or "PostgreSQL". */
  async authorityKind(): Promise<string> {
    return (await this.byTestId('authority-kind').textContent())?.trim() ?? '';
  }

  /** The mirror's lag in the database row ("mirror up to date"), or '' when there is no mirror (standalone). */
  async mirrorLag(): Promise<string> {
    return this.textIfShown('mirror-lag');
  }

  /** Waits until the database row reads `expected` about the mirror (pushed live). */
  async waitForMirrorLag(expected: string): Promise<void> {
    await this.byTestId('mirror-lag').filter({ hasText: new RegExp(`^${escapeRegExp(expected)}$`) }).waitFor({ timeout: WAIT_MS });
  }

  /** The "Offline since …" banner's text, or '' while the authority answers. */
  async offlineBanner(): Promise<string> {
    return this.textIfShown('authority-offline-banner');
  }

  /** Waits for the "Offline since …" banner (pushed live); returns its text. */
  async waitForOfflineBanner(): Promise<string> {
    await this.byTestId('authority-offline-banner').waitFor({ timeout: WAIT_MS });
    return this.offlineBanner();
  }

  /** Waits until the authority answers again (the offline banner is gone). */
  async waitForAuthorityOnline(): Promise<void> {
    await this.byTestId('authority-offline-banner').waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  // --- log, warnings, connection -----------------------------------------

  async logMessages(): Promise<string[]> {
    await this.openTab('log');
    return this.page.locator('[data-testid="log-entry"] .log-message').allTextContents();
  }

  async waitForLog(text: string): Promise<void> {
    await this.openTab('log');
    await this.byTestId('log-entry').filter({ hasText: text }).first().waitFor({ timeout: WAIT_MS });
  }

  async warnings(): Promise<string[]> {
    return this.byTestId('warning').allTextContents();
  }

  async waitForWarning(text: RegExp): Promise<void> {
    await this.byTestId('warning').filter({ hasText: text }).waitFor({ timeout: WAIT_MS });
  }

  /** Answers the wave-unconfirmed warning with "Hand over…" or "Withdraw…" and a reason; waits until the warning is gone. */
  async resolveWave(action: 'hand-over' | 'withdraw', reason: string): Promise<void> {
    await this.byTestId(`wave-${action}`).click();
    await this.byTestId('wave-resolve-reason').fill(reason);
    await this.byTestId('wave-resolve-confirm').click();
    await this.byTestId('wave-resolve-reason').waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  /** Waits for the "connection to engine lost — reconnecting…" banner; returns its text. */
  async waitForEngineLost(): Promise<string> {
    const banner = this.byTestId('engine-connection-banner').filter({ hasText: /lost/ });
    await banner.waitFor({ timeout: WAIT_MS });
    return (await banner.textContent())?.trim() ?? '';
  }

  /** Waits until the console is connected again (no banner). */
  async waitForEngineConnected(): Promise<void> {
    await this.byTestId('engine-connection-banner').waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  async openTab(tab: ConsoleTab): Promise<void> {
    const button = this.byTestId(`tab-${tab}`);
    if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }

  // --- helpers -----------------------------------------------------------

  private byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  private async submitArchive(moId: string, reason: string): Promise<Locator> {
    await this.openTab('queue');
    const row = this.byTestId('queue-row').filter({ hasText: moId });
    await row.getByTestId('queue-archive').click();
    await row.getByTestId('queue-archive-reason').fill(reason);
    await row.getByTestId('queue-archive-confirm').click();
    return row;
  }

  private async textIfShown(testId: string): Promise<string> {
    const element = this.byTestId(testId);
    return (await element.count()) === 0 ? '' : ((await element.textContent())?.trim() ?? '');
  }

  private async setScheduler(target: 'paused' | 'running'): Promise<void> {
    if ((await this.schedulerState()) === target) return;
    await this.byTestId('scheduler-toggle').click();
    await this.byTestId('scheduler-state').filter({ hasText: target }).waitFor({ timeout: WAIT_MS });
  }

  private async rows<T>(testId: string, toRow: (cells: string[]) => T): Promise<T[]> {
    const rows = await this.byTestId(testId).all();
    return Promise.all(rows.map(async (row) => toRow((await row.locator('td').allTextContents()).map((cell) => cell.trim()))));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
