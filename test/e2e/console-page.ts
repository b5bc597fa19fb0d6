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
  /** kg so far: the per-silo sum while dosing, the finished weight once reported. */
  actualKg: string;
  /** The status code behind the word and shape on screen: waiting, dosing, finished, failed. */
  status: string;
  /** "32 %". */
  progress: string;
}

/** The gate's latest decision as the status column shows it. */
export interface SyncDecision {
  outcome: string;
  /** Time and who triggered it: "08:00:01 · by Sync now on FAKE-01". */
  meta: string;
  /** The engine's reason in the operator's language. */
  reason: string;
  /** Marked "older than the current queue" (or than the engine link). */
  old: boolean;
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

export type ConsoleTab = 'queue' | 'alarms' | 'runs' | 'archive' | 'reports' | 'log' | 'audit' | 'engineer';

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

  /** Opens the console in `language` and waits until the engine's first snapshot is on screen. */
  async open(url: string, language: 'en' | 'id' = 'en'): Promise<void> {
    await this.page.goto(url);
    await this.waitForQueueCount();
    await this.chooseLanguage(language);
  }

  /** Presses the language switch in the header; waits until the page says it is in that language. */
  async chooseLanguage(language: 'en' | 'id'): Promise<void> {
    await this.byTestId(`language-${language}`).click();
    await this.page.locator(`html[lang="${language}"]`).waitFor({ timeout: WAIT_MS });
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
    const rows = await this.byTestId('queue-row').all();
    return Promise.all(
      rows.map(async (row) => {
        const [slot = '', mo = '', product = '', plannedKg = '', actualKg = '', , progress = ''] = (await row.locator('td').allTextContents()).map((cell) =>
          cell.trim(),
        );
        return { slot: Number(slot), mo, product, plannedKg, actualKg, status: (await row.getAttribute('data-status')) ?? '', progress };
      }),
    );
  }

  /** Opens a batch's row: planned vs actual per silo and tank ("Silo C — POLLARD ANGSA"). */
  async batchDetail(moId: string): Promise<{ equipment: string; plannedKg: string; actualKg: string }[]> {
    await this.openBatch(moId);
    const lines = await this.page.locator(`#${await this.detailId(moId)}`).getByTestId('equipment-line').all();
    return Promise.all(
      lines.map(async (line) => {
        const [equipment = '', plannedKg = '', actualKg = ''] = (await line.locator('th, td').allTextContents()).map((cell) => cell.trim());
        return { equipment, plannedKg, actualKg };
      }),
    );
  }

  /** The batch's hand-weighed additives: name and whether (and by whom) it was ticked off. */
  async manualAdditives(moId: string): Promise<{ name: string; checked: boolean; state: string }[]> {
    await this.openBatch(moId);
    const lines = await this.page.locator(`#${await this.detailId(moId)}`).getByTestId('manual-additive').all();
    return Promise.all(
      lines.map(async (line) => ({
        name: ((await line.locator('label').textContent()) ?? '').trim(),
        checked: await line.getByRole('checkbox').isChecked(),
        state: ((await line.getByTestId('manual-additive-state').textContent()) ?? '').trim(),
      })),
    );
  }

  /** Ticks (or unticks) an additive on the batch's checklist; waits until the engine's answer shows. */
  async tickManualAdditive(moId: string, name: string, checked = true): Promise<void> {
    await this.openBatch(moId);
    const line = this.page.locator(`#${await this.detailId(moId)}`).getByTestId('manual-additive').filter({ hasText: name });
    await line.getByRole('checkbox').setChecked(checked);
    await line.locator('[aria-busy="false"]').waitFor({ timeout: WAIT_MS });
  }

  /** "3 of 10 done", or "No wave in the PLC". */
  async waveProgress(): Promise<string> {
    return (await this.byTestId('wave-progress').textContent())?.trim() ?? '';
  }

  /** "PLC read 5 s ago (08:00:05)"; `stale` when marked out of date. */
  async plcAge(): Promise<{ text: string; stale: boolean }> {
    await this.openTab('queue');
    const line = this.byTestId('plc-age');
    return { text: (await line.textContent())?.trim() ?? '', stale: (await line.getAttribute('data-stale')) === 'true' };
  }

