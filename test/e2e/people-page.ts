/**
 * The console's people controls as a person at the station uses them (issue 11): sign in and out,
 * the first-run engineer, controls a role may not use, the e-signature, the users list. Reads the
 * screen through roles and data-testids; every wait is event-driven with a generous bound.
 */
import type { Locator, Page } from 'playwright-core';
import type { ConsolePage } from './console-page';

const WAIT_MS = 30_000;

export interface Signature {
  pin: string;
  comment: string;
}

export class PeoplePage {
  readonly page: Page;

  constructor(readonly console: ConsolePage) {
    this.page = console.page;
  }

  /** "Sari · Supervisor", or "" when nobody is signed in. */
  async signedIn(): Promise<string> {
    const user = this.page.getByTestId('session-user');
    return (await user.count()) === 0 ? '' : ((await user.textContent()) ?? '').replace('●', '').trim();
  }

  /** open (no user yet: the first-run banner), signed-in or signed-out, once the engine said. */
  async sessionState(): Promise<string> {
    const state = this.page.getByTestId('session-state');
    const open = this.page.getByTestId('first-run');
    await state.or(open).waitFor({ timeout: WAIT_MS });
    return (await open.count()) > 0 ? 'open' : ((await state.getAttribute('data-state')) ?? '');
  }

  async waitForSessionState(expected: 'signed-in' | 'signed-out'): Promise<void> {
    await this.page.locator(`[data-testid="session-state"][data-state="${expected}"]`).waitFor({ timeout: WAIT_MS });
  }

  /** Signs in and waits until the header names the person. */
  async signIn(user: string, pin: string): Promise<void> {
    await this.submitSignIn(user, pin);
    await this.waitForSessionState('signed-in');
  }

  /** Tries to sign in with something wrong; returns the refusal shown in the form. */
  async signInRefused(user: string, pin: string): Promise<string> {
    await this.submitSignIn(user, pin);
    return this.textOf(this.page.getByTestId('sign-in-error'));
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await this.waitForSessionState('signed-out');
  }

  /** The banner inviting to create the first engineer, "" when not shown. */
  async firstRunBanner(): Promise<string> {
    const banner = this.page.getByTestId('first-run');
    return (await banner.count()) === 0 ? '' : ((await banner.locator('h2').textContent()) ?? '').trim();
  }

  async createFirstEngineer(user: string, pin: string): Promise<void> {
    if ((await this.page.getByTestId('first-run-form').count()) === 0) await this.page.getByTestId('first-run-open').click();
    await this.page.getByTestId('first-run-user').fill(user);
    await this.page.getByTestId('first-run-pin').fill(pin);
    await this.page.getByTestId('first-run-pin-again').fill(pin);
    await this.page.getByTestId('first-run-confirm').click();
    await this.waitForSessionState('signed-in');
  }

  /** The sentence after a sign-out this screen did on its own (inactivity, or the engine ended the session). */
  async signedOutNotice(): Promise<string> {
    return this.textOf(this.page.getByTestId('signed-out-notice').locator('p').first());
  }

  /** Whether a control is shown as not allowed for the person here (lock, role, aria-disabled). */
  async isLocked(control: Locator): Promise<boolean> {
    return (await control.getAttribute('data-locked')) === 'true' && (await control.getAttribute('aria-disabled')) === 'true';
  }

  /** Presses a control shown as not allowed; returns why, as the screen says it beside the control. */
  async pressLocked(control: Locator): Promise<string> {
    // Playwright takes aria-disabled for "not enabled" and would wait; a person's click lands all the same.
    await control.click({ force: true });
    return this.textOf(control.locator('xpath=..').getByTestId('locked-why').filter({ hasText: /\S/ }));
  }

  /** Opens Archive… of a batch and confirms the reason: the e-signature dialog opens when users exist. */
  async startArchive(moId: string, reason: string): Promise<Locator> {
    const detail = await this.console.batchPanel(moId);
    await detail.getByTestId('queue-archive').click();
    await detail.getByTestId('queue-archive-reason').fill(reason);
    await detail.getByTestId('queue-archive-confirm').click();
    return detail;
  }

