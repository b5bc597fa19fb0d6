/**
 * The control screens in the real console (built renderer, headless host, Chromium) over the fake
 * engine, in English: the audit trail with its filters and CSV export, the settings editor (a change
 * refused, then saved), the PLC view by name, and an engineer action with an e-signature.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../support/axe';
import { ControlPage } from './control-page';
import { fakeConsoleSession } from './fake-console-session';
import { smallControls } from './small-controls';

const session = fakeConsoleSession();
let control: ControlPage;

beforeEach(() => {
  control = new ControlPage(session.browser.page);
});

/** A morning at the plant as the audit trail holds it, oldest first. */
function seedMorning(): void {
  const fake = session.fake;
  fake.audit({ user: 'budi', role: 'operator', action: 'syncNow', target: null, reason: null, outcome: 'done', detail: null, signature: null });
  fake.audit({ user: 'budi', role: 'operator', action: 'archiveBatch', target: 'WH/MO/00013', reason: 'stuck in silo C', outcome: 'refused', detail: 'needs a supervisor', signature: null });
  fake.audit({
    user: 'ani',
    role: 'supervisor',
    action: 'archiveBatch',
    target: 'WH/MO/00013',
    reason: 'stuck in silo C',
    outcome: 'done',
    detail: null,
    signature: { meaning: 'I confirm WH/MO/00013 is archived as cancelled without booking it in Odoo.', comment: 'silo C bridged, batch dumped' },
  });
  fake.audit({ user: 'ops', role: null, source: 'cli', action: 'sync', target: null, reason: null, outcome: 'done', detail: null, signature: null });
}

describe('the audit trail', () => {
  it('shows who did what newest first, filters by outcome, action and user, and exports what the filter shows', async () => {
    seedMorning();

    expect(await control.auditLines()).toEqual([
      { who: 'ops (no role)', action: 'sync', target: '', reason: '', outcome: 'done', signature: '' },
      {
        who: 'ani (supervisor)',
        action: 'Archive a batch',
        target: 'WH/MO/00013',
        reason: 'stuck in silo C',
        outcome: 'done',
        signature: 'Signed: I confirm WH/MO/00013 is archived as cancelled without booking it in Odoo. Comment: silo C bridged, batch dumped',
      },
      { who: 'budi (operator)', action: 'Archive a batch', target: 'WH/MO/00013', reason: 'stuck in silo C', outcome: 'refused', signature: '' },
      { who: 'budi (operator)', action: 'Sync now', target: '', reason: '', outcome: 'done', signature: '' },
    ]);
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
    expect(await smallControls(session.browser.page)).toEqual([]);

    await control.filterAudit({ outcome: 'Refused' });
    await control.waitForAuditCount(1);
    expect((await control.auditLines()).map((line) => line.who)).toEqual(['budi (operator)']);
    expect(await control.auditDetail(0)).toBe('needs a supervisor');

    await control.filterAudit({ outcome: 'All', action: 'Archive a batch' });
    await control.waitForAuditCount(2);
    await control.filterAudit({ user: 'ani' });
    await control.waitForAuditCount(1);

    const file = await control.exportAudit();
    expect(file.fileName).toMatch(/^audit_start_to_\d{4}-\d\d-\d\d_\d{4}\.csv$/);
    expect(file.status).toBe(`Saved 1 rows to ${file.fileName}`);
    const lines = file.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Time,User,Role,Station,Source,Action,Action code,Target,Reason,Outcome,Details,Signature meaning,Signature comment');
    expect(lines[1]).toMatch(
      /,ani,supervisor,FAKE-01,console,Archive a batch,archiveBatch,WH\/MO\/00013,stuck in silo C,Done,,I confirm WH\/MO\/00013 is archived as cancelled without booking it in Odoo\.,"silo C bridged, batch dumped"$/,
    );
    expect(session.browser.pageErrors).toEqual([]);
  });
});

describe('the settings editor', () => {
  it('shows each value with its source, keeps secrets hidden, shows the engine refusal word for word, then saves and says it applies at the next start', async () => {
    expect(await control.setting('PLC_IP')).toEqual({ value: '127.0.0.1', source: 'config.json', overridden: false });
    expect(await control.setting('SMS_STATION')).toMatchObject({ value: 'FAKE-01', overridden: true });
    expect(await control.setting('ODOO_PASSWORD')).toMatchObject({ value: 'set (hidden)', source: '.env file' });

    await control.changeSetting('SYNC_BATCH_LIMIT', '12');
    expect(await smallControls(session.browser.page)).toEqual([]);
    expect(await control.saveSettingsRefused('fewer batches per wave while silo C is repaired')).toBe(
      'SYNC_BATCH_LIMIT="12": must be between 1 and 10 (the PLC has 10 slots)',
    );
    expect(await control.setting('SYNC_BATCH_LIMIT')).toMatchObject({ value: '10', source: 'default' });

    await control.changeSetting('SYNC_BATCH_LIMIT', '8');
    await control.changeSetting('ODOO_PASSWORD', 'n3w-odoo-secret');
    await control.saveSettings('fewer batches per wave while silo C is repaired');

    expect(await control.setting('SYNC_BATCH_LIMIT')).toEqual({ value: '8', source: 'config.json', overridden: false });
    expect(await control.setting('ODOO_PASSWORD')).toMatchObject({ value: 'set (hidden)' });
    expect(await control.restartNote()).toBe('▲ Saved changes apply at the next start of the engine.');
    expect(await session.browser.page.content()).not.toContain('n3w-odoo-secret');
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);

    const [saved] = await control.auditLines();
    expect(saved).toMatchObject({ action: 'Change settings', target: 'SYNC_BATCH_LIMIT, ODOO_PASSWORD', reason: 'fewer batches per wave while silo C is repaired', outcome: 'done' });
    expect(await control.auditDetail(0)).toBe('SYNC_BATCH_LIMIT: 10 → 8; ODOO_PASSWORD: (hidden) → (hidden)');
  });
});

