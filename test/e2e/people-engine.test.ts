/**
 * Issue 11's "Must show", on the real engine: a new station with both simulators, the engine on real
 * SQLite in a fresh DATA_DIR, the headless host and the built console in Chromium. The steps follow
 * each other as a morning at the plant does (one engine, one screen, the people created in step 1):
 * the first engineer and his staff, what each role may and may not do, an e-signature, a settings
 * change, the audit trail exported as CSV. Each step reads the trail through the console and checks
 * it against the engine's own listAudit.
 *
 * The console shows a control a role may not use as locked and never sends it; the engine refuses
 * such an attempt all the same (and records it) when a client skips the lock — `clientWithoutLocks`
 * is that client, over the same WebSocket bridge the console uses.
 *
 * The simulated PLC doses on a clock the test holds (a batch takes 30 s of it; slot 1 fails halfway),
 * so a batch stays failed or dosing exactly as long as the steps need it to.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEngine, type StartedEngine } from '../../electron/engine/start-engine';
import { startHeadlessHost, type HeadlessHost } from '../../electron/host/http-host';
import { createWsLink, type OpenSocket, type WsLink } from '../../renderer/api/ws-link';
import { BRIDGE_PATH } from '../../shared/bridge-protocol';
import type { ConsoleApi, RequestInput } from '../../shared/contract';
import type { AuditEntry } from '../../shared/domain';
import { seriousAccessibilityViolations } from '../support/axe';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { csvRecords } from '../support/csv-records';
import { ManualClock } from '../support/manual-clock';
import { TestPlant } from '../support/test-plant';
import { ConsolePage, type QueueRow } from './console-page';
import { ControlPage } from './control-page';
import { PeoplePage } from './people-page';
import { buildRendererForTest, type BuiltRenderer } from './renderer-build';

/** One batch's dosing time on the plant's clock; a failing slot stops at half of it. */
const BATCH_MS = 30_000;
const STAFF = {
  engineer: { name: 'Agus', pin: '4806' },
  supervisor: { name: 'Sari', pin: '5813' },
  operator: { name: 'Budi', pin: '3579' },
} as const;
const WRONG_PIN = '9047';
const STATION = 'test-station';
const ARCHIVE_MEANING = (mo: string) => `I confirm ${mo} is archived as cancelled without booking it in Odoo.`;

const plantClock = new ManualClock(Date.now());
let renderer: BuiltRenderer;
let browser: TestBrowser;
let plant: TestPlant;
let engine: StartedEngine;
let host: HeadlessHost;
let console_: ConsolePage;
let people: PeoplePage;
let control: ControlPage;
const links: WsLink[] = [];
/** The wave Budi fetches in step 2; slot 1 fails in the PLC. */
let wave: string[] = [];

beforeAll(async () => {
  [renderer, browser, plant] = await Promise.all([
    buildRendererForTest(),
    launchBrowser(),
    TestPlant.start({ moCount: 20, batchSeconds: BATCH_MS / 1000, clock: plantClock, failSlots: [1] }),
  ]);
  engine = await startEngine({ schedule: true, env: stationEnv() });
  host = await startHeadlessHost({ backend: engine.backend, rendererDir: renderer.dir });
  console_ = new ConsolePage(browser.page);
  people = new PeoplePage(console_);
  control = new ControlPage(browser.page);
  await console_.open(host.url);
});

afterAll(async () => {
  for (const link of links) link.close();
  await host?.stop();
  await engine?.stop();
  await plant?.stop();
  await browser?.close();
  await renderer?.remove();
});

/** The plant's environment: waves come from Sync now, nothing is booked unasked, the PLC is read often. */
function stationEnv(extra: Record<string, string> = {}): Record<string, string> {
  return plant.env({
    ENABLE_AUTO_SYNC: 'true',
    ENABLE_TASK_1_AUTO_SYNC: 'false',
    PLC_READ_INTERVAL_MINUTES: String(0.3 / 60),
    PROCESS_COMPLETED_INTERVAL_MINUTES: '60',
    ...extra,
  });
}