  /** Takes a batch out of the queue by hand, archived as cancelled with `reason`; waits until it left the queue. */
  /** MOs whose opened row offers "Archive…" (only batches the PLC is done with). */
  async archiveButtons(): Promise<string[]> {
    const offered: string[] = [];
    for (const { mo } of await this.queueRows()) {
      await this.openBatch(mo);
      if ((await this.page.locator(`#${await this.detailId(mo)}`).getByRole('button', { name: /^Archive/ }).count()) > 0) offered.push(mo);
    }
    return offered;
  }

  /** Opens a batch's row and returns its detail (per-silo lines, additives, Archive…). */
  async batchPanel(moId: string): Promise<Locator> {
    await this.openBatch(moId);
    return this.page.locator(`#${await this.detailId(moId)}`);
  }

  async waitForArchiveButton(moId: string): Promise<void> {
    await this.openBatch(moId);
    await this.page.locator(`#${await this.detailId(moId)}`).getByRole('button', { name: /^Archive/ }).waitFor({ timeout: WAIT_MS });
  }

  async archiveBatch(moId: string, reason: string): Promise<void> {
    const row = await this.submitArchive(moId, reason);
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });
  }

  /** Tries to archive a batch the engine will refuse; returns what the console says (the batch stays in the queue). */
  async archiveBatchRefused(moId: string, reason: string): Promise<string> {
    await this.submitArchive(moId, reason);
    const alert = this.page.locator(`#${await this.detailId(moId)}`).getByRole('alert');
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
  async lastSync(): Promise<SyncDecision> {
    await this.byTestId('sync-meta').waitFor({ timeout: WAIT_MS });
    return {
      outcome: await this.lastOutcome(),
      meta: (await this.byTestId('sync-meta').textContent())?.trim() ?? '',
      reason: await this.textIfShown('sync-reason'),
      old: (await this.byTestId('sync-old').count()) > 0,
    };
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

  /** The button refuses presses while a sync runs (aria-disabled: it stays focusable, so focus is kept). */
  async isSyncEnabled(): Promise<boolean> {
    return (await this.syncButton().getAttribute('aria-disabled')) !== 'true';
  }

  /** Waits until the button refuses presses (a sync is running) or takes them again. */
  async waitForSyncButton(state: 'enabled' | 'disabled'): Promise<void> {
    await this.page.locator(`[data-testid="sync-now"][aria-disabled="${state === 'disabled'}"]`).waitFor({ timeout: WAIT_MS });
  }

  /** Whether keyboard focus is on Sync now. */
  async syncButtonFocused(): Promise<boolean> {
    return (await this.page.locator('[data-testid="sync-now"]:focus').count()) === 1;
  }

  // --- pause new waves ---------------------------------------------------

  /** Pauses new waves with a reason; waits for the strip that says so. Returns the strip's text. */
  async pauseNewWaves(reason: string): Promise<string> {
    await this.byTestId('new-waves-pause').click();
    await this.byTestId('new-waves-pause-reason').fill(reason);
    await this.byTestId('new-waves-pause-confirm').click();
    await this.byTestId('new-waves-paused').waitFor({ timeout: WAIT_MS });
    return (await this.byTestId('new-waves-paused').textContent())?.trim() ?? '';
  }

  /** Resumes new waves with a reason; waits until the strip is gone. */
  async resumeNewWaves(reason: string): Promise<void> {
    await this.byTestId('new-waves-resume').click();
    await this.byTestId('new-waves-resume-reason').fill(reason);
    await this.byTestId('new-waves-resume-confirm').click();
    await this.byTestId('new-waves-paused').waitFor({ state: 'detached', timeout: WAIT_MS });
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

  /** The engine's timers (Engineer view): all running, or all stopped. */
  async schedulerState(): Promise<'paused' | 'running'> {
    await this.openTab('engineer');
    const state = await this.byTestId('scheduler-state').getAttribute('data-state');
    if (state !== 'paused' && state !== 'running') throw new Error(`scheduler shows '${state}'`);
    return state;
  }

  /** Presses "Run" for one task (by its id) in the Engineer view; returns what the console says the run did. */
  async runTaskNow(task: string): Promise<string> {
    await this.openTab('engineer');
    const button = this.byTestId('scheduler-task').and(this.page.locator(`[data-task="${task}"]`)).getByRole('button');
    await button.click();
    const outcome = this.page.locator(`[data-testid="task-run-outcome"][data-task="${task}"]`);
    await outcome.waitFor({ timeout: WAIT_MS });
    await button.and(this.page.locator(':enabled')).waitFor({ timeout: WAIT_MS });
    return (await outcome.textContent())?.trim() ?? '';
  }

  /** Every task's "Run" button, in the scheduler's order (a monitoring station may not run the PLC's tasks). */
  async taskRunButtons(): Promise<TaskRunButton[]> {
    await this.openTab('engineer');
    const rows = await this.byTestId('scheduler-task').all();
    return Promise.all(
      rows.map(async (row) => {
        const button = row.getByRole('button');
        return { task: (await row.getAttribute('data-task')) ?? '', enabled: await button.isEnabled(), hint: await button.getAttribute('title') };
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
    await this.openTab('engineer');
    return this.rows('outbox-row', ([mo = '', kind = '', attempts = '', lastError = '']) => ({ mo, kind, attempts: Number(attempts), lastError }));
  }

  /** Presses "Export quarantined calls" and returns the downloaded file's name and parsed content. */
  async exportQuarantinedPushes(): Promise<{ fileName: string; content: unknown }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: WAIT_MS }), this.byTestId('outbox-export').click()]);
    const path = await download.path();
    return { fileName: download.suggestedFilename(), content: JSON.parse(await readFile(path, 'utf8')) as unknown };
  }

  async waitForQuarantinedPush(moId: string): Promise<void> {
    await this.openTab('engineer');
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
    await this.openTab('engineer');
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
    await this.openTab('engineer');
    return (await this.byTestId('authority-kind').textContent())?.trim() ?? '';
  }

  /** The mirror's lag in the database row ("mirror up to date"), or '' when there is no mirror (standalone). */
  async mirrorLag(): Promise<string> {
    await this.openTab('engineer');
    return this.textIfShown('mirror-lag');
  }

  /** Waits until the database row reads `expected` about the mirror (pushed live). */
  async waitForMirrorLag(expected: string): Promise<void> {
    await this.openTab('engineer');
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

  /** The engine's sentence about a wave held for an operator (on every view), or [] when none is held. */
  async heldWave(): Promise<string[]> {
    return this.byTestId('held-wave-text').allTextContents();
  }

  async waitForHeldWave(text: RegExp): Promise<void> {
    await this.byTestId('held-wave-text').filter({ hasText: text }).waitFor({ timeout: WAIT_MS });
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
    return (await banner.getByTestId('engine-connection-text').textContent())?.trim() ?? '';
  }

  /** While the engine link is down: "Showing the last known state, at 08:00:05." */
  async lastKnown(): Promise<string> {
    return this.textIfShown('last-known');
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
    await this.openBatch(moId);
    const detail = this.page.locator(`#${await this.detailId(moId)}`);
    await detail.getByTestId('queue-archive').click();
    await detail.getByTestId('queue-archive-reason').fill(reason);
    await detail.getByTestId('queue-archive-confirm').click();
    return this.byTestId('queue-row').filter({ hasText: moId });
  }

  private async detailId(moId: string): Promise<string> {
    const toggle = this.byTestId('queue-row').filter({ hasText: moId }).getByTestId('queue-detail-toggle');
    return (await toggle.getAttribute('aria-controls')) ?? '';
  }

  private async openBatch(moId: string): Promise<void> {
    await this.openTab('queue');
    const toggle = this.byTestId('queue-row').filter({ hasText: moId }).getByTestId('queue-detail-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await this.page.locator(`#${await this.detailId(moId)}`).waitFor({ timeout: WAIT_MS });
  }

  private async textIfShown(testId: string): Promise<string> {
    const element = this.byTestId(testId);
    return (await element.count()) === 0 ? '' : ((await element.textContent())?.trim() ?? '');
  }

  private async setScheduler(target: 'paused' | 'running'): Promise<void> {
    if ((await this.schedulerState()) === target) return;
    await this.byTestId('scheduler-toggle').click();
    await this.page.locator(`[data-testid="scheduler-state"][data-state="${target}"]`).waitFor({ timeout: WAIT_MS });
  }

  private async rows<T>(testId: string, toRow: (cells: string[]) => T): Promise<T[]> {
    // One read of the whole table inside the page: cells read one round trip at a time could mix two renders
    // (a "finished" status beside the "49 %" of the snapshot before). A cell's data-value is the code behind
    // the operator's word ("mo-sync" behind "Fetch new MOs"): tests speak in codes.
    const table = await this.byTestId(testId).evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => (td.getAttribute('data-value') ?? td.textContent ?? '').trim())),
    );
    return table.map(toRow);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