describe('the PLC view', () => {
  it('names the fields of the wave in the WRITE and READ slots, with the D address as a detail, read again on Refresh', async () => {
    await session.console.syncNow();

    expect(await control.refreshPlcView()).toMatch(/^Read at 28\/11\/2026 08:00:\d\d$/);
    expect(await control.plcHandshake()).toEqual([{ label: 'Handshake · wave taken by the PLC (0 = new data for the PLC)', value: '0', address: 'D7076' }]);
    expect(await control.plcSlot('write', 3)).toEqual([
      { label: 'batch', value: '3', address: 'D7200' },
      { label: 'MO', value: 'WH/MO/00013', address: 'D7201–D7208' },
      { label: 'product', value: 'FEED 3', address: 'D7217–D7224' },
      { label: 'planned quantity', value: '1,000 kg', address: 'D7225–D7226' },
      { label: 'finished', value: 'no (0)', address: 'D7272' },
      { label: 'failed', value: 'no (0)', address: 'D7273' },
    ]);
    expect((await control.plcSlot('read', 1)).find((field) => field.label === 'MO')).toEqual({ label: 'MO', value: 'WH/MO/00011', address: 'D6001–D6008' });
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
    expect(await smallControls(session.browser.page)).toEqual([]);
  });
});

describe('engineer actions', () => {
  it('cancels a batch without telling Odoo, signed, and the trail records the signature; a reset of Task 1 while the PLC doses is refused in the engine words', async () => {
    await session.console.syncNow();
    await control.chooseBatch('WH/MO/00013');
    await control.openEngineerAction('cancel');
    expect(await smallControls(session.browser.page)).toEqual([]);

    const cancelled = await control.signEngineerAction('cancel', { tellOdoo: false, reason: 'wrong recipe, batch dumped', pin: '4321', comment: 'checked with the shift lead' });

    expect(cancelled).toEqual({
      meaning: "I confirm WH/MO/00013 is cancelled here only; Odoo is not told",
      done: 'WH/MO/00013 was cancelled; Odoo was not told.',
      refusal: null,
    });
    await session.console.waitForQueueCount(9);
    expect(session.fake.calls.cancelBatch).toBe(1);

    session.fake.setPlcBusy(true);
    const reset = await control.signEngineerAction('reset', { reason: 'PLC cleared by hand', pin: '4321', comment: 'after the recipe change' });
    expect(reset.refusal).toBe('the PLC is not idle (a batch is dosing); reset the start of Task 1 only when the PLC reports idle');
    await control.leaveSignature('reset');
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);

    const [refused, done] = await control.auditLines();
    expect(refused).toMatchObject({ action: 'Reset the start of Task 1', outcome: 'failed', reason: 'PLC cleared by hand' });
    expect(done).toMatchObject({
      action: 'Cancel a batch',
      target: 'WH/MO/00013 (Odoo not told)',
      reason: 'wrong recipe, batch dumped',
      outcome: 'done',
      signature: 'Signed: I confirm WH/MO/00013 is cancelled here only; Odoo is not told Comment: checked with the shift lead',
    });
    expect(session.browser.pageErrors).toEqual([]);
  });
});

describe('people and the control screens', () => {
  it('locks the trail and the engineer actions for an operator, and takes an engineer signature only with the right PIN', async () => {
    await session.fake.addUser('sari', 'engineer', '4321');
    await session.fake.addUser('budi', 'operator', '1111');
    await session.console.open(session.host.url);

    expect(await control.lockedView('audit')).toBe('Needs a supervisor — sign in.');
    await control.signIn('budi', '1111');
    expect(await control.lockedView('audit')).toBe('Needs a supervisor — you are signed in as operator budi.');
    expect(await control.lockedView('settings')).toBe('Needs an engineer — you are signed in as operator budi.');
    expect(await control.engineerActionLocked('resend')).toBe(true);
    await control.signOut();

    await control.signIn('sari', '4321');
    expect(await control.engineerActionLocked('resend')).toBe(false);
    await session.console.syncNow();
    await control.chooseBatch('WH/MO/00012');
    const wrongPin = await control.signEngineerAction('resend', { reason: 'slot 2 lost after a power cut', pin: '9999', comment: 'PLC restarted at 07:50' });
    expect(wrongPin.refusal).toBe('Re-sending a batch was not done: the signature PIN is wrong (5 wrong PINs in a row lock the account for 5 minutes)');
    expect(session.fake.calls.resendBatch).toBe(0);
    await control.leaveSignature('resend');

    const resent = await control.signEngineerAction('resend', { reason: 'slot 2 lost after a power cut', pin: '4321', comment: 'PLC restarted at 07:50' });
    expect(resent).toEqual({ meaning: 'I confirm WH/MO/00012 is written again to its PLC slot', done: 'WH/MO/00012 was re-sent to its slot.', refusal: null });

    const [done, refused] = await control.auditLines();
    expect(done).toMatchObject({ who: 'sari (engineer)', action: 'Re-send a batch to its slot', target: 'WH/MO/00012', outcome: 'done' });
    expect(done?.signature).toBe('Signed: I confirm WH/MO/00012 is written again to its PLC slot Comment: PLC restarted at 07:50');
    expect(refused).toMatchObject({ who: 'sari (engineer)', action: 'Re-send a batch to its slot', outcome: 'refused' });
    expect(await seriousAccessibilityViolations(session.browser.page)).toEqual([]);
  });
});
