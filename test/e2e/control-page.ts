/**
 * The control screens as an engineer or supervisor uses them — audit trail, settings editor, PLC view,
 * engineer actions — for e2e tests beside ConsolePage (same rules: roles and data-testids, event-driven waits).
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';

const WAIT_MS = 30_000;

export interface AuditLineOnScreen {
  who: string;
  action: string;
  target: string;
  reason: string;
  /** The outcome code behind the shape and word. */
  outcome: string;
  signature: string;
}

export interface SettingOnScreen {
  value: string;
  source: string;
}

export class ControlPage {
  constructor(readonly page: Page) {}

  private byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async openView(view: 'audit' | 'engineer'): Promise<void> {
    const tab = this.byTestId(`tab-${view}`);
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  }

  /** Signs `user` in at this screen (the header's sign-in form); waits until the header names them. */
  async signIn(user: string, pin: string): Promise<void> {
    await this.byTestId('sign-in-open').click();
    await this.byTestId('sign-in-user').fill(user);
    await this.byTestId('sign-in-pin').fill(pin);
    await this.byTestId('sign-in-confirm').click();
    await this.byTestId('session-user').filter({ hasText: user }).waitFor({ timeout: WAIT_MS });
  }

  async signOut(): Promise<void> {
    await this.byTestId('sign-out').click();
    await this.page.locator('[data-testid="session-state"][data-state="signed-out"]').waitFor({ timeout: WAIT_MS });
  }

  /** Why a view is not shown to the person here, e.g. "Needs a supervisor — sign in."; null when it is shown. */
  async lockedView(view: 'audit' | 'settings'): Promise<string | null> {
    await this.openView(view === 'audit' ? 'audit' : 'engineer');
    const locked = this.byTestId(`${view}-locked`);
    const shown = this.byTestId(view === 'audit' ? 'audit' : 'settings-pending').or(this.page.locator('[data-testid="setting"]').first());
    await locked.or(shown).first().waitFor({ timeout: WAIT_MS });
    return (await locked.count()) > 0 ? normalise(await locked.textContent()) : null;
  }

  /** Whether the engineer action's button is marked not allowed for the person here. */
  async engineerActionLocked(action: 'resend' | 'cancel' | 'reset'): Promise<boolean> {
    await this.openView('engineer');
    return (await this.byTestId(`engineer-${action}-open`).getAttribute('data-locked')) === 'true';
  }

  // --- audit trail ----------------------------------------------------------

  /** The entries shown, newest first, once the view has read the engine's answer. */
  async auditLines(): Promise<AuditLineOnScreen[]> {
    await this.openView('audit');
    await this.page.locator('[data-testid="audit"][aria-busy="false"]').waitFor({ timeout: WAIT_MS });
    const rows = await this.byTestId('audit-entry').all();
    return Promise.all(
      rows.map(async (row) => ({
        who: normalise(await row.getByTestId('audit-who').textContent()),
        action: normalise(await row.getByTestId('audit-action').textContent()),
        target: normalise(await row.getByTestId('audit-target').textContent()),
        reason: normalise(await row.getByTestId('audit-reason').textContent()),
        outcome: (await row.getAttribute('data-outcome')) ?? '',
        signature: normalise(await row.getByTestId('audit-signature').textContent()),
      })),
    );
  }

  /** Waits until the trail shows exactly `count` entries (after a filter changed). */
  async waitForAuditCount(count: number): Promise<void> {
    await this.page.waitForFunction(
      (expected) => document.querySelector('[data-testid="audit"][aria-busy="false"]') !== null && document.querySelectorAll('[data-testid="audit-entry"]').length === expected,
      count,
      { timeout: WAIT_MS },
    );
  }

  async filterAudit(filter: { outcome?: string; action?: string; user?: string }): Promise<void> {
    await this.openView('audit');
    if (filter.outcome !== undefined) await this.byTestId('audit-filter-outcome').selectOption({ label: filter.outcome });
    if (filter.action !== undefined) await this.byTestId('audit-filter-action').selectOption({ label: filter.action });
    if (filter.user !== undefined) {
      await this.byTestId('audit-filter-user').fill(filter.user);
      await this.byTestId('audit-filter-user-submit').click();
    }
  }

  /** The details of the `index`-th entry shown (opened first). */
  async auditDetail(index: number): Promise<string> {
    const row = this.byTestId('audit-entry').nth(index);
    await row.locator('summary').click();
    return normalise(await row.getByTestId('audit-detail').textContent());
  }