describe('people and control on the real engine', () => {
  it('a new station runs open and invites to create the first engineer; Agus is created, signed in, and adds a supervisor and an operator', async () => {
    expect(await people.sessionState()).toBe('open');
    expect(await people.firstRunBanner()).toBe('No users yet — create the first engineer.');

    await browser.page.getByTestId('first-run-open').click();
    expect(await seriousAccessibilityViolations(browser.page), 'first-run form').toEqual([]);
    await people.createFirstEngineer(STAFF.engineer.name, STAFF.engineer.pin);

    expect(await people.signedIn()).toBe('Agus · Engineer');
    expect(await people.firstRunBanner()).toBe('');
    await people.addUser({ name: STAFF.supervisor.name, role: 'supervisor', pin: STAFF.supervisor.pin, reason: 'leads the morning shift' });
    await people.addUser({ name: STAFF.operator.name, role: 'operator', pin: STAFF.operator.pin, reason: 'new operator on the morning shift' });
    expect(await people.users()).toEqual([
      { name: 'Agus', role: 'Engineer', state: 'Active' },
      { name: 'Budi', role: 'Operator', state: 'Active' },
      { name: 'Sari', role: 'Supervisor', state: 'Active' },
    ]);
    expect(await seriousAccessibilityViolations(browser.page), 'Users').toEqual([]);

    expect(await trail()).toEqual([
      { user: 'Agus', role: 'engineer', action: 'saveUser', target: 'Budi', reason: 'new operator on the morning shift', outcome: 'done' },
      { user: 'Agus', role: 'engineer', action: 'saveUser', target: 'Sari', reason: 'leads the morning shift', outcome: 'done' },
      { user: 'Agus', role: 'engineer', action: 'createFirstEngineer', target: 'Agus', reason: null, outcome: 'done' },
    ]);
  });

  it('an operator signs in (a wrong PIN first), may Sync now, may not archive: the console says why and the engine refuses and records a client that skips the lock', async () => {
    await people.signOut();
    await browser.page.getByTestId('sign-in-open').click();
    expect(await seriousAccessibilityViolations(browser.page), 'sign-in form').toEqual([]);
    expect(await people.signInRefused(STAFF.operator.name, WRONG_PIN)).toContain('user name or PIN is wrong');
    await people.signIn(STAFF.operator.name, STAFF.operator.pin);
    expect(await people.signedIn()).toBe('Budi · Operator');

    expect(await console_.syncNow()).toBe('Fetched 10 MOs (WH/MO/00011 …)');
    await console_.waitForQueueCount(10);
    wave = (await plant.writeAreaMoIds()).slice(0, 10);
    const failed = wave[0] as string;
    // Slot 1 fails halfway; slot 2 starts at once and is half-dosed when the clock stops.
    await plantClock.advance(BATCH_MS);
    await waitForStatuses(['failed', 'dosing', ...Array<string>(8).fill('waiting')]);

    const archive = (await console_.batchPanel(failed)).getByTestId('queue-archive');
    expect(await people.isLocked(archive)).toBe(true);
    expect(await people.pressLocked(archive)).toBe('Needs a supervisor — you are signed in as operator Budi.');
    // The press itself is a refused attempt: the console sends no archive, it tells the engine, which records it.
    await expect.poll(async () => (await audit({ user: 'Budi', action: 'archiveBatch' })).map((line) => line.detail)).toEqual([
      'pressed while locked: Archiving a batch needs a supervisor (signed in as operator Budi)',
    ]);

    const skipsTheLock = await clientWithoutLocks(STAFF.operator);
    await expect(skipsTheLock.archiveBatch({ moId: failed, reason: 'stuck, take it out' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Archiving a batch needs a supervisor: you are signed in as operator Budi',
    });
    expect(await console_.queueCount()).toBe(10);

    expect(await trail({ user: 'Budi' })).toEqual([
      { user: 'Budi', role: 'operator', action: 'archiveBatch', target: failed, reason: 'stuck, take it out', outcome: 'refused' },
      { user: 'Budi', role: 'operator', action: 'signIn', target: 'Budi', reason: null, outcome: 'done' },
      { user: 'Budi', role: 'operator', action: 'archiveBatch', target: failed, reason: null, outcome: 'refused' },
      { user: 'Budi', role: 'operator', action: 'syncNow', target: null, reason: null, outcome: 'done' },
      { user: 'Budi', role: 'operator', action: 'signIn', target: 'Budi', reason: null, outcome: 'done' },
      { user: 'Budi', role: null, action: 'signIn', target: 'Budi', reason: null, outcome: 'refused' },
    ]);
    const [refusal] = await audit({ user: 'Budi', action: 'archiveBatch' });
    expect(refusal).toMatchObject({ station: STATION, source: 'console', detail: 'Archiving a batch needs a supervisor: you are signed in as operator Budi' });
  });

  it('a supervisor may not open the settings, and archives the failed batch with an e-signature: a wrong PIN is refused, the trail holds the meaning and the comment, never the PIN', async () => {
    await people.signOut();
    await people.signIn(STAFF.supervisor.name, STAFF.supervisor.pin);
    expect(await people.signedIn()).toBe('Sari · Supervisor');

    expect(await control.lockedView('settings')).toBe('Needs an engineer — you are signed in as supervisor Sari.');
    const skipsTheLock = await clientWithoutLocks(STAFF.supervisor);
    await expect(skipsTheLock.saveSettings({ changes: { SYNC_BATCH_LIMIT: '5' }, reason: 'fewer batches today' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Changing the settings needs an engineer: you are signed in as supervisor Sari',
    });

    const failed = wave[0] as string;
    await console_.openTab('queue');
    await people.startArchive(failed, 'bag split at the tipping station, batch dumped');
    expect(await people.signatureMeaning('queue-archive')).toBe(ARCHIVE_MEANING(failed));
    expect(await seriousAccessibilityViolations(browser.page), 'signature dialog').toEqual([]);
    expect(await people.sign('queue-archive', { pin: WRONG_PIN, comment: 'checked with the foreman' })).toContain('the signature PIN is wrong');
    expect(await people.sign('queue-archive', { pin: STAFF.supervisor.pin, comment: 'checked with the foreman' })).toBeNull();
    await console_.waitForQueueCount(9);
    expect((await console_.searchArchive(failed)).map((row) => [row.mo, row.status])).toEqual([[failed, 'cancelled']]);

    // Read as the supervisor reads it: the Audit tab.
    const lines = await control.auditLines();
    expect(lines.slice(0, 3)).toEqual([
      {
        who: 'Sari (supervisor)',
        action: 'Archive a batch',
        target: failed,
        reason: 'bag split at the tipping station, batch dumped',
        outcome: 'done',
        signature: `Signed: ${ARCHIVE_MEANING(failed)} Comment: checked with the foreman`,
      },
      { who: 'Sari (supervisor)', action: 'Archive a batch', target: failed, reason: 'bag split at the tipping station, batch dumped', outcome: 'refused', signature: '' },
      { who: 'Sari (supervisor)', action: 'Change settings', target: 'SYNC_BATCH_LIMIT', reason: 'fewer batches today', outcome: 'refused', signature: '' },
    ]);
    expect(lines).toContainEqual({ who: 'Budi (operator)', action: 'Archive a batch', target: failed, reason: 'stuck, take it out', outcome: 'refused', signature: '' });
    expect(await seriousAccessibilityViolations(browser.page), 'Audit').toEqual([]);

    const [done, wrongPin] = await audit({ user: 'Sari', action: 'archiveBatch' });
    expect(done).toMatchObject({ outcome: 'done', signature: { meaning: ARCHIVE_MEANING(failed), comment: 'checked with the foreman' } });
    expect(Object.keys(done?.signature ?? {}).sort()).toEqual(['comment', 'meaning']);
    expect(wrongPin).toMatchObject({ outcome: 'refused', signature: null });
    expect(wrongPin?.detail).toContain('the signature PIN is wrong');
    const everything = JSON.stringify(await audit());
    for (const pin of [WRONG_PIN, ...Object.values(STAFF).map((person) => person.pin)]) expect(everything, 'no PIN in the trail').not.toContain(pin);
  });

  it('an engineer changes a setting: a bad value is refused with the start-up message, a good one is saved to DATA_DIR/config.json and audited before → after', async () => {
    await people.signOut();
    await people.signIn(STAFF.engineer.name, STAFF.engineer.pin);

    expect(await control.setting('SYNC_BATCH_LIMIT')).toMatchObject({ value: '10', source: 'default' });
    await control.changeSetting('SYNC_BATCH_LIMIT', '12');
    const refusal = await control.saveSettingsRefused('fewer batches per wave while silo C is repaired');
    expect(refusal).toBe('SYNC_BATCH_LIMIT=12: must be between 1 and 10 (the PLC has 10 slots)');
    expect(await startUpRefusal({ SYNC_BATCH_LIMIT: 12 }), 'an engine starting with that config.json stops with the same words').toContain(refusal);
    expect(existsSync(join(plant.dataDir, 'config.json')), 'nothing written').toBe(false);

    await control.changeSetting('SYNC_BATCH_LIMIT', '8');
    await control.saveSettings('fewer batches per wave while silo C is repaired');
    expect(await control.setting('SYNC_BATCH_LIMIT')).toEqual({ value: '8', source: 'config.json', overridden: false });
    expect(await control.restartNote()).toBe('▲ Saved changes apply at the next start of the engine.');
    expect(JSON.parse(await readFile(join(plant.dataDir, 'config.json'), 'utf8'))).toEqual({ SYNC_BATCH_LIMIT: 8 });
    expect(await seriousAccessibilityViolations(browser.page), 'Settings').toEqual([]);

    const [saved, refused] = await control.auditLines();
    expect(saved).toMatchObject({ who: 'Agus (engineer)', action: 'Change settings', target: 'SYNC_BATCH_LIMIT', reason: 'fewer batches per wave while silo C is repaired', outcome: 'done' });
    expect(await control.auditDetail(0)).toBe('SYNC_BATCH_LIMIT: 10 → 8 (applies at the next start)');
    expect(refused).toMatchObject({ who: 'Agus (engineer)', action: 'Change settings', outcome: 'failed' });
    expect(await audit({ action: 'saveSettings', user: 'Agus' })).toMatchObject([
      { outcome: 'done', detail: 'SYNC_BATCH_LIMIT: 10 → 8 (applies at the next start)' },
      { outcome: 'failed', detail: expect.stringContaining(refusal) },
    ]);
  });

  it('an engineer may not reset the start of Task 1 while the PLC doses: refused in the engine words, with his signature, and recorded', async () => {
    const dosing = wave[1] as string;
    const reset = await control.signEngineerAction('reset', { reason: 'start the day afresh', pin: STAFF.engineer.pin, comment: 'after the recipe change' });

    expect(reset.done).toBeNull();
    expect(reset.refusal).toMatch(new RegExp(`refused: the PLC is not idle: its READ area shows a batch being dosed \\(${dosing} in slot 2, .*\\); nothing was changed`));
    await control.leaveSignature('reset');
    expect(await console_.queueCount()).toBe(9);

    const [refused] = await audit({ action: 'resetTask1' });
    expect(refused).toMatchObject({
      user: 'Agus',
      role: 'engineer',
      reason: 'start the day afresh',
      outcome: 'refused',
      signature: { meaning: expect.stringMatching(/\S/), comment: 'after the recipe change' },
    });
    expect(refused?.detail).toContain('the PLC is not idle');
  });

  it('exports the audit trail as CSV holding exactly what the engine recorded', async () => {
    await control.openView('audit');
    const file = await control.exportAudit();

    const recorded = await audit();
    expect(file.fileName).toMatch(/^audit_start_to_\d{4}-\d\d-\d\d_\d{4}\.csv$/);
    expect(file.status).toBe(`Saved ${recorded.length} rows to ${file.fileName}`);
    expect(csvRecords(file.text)).toEqual([
      ['Time', 'User', 'Role', 'Station', 'Source', 'Action', 'Action code', 'Target', 'Reason', 'Outcome', 'Details', 'Signature meaning', 'Signature comment'],
      ...recorded.map(auditCells),
    ]);
    expect(browser.pageErrors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});

/** What an engine says when it refuses to start with this config.json (in a data directory of its own). */
async function startUpRefusal(configJson: Record<string, unknown>): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sms-start-up-'));
  try {
    await writeFile(join(dataDir, 'config.json'), JSON.stringify(configJson));
    const started = await startEngine({ schedule: false, env: stationEnv({ DATA_DIR: dataDir }) });
    await started.stop();
    return 'it started';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The audit trail as the engine holds it, newest first. */
async function audit(filter: Omit<RequestInput<'listAudit'>, 'pageSize'> = {}): Promise<AuditEntry[]> {
  return (await engine.backend.handlers.listAudit({ pageSize: 500, ...filter })).items;
}

/** The trail's who / what / outcome, newest first; every entry of this file comes from this station's console. */
async function trail(filter: Omit<RequestInput<'listAudit'>, 'pageSize'> = {}) {
  const entries = await audit(filter);
  expect(entries.map((entry) => [entry.station, entry.source])).toEqual(entries.map(() => [STATION, 'console']));
  return entries.map(({ user, role, action, target, reason, outcome }) => ({ user, role, action, target, reason, outcome }));
}

const openNodeSocket: OpenSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data) => handlers.onMessage(String(data)));
  socket.on('close', () => handlers.onClose());
  socket.on('error', () => undefined);
  return { send: (text) => socket.send(text), close: () => socket.close() };
};

/** A client of the engine that skips the console's locks (an old console build, a script on the plant network), signed in as `person`. */
async function clientWithoutLocks(person: { name: string; pin: string }): Promise<ConsoleApi> {
  const link = createWsLink({
    url: `ws://127.0.0.1:${host.port}${BRIDGE_PATH}`,
    openSocket: openNodeSocket,
    setTimer: (ms, fn) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
  });
  links.push(link);
  link.setSessionToken((await link.api.signIn({ user: person.name, pin: person.pin })).token);
  return link.api;
}

/** Waits until the queue's rows have these statuses, slot by slot. */
async function waitForStatuses(statuses: readonly string[]): Promise<QueueRow[]> {
  let rows: QueueRow[] = [];
  await expect.poll(async () => (rows = await console_.queueRows()).map((row) => row.status), { timeout: 30_000 }).toEqual(statuses);
  return rows;
}

const ACTION_WORDS: Record<string, string> = {
  createFirstEngineer: 'Create the first engineer',
  saveUser: 'Change a user',
  signIn: 'Sign in',
  signOut: 'Sign out',
  syncNow: 'Sync now',
  archiveBatch: 'Archive a batch',
  saveSettings: 'Change settings',
  resetTask1: 'Reset the start of Task 1',
};
const OUTCOME_WORDS: Record<AuditEntry['outcome'], string> = { done: 'Done', refused: 'Refused', failed: 'Failed' };

/** The browser runs in UTC (test/support/browser.ts): the CSV's local time is the UTC time. */
function auditCells(entry: AuditEntry): string[] {
  return [
    new Date(entry.at).toISOString().slice(0, 19).replace('T', ' '),
    entry.user,
    entry.role ?? '',
    entry.station,
    entry.source,
    ACTION_WORDS[entry.action] ?? `(unexpected action ${entry.action})`,
    entry.action,
    entry.target ?? '',
    entry.reason ?? '',
    OUTCOME_WORDS[entry.outcome],
    entry.detail ?? '',
    entry.signature?.meaning ?? '',
    entry.signature?.comment ?? '',
  ];
}
