/**
 * People at the console (issue 11), real console against the fake engine, which runs the engine's
 * own access guard: the first engineer of a new station, signing in, what each role may press and
 * what it is told when it may not, the e-signature, signing out by inactivity or by the engine.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { fakeConsoleSession } from './fake-console-session';
import { PeoplePage } from './people-page';
import { PLANT_SCREENS } from './plant-screens';

const session = fakeConsoleSession();
const people = () => new PeoplePage(session.console);

/** The station's people as the engine knows them before the test signs anyone in. */
async function staff(): Promise<void> {
  await session.fake.addUser('Budi', 'operator', '1111');
  await session.fake.addUser('Sari', 'supervisor', '2222');
  await session.fake.addUser('Eko', 'engineer', '3333');
  // The console asked who is here when it opened (nobody existed yet): a reload is a new station screen.
  await session.console.open(session.host.url);
}

async function seriousAxeViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page: session.browser.page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The plant screens on which the queue view needs scrolling down. */
async function scrollsDownOn(screens: readonly (readonly [number, number])[]): Promise<string[]> {
  const page = session.browser.page;
  const scrolling: string[] = [];
  await session.console.openTab('queue');
  try {
    for (const [width, height] of screens) {
      await page.setViewportSize({ width, height });
      if (await page.evaluate(() => document.documentElement.scrollHeight > document.documentElement.clientHeight)) scrolling.push(`${width}×${height}`);
    }
  } finally {
    await page.setViewportSize({ width: 1400, height: 1000 });
  }
  return scrolling;
}

describe('people at the console', () => {
  it('runs open until the first engineer is created, who is signed in and adds the others', async () => {
    const at = people();
    expect(await at.sessionState()).toBe('open');
    expect(await at.firstRunBanner()).toBe('No users yet — create the first engineer.');
    // Open: nothing is locked, Sync now works as before anyone existed.
    expect(await session.console.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    await session.console.openTab('archive');
    expect(await at.firstRunBanner(), 'on every view').not.toBe('');

    await session.browser.page.getByTestId('first-run-open').click();
    expect(await seriousAxeViolations()).toEqual([]);
    await at.createFirstEngineer('Ana', '4321');

    expect(await at.signedIn()).toBe('Ana · Engineer');
    expect(await at.firstRunBanner()).toBe('');
    await at.addUser({ name: 'Budi', role: 'operator', pin: '1111', reason: 'new shift operator' });
    expect(await at.users()).toEqual([
      { name: 'Ana', role: 'Engineer', state: 'Active' },
      { name: 'Budi', role: 'Operator', state: 'Active' },
    ]);
    expect(await at.changeUser('Budi', { role: 'supervisor', reason: 'leads the night shift' })).toBe('Saved Budi: Supervisor, Active.');
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('lets an operator sync but not archive, and says why on the control', async () => {
    await staff();
    const at = people();
    expect(await at.sessionState()).toBe('signed-out');
    expect(await at.signInRefused('Budi', '9999')).toContain('user name or PIN is wrong');

    await at.signIn('Budi', '1111');
    expect(await at.signedIn()).toBe('Budi · Operator');
    expect(await session.console.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    expect(await scrollsDownOn(PLANT_SCREENS), 'the signed-in header still leaves the queue whole').toEqual([]);
    session.fake.failBatch('WH/MO/00011');

    const archive = (await session.console.batchPanel('WH/MO/00011')).getByTestId('queue-archive');
    expect(await at.isLocked(archive)).toBe(true);
    expect(await at.pressLocked(archive)).toBe('Needs a supervisor — you are signed in as operator Budi.');
    expect(session.fake.calls.archiveBatch).toBe(0);
    expect(await seriousAxeViolations()).toEqual([]);

    // Signed out, nobody may act; watching still works.
    await at.signOut();
    expect(await at.isLocked(session.console.syncButton())).toBe(true);
    expect(await at.pressLocked(session.console.syncButton())).toBe('Needs an operator — sign in.');
    expect(await session.console.queueCount()).toBe(10);
  });

  it('archives as a supervisor with an e-signature: the PIN again, the meaning and a comment', async () => {
    await staff();
    const at = people();
    await at.signIn('Sari', '2222');
    await session.console.syncNow();
    session.fake.failBatch('WH/MO/00012');

    await at.startArchive('WH/MO/00012', 'bag split at the tipping station');
    expect(await at.signatureMeaning('queue-archive')).toBe('I confirm WH/MO/00012 is archived as cancelled without booking it in Odoo.');
    expect(await seriousAxeViolations()).toEqual([]);
    expect(await at.sign('queue-archive', { pin: '0000', comment: 'checked with the foreman' })).toContain('the signature PIN is wrong');
    expect(await at.sign('queue-archive', { pin: '2222', comment: 'checked with the foreman' })).toBeNull();
    await session.console.waitForQueueCount(9);

    const trail = await session.fake.backend.handlers.listAudit({ pageSize: 10, action: 'archiveBatch' });
    expect(trail.items.map((line) => [line.user, line.outcome, line.signature?.comment ?? null])).toEqual([
      ['Sari', 'done', 'checked with the foreman'],
      ['Sari', 'refused', null],
    ]);
    expect(trail.items[0]?.signature?.meaning).toBe('I confirm WH/MO/00012 is archived as cancelled without booking it in Odoo.');
  });

  it('signs out after the idle minutes without activity on this screen, and says so', async () => {
    await staff();
    const at = people();
    const clock = session.browser.page.clock;
    await clock.install();
    await session.console.open(session.host.url);
    await at.signIn('Budi', '1111');

    await clock.fastForward('14:00');
    expect(await at.signedIn(), 'still within the 15 minutes').toBe('Budi · Operator');
    await session.console.syncButton().focus();
    await session.browser.page.keyboard.press('Shift');
    await clock.fastForward('14:00');
    expect(await at.signedIn(), 'a key press counts as activity').toBe('Budi · Operator');
    await clock.fastForward('02:00');

    await at.waitForSessionState('signed-out');
    expect(await at.signedOutNotice()).toBe('Signed out after 15 minutes without activity.');
  });

  it('signs out when the engine answers that the session ran out, with the engine’s reason', async () => {
    await staff();
    const at = people();
    await at.signIn('Budi', '1111');
    session.fake.idle(16);

    expect(await session.console.syncNow()).toContain('Budi was signed out after 15 minutes without activity');
    await at.waitForSessionState('signed-out');
    expect(await at.signedOutNotice()).toContain('the engine no longer knows this session');
    expect(session.fake.calls.syncNow).toBe(0);
  });
});