  signatureDialog(testId: string): Locator {
    return this.page.getByTestId(`${testId}-signature`);
  }

  /** The meaning the dialog asks the signer to confirm. */
  async signatureMeaning(testId: string): Promise<string> {
    return this.textOf(this.page.getByTestId(`${testId}-signature-meaning`));
  }

  /** Signs in the open dialog; waits until it closes (done) or shows the engine's refusal, which it returns. */
  async sign(testId: string, signature: Signature): Promise<string | null> {
    await this.page.getByTestId(`${testId}-signature-pin`).fill(signature.pin);
    await this.page.getByTestId(`${testId}-signature-comment`).fill(signature.comment);
    await this.page.getByTestId(`${testId}-signature-confirm`).click();
    const refusal = this.page.getByTestId(`${testId}-signature-error`);
    await this.page.waitForFunction(
      (id) => !document.querySelector(`[data-testid="${id}-signature"]`) || document.querySelector(`[data-testid="${id}-signature-error"]`),
      testId,
      { timeout: WAIT_MS },
    );
    return (await refusal.count()) === 0 ? null : this.textOf(refusal);
  }

  // --- users (Engineer view) ----------------------------------------------

  async users(): Promise<{ name: string; role: string; state: string }[]> {
    await this.console.openTab('engineer');
    await this.page.getByTestId('user-add').waitFor({ timeout: WAIT_MS });
    const rows = await this.page.getByTestId('user-row').all();
    return Promise.all(
      rows.map(async (row) => ({
        name: (await row.getAttribute('data-user')) ?? '',
        role: ((await row.getByTestId('user-role').textContent()) ?? '').trim(),
        state: ((await row.getByTestId('user-state').textContent()) ?? '').trim(),
      })),
    );
  }

  /** Adds a user in the Engineer view; waits until the list shows them. */
  async addUser(user: { name: string; role: 'operator' | 'supervisor' | 'engineer'; pin: string; reason: string }): Promise<void> {
    await this.console.openTab('engineer');
    await this.page.getByTestId('user-add').click();
    await this.page.getByTestId('user-name').fill(user.name);
    await this.page.getByTestId('user-role-choice').selectOption(user.role);
    await this.page.getByTestId('user-pin').fill(user.pin);
    await this.page.getByTestId('user-reason').fill(user.reason);
    await this.page.getByTestId('user-save').click();
    await this.page.locator(`[data-testid="user-row"][data-user="${user.name}"]`).waitFor({ timeout: WAIT_MS });
  }

  /** Changes a user's role and/or disables them; waits until the list shows the change. */
  async changeUser(name: string, change: { role?: 'operator' | 'supervisor' | 'engineer'; disabled?: boolean; reason: string }): Promise<string> {
    await this.console.openTab('engineer');
    const saved = this.page.getByTestId('user-saved');
    await this.page.locator(`[data-testid="user-row"][data-user="${name}"]`).getByTestId('user-change').click();
    if (change.role) await this.page.getByTestId('user-role-choice').selectOption(change.role);
    if (change.disabled !== undefined) await this.page.getByTestId('user-disabled').setChecked(change.disabled);
    await this.page.getByTestId('user-reason').fill(change.reason);
    await this.page.getByTestId('user-save').click();
    await saved.filter({ hasText: name }).waitFor({ timeout: WAIT_MS });
    return this.textOf(saved);
  }

  private async submitSignIn(user: string, pin: string): Promise<void> {
    if ((await this.page.getByTestId('sign-in-form').count()) === 0) await this.page.getByTestId('sign-in-open').click();
    await this.page.getByTestId('sign-in-user').fill(user);
    await this.page.getByTestId('sign-in-pin').fill(pin);
    await this.page.getByTestId('sign-in-confirm').click();
  }

  private async textOf(locator: Locator): Promise<string> {
    await locator.waitFor({ timeout: WAIT_MS });
    return ((await locator.textContent()) ?? '').trim();
  }
}