  async exportAudit(): Promise<{ fileName: string; text: string; status: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: WAIT_MS }), this.byTestId('audit-export').click()]);
    const status = this.byTestId('audit-export-status').filter({ hasText: download.suggestedFilename() });
    await status.waitFor({ timeout: WAIT_MS });
    return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8'), status: normalise(await status.textContent()) };
  }

  // --- settings ---------------------------------------------------------------

  async setting(key: string): Promise<SettingOnScreen & { overridden: boolean }> {
    const row = await this.settingRow(key);
    return {
      value: normalise(await row.getByTestId('setting-value').textContent()),
      source: normalise(await row.getByTestId('setting-source').textContent()),
      overridden: (await row.locator('.setting-overridden').count()) > 0,
    };
  }

  /** Opens the setting's field (once) and types its new value; a boolean is chosen from its list. */
  async changeSetting(key: string, value: string): Promise<void> {
    await this.settingRow(key);
    const input = this.byTestId(`setting-input-${key}`);
    if ((await input.count()) === 0) await this.byTestId(`setting-edit-${key}`).click();
    if ((await input.evaluate((element) => element.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }

  /** Save changes… with a reason; waits until the console says saved (failing with the refusal shown, if any). */
  async saveSettings(reason: string): Promise<void> {
    await this.confirmSettings(reason);
    await this.byTestId('settings-saved').waitFor({ timeout: WAIT_MS }).catch(async (error: unknown) => {
      throw new Error(`the settings were not saved; the editor says: ${normalise(await this.byTestId('settings').textContent())}`, { cause: error });
    });
  }

  /** Save changes… with a reason the engine refuses; returns its refusal as the editor shows it. */
  async saveSettingsRefused(reason: string): Promise<string> {
    await this.confirmSettings(reason);
    const refusal = this.byTestId('settings').getByRole('alert');
    await refusal.waitFor({ timeout: WAIT_MS });
    return normalise(await refusal.textContent());
  }

  private async confirmSettings(reason: string): Promise<void> {
    const open = this.byTestId('settings-save');
    if ((await open.count()) > 0) await open.click();
    await this.byTestId('settings-save-reason').fill(reason);
    await this.byTestId('settings-save-confirm').click();
  }

  async restartNote(): Promise<string> {
    return normalise(await this.byTestId('settings-restart').textContent());
  }

  private async settingRow(key: string): Promise<Locator> {
    await this.openView('engineer');
    const row = this.page.locator(`[data-testid="setting"][data-key="${key}"]`);
    await row.waitFor({ timeout: WAIT_MS });
    return row;
  }

  // --- PLC view ---------------------------------------------------------------

  async refreshPlcView(): Promise<string> {
    await this.openView('engineer');
    const before = normalise(await this.byTestId('plc-view-read-at').textContent());
    await this.byTestId('plc-view-refresh').click();
    await this.page.locator('[data-testid="plc-view"][aria-busy="false"]').waitFor({ timeout: WAIT_MS });
    const after = this.byTestId('plc-view-read-at').filter({ hasNotText: before });
    await after.waitFor({ timeout: WAIT_MS });
    return normalise(await after.textContent());
  }

  /** A slot's named fields: label, value as shown, and the D address. */
  async plcSlot(side: 'write' | 'read', slot: number): Promise<{ label: string; value: string; address: string }[]> {
    await this.openView('engineer');
    const slotBox = this.byTestId(`plc-${side}-slot-${slot}`);
    await slotBox.waitFor({ timeout: WAIT_MS });
    if ((await slotBox.getAttribute('open')) === null) await slotBox.locator('summary').click();
    return this.fields(this.byTestId(`plc-${side}-fields-${slot}`));
  }

  async plcHandshake(): Promise<{ label: string; value: string; address: string }[]> {
    await this.openView('engineer');
    return this.fields(this.byTestId('plc-handshake'));
  }

  private async fields(table: Locator): Promise<{ label: string; value: string; address: string }[]> {
    await table.waitFor({ timeout: WAIT_MS });
    const rows = await table.getByTestId('plc-field').all();
    return Promise.all(
      rows.map(async (row) => ({
        label: normalise(await row.locator('.plc-label').textContent()),
        value: normalise(await row.locator('.plc-value').textContent()),
        address: normalise(await row.locator('.plc-address').textContent()),
      })),
    );
  }

  // --- engineer actions -------------------------------------------------------

  async chooseBatch(moId: string): Promise<void> {
    await this.openView('engineer');
    await this.byTestId('engineer-mo').selectOption(moId);
  }

  /** Opens an engineer action (its choice and reason form), without going on. */
  async openEngineerAction(action: 'resend' | 'cancel' | 'reset'): Promise<void> {
    await this.openView('engineer');
    await this.byTestId(`engineer-${action}-open`).click();
  }

  /**
   * Opens an engineer action (unless open already), gives the reason, and signs; returns the meaning the dialog showed and
   * either the console's "done" sentence or the engine's refusal as the dialog shows it.
   */
  async signEngineerAction(
    action: 'resend' | 'cancel' | 'reset',
    sign: { reason: string; pin: string; comment: string; tellOdoo?: boolean },
  ): Promise<{ meaning: string; done: string | null; refusal: string | null }> {
    const testId = `engineer-${action}`;
    await this.openView('engineer');
    // Opened by the test already, or back from a refused signature: the form is still open.
    const open = this.byTestId(`${testId}-open`);
    if ((await open.count()) > 0) await open.click();
    if (sign.tellOdoo !== undefined) await this.byTestId(`engineer-cancel-${sign.tellOdoo ? 'tell' : 'keep'}`).check();
    await this.byTestId(`${testId}-reason`).fill(sign.reason);
    await this.byTestId(`${testId}-confirm`).click();
    const dialog = this.byTestId(`${testId}-signature`);
    await dialog.waitFor({ timeout: WAIT_MS });
    const meaning = normalise(await this.byTestId(`${testId}-signature-meaning`).textContent());
    await this.byTestId(`${testId}-signature-pin`).fill(sign.pin);
    await this.byTestId(`${testId}-signature-comment`).fill(sign.comment);
    await this.byTestId(`${testId}-signature-confirm`).click();
    const done = this.byTestId(`${testId}-done`).filter({ hasText: /\S/ });
    const refusal = this.byTestId(`${testId}-signature-error`);
    await done.or(refusal).first().waitFor({ timeout: WAIT_MS });
    if ((await done.count()) > 0) return { meaning, done: normalise(await done.textContent()), refusal: null };
    return { meaning, done: null, refusal: normalise(await refusal.textContent()) };
  }

  /** Backs out of an open signature dialog, to the reason form. */
  async leaveSignature(action: 'resend' | 'cancel' | 'reset'): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.byTestId(`engineer-${action}-signature`).waitFor({ state: 'detached', timeout: WAIT_MS });
  }
}

function normalise(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
