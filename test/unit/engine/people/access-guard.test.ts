/**
 * The access guard with the real people handlers, session registry and SQLite users
 * (test/support/guarded-backend.ts); the engine's other handlers are stand-ins that note the Caller.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleHandlers, Credentials, RequestName } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';
import type { AuditLine, Caller } from '../../../../electron/engine/people/caller';
import { ActionRefusedError } from '../../../../electron/engine/engineer/refused-error';
import { dispatchRequest } from '../../../../electron/host/request-dispatch';
import { GUARDED_STATION as STATION, createGuardedBackend, type GuardedBackend } from '../../../support/guarded-backend';
import { ManualClock } from '../../../support/manual-clock';

const PINS: Record<Role, string> = { operator: '1111', supervisor: '2222', engineer: '3333' };
const NAMES: Record<Role, string> = { operator: 'Budi', supervisor: 'Sari', engineer: 'Agus' };
const SIGNATURE = { pin: PINS.supervisor, meaning: 'I confirm this batch is archived without booking in Odoo', comment: 'scale was offline' };

let clock: ManualClock;
let guarded: GuardedBackend;
let audit: AuditLine[];
let acted: { request: RequestName; caller: Caller }[];
let handlers: ConsoleHandlers;

beforeEach(() => {
  clock = new ManualClock();
  guarded = createGuardedBackend(clock);
  ({ audit, acted } = guarded);
  handlers = guarded.backend.handlers;
});
afterEach(() => guarded.dispose());

async function addUsers(): Promise<void> {
  for (const role of ['engineer', 'supervisor', 'operator'] as const) await guarded.addUser(NAMES[role], role, PINS[role]);
}

async function signIn(role: Role): Promise<Credentials> {
  const { token } = await handlers.signIn({ user: NAMES[role], pin: PINS[role] }, { kind: 'session', token: null });
  return { kind: 'session', token };
}

/** Through the dispatcher, as a host calls: the refusal codes the console sees. */
const call = (method: RequestName, input: unknown, credentials: Credentials) => dispatchRequest(handlers, method, input, credentials);
const archive = (signature: unknown = SIGNATURE) => ({ moId: 'WH/MO/00011', reason: 'nothing dosed, MO closed in Odoo', signature });
const lastAudit = (): AuditLine | undefined => audit.at(-1);

describe('access guard: roles', () => {
  beforeEach(addUsers);

  const cases: { role: Role; allowed: [RequestName, unknown]; refused: [RequestName, unknown, string] }[] = [
    { role: 'operator', allowed: ['syncNow', undefined], refused: ['archiveBatch', archive(), 'Archiving a batch needs a supervisor: you are signed in as operator Budi'] },
    { role: 'supervisor', allowed: ['archiveBatch', archive()], refused: ['setSchedulerPaused', { paused: true }, 'Pausing the scheduler needs an engineer: you are signed in as supervisor Sari'] },
    { role: 'engineer', allowed: ['saveSettings', { changes: { LOG_LEVEL: 'debug' }, reason: 'chasing a PLC timeout' }], refused: ['runTask', { task: 'mo-sync' }, ''] },
  ];

  for (const { role, allowed, refused } of cases) {
    it(`${role}: may ${allowed[0]}${refused[2] ? `, may not ${refused[0]} (refused and audited)` : ''}`, async () => {
      const me = await signIn(role);

      expect(await call(allowed[0], allowed[1], me)).toEqual({ ok: true, result: { done: allowed[0] } });
      expect(acted.at(-1)?.caller).toMatchObject({ user: NAMES[role], role, station: STATION, source: 'console' });
      expect(lastAudit()).toMatchObject({ user: NAMES[role], role, action: allowed[0], outcome: 'done', station: STATION, source: 'console' });

      // An engineer may do everything: the refused half is the ranking's top.
      if (!refused[2]) {
        expect(await call(refused[0], refused[1], me)).toMatchObject({ ok: true });
        return;
      }
      const before = acted.length;
      expect(await call(refused[0], refused[1], me)).toEqual({ ok: false, error: { code: 'forbidden', message: refused[2] } });
      expect(acted).toHaveLength(before);
      expect(lastAudit()).toMatchObject({ user: NAMES[role], role, action: refused[0], outcome: 'refused', detail: refused[2] });
    });
  }

  it('reads only some roles may make (users, audit trail, settings) are recorded only when refused', async () => {
    const engineer = await signIn('engineer');
    const operator = await signIn('operator');
    const before = audit.length;
    for (const read of ['listUsers', 'listAudit', 'getSettings'] as const) {
      expect(await call(read, read === 'listAudit' ? { pageSize: 10 } : undefined, engineer), read).toMatchObject({ ok: true });
    }
    expect(audit).toHaveLength(before);

    expect(await call('listAudit', { pageSize: 10 }, operator)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(audit.slice(before)).toMatchObject([{ user: 'Budi', action: 'listAudit', outcome: 'refused' }]);
  });

  it('log cleanup (it deletes history) needs an engineer even though other tasks need an operator', async () => {
    const supervisor = await signIn('supervisor');
    expect(await call('runTask', { task: 'log-cleanup' }, supervisor)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('runTask', { task: 'plc-read' }, supervisor)).toMatchObject({ ok: true });
  });

  it('nobody signed in: watching is allowed, acting is refused as unauthorized and audited', async () => {
    const nobody: Credentials = { kind: 'session', token: null };
    expect(await call('getSnapshot', undefined, nobody)).toMatchObject({ ok: true });
    expect(audit).toEqual([]);

    expect(await call('syncNow', undefined, nobody)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Sync now needs an operator: nobody is signed in at this station — sign in first' },
    });
    expect(lastAudit()).toMatchObject({ user: '(not signed in)', role: null, action: 'syncNow', outcome: 'refused' });
    expect(await call('syncNow', undefined, { kind: 'session', token: 'forged-token' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('a user disabled by an engineer is signed out at their next action', async () => {
    const operator = await signIn('operator');
    const engineer = await signIn('engineer');
    expect(await call('saveUser', { user: 'budi', role: 'operator', disabled: true, reason: 'left the company' }, engineer)).toMatchObject({ ok: true, result: { name: 'Budi', disabled: true } });
    expect(lastAudit()).toMatchObject({ user: 'Agus', action: 'saveUser', target: 'budi', reason: 'left the company', outcome: 'done', detail: 'disabled' });

    expect(await call('syncNow', undefined, operator)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call('signIn', { user: 'Budi', pin: PINS.operator }, { kind: 'session', token: null })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not signed in: Budi is disabled: ask an engineer to enable the account' },
    });
  });
});

describe('access guard: what the trail says of an action the engine did not complete', () => {
  it('a safety refusal of the engine is "refused", a sync whose run ended in error "failed"', async () => {
    await guarded.dispose();
    guarded = createGuardedBackend(clock, {
      resetTask1: async () => {
        throw new ActionRefusedError('the PLC is dosing slot 3: reset only when the PLC is idle');
      },
      syncNow: async () => ({ outcome: 'error', reason: 'Odoo did not answer within 30 s' }),
    });
    ({ audit, acted } = guarded);
    handlers = guarded.backend.handlers;
    await addUsers();
    const engineer = await signIn('engineer');

    const reset = await call('resetTask1', { reason: 'new recipe set', signature: { pin: PINS.engineer, meaning: 'I reset the start of Task 1', comment: 'after cleaning' } }, engineer);
    expect(reset).toMatchObject({ ok: false });
    expect(lastAudit()).toMatchObject({ action: 'resetTask1', outcome: 'refused', detail: expect.stringContaining('the PLC is dosing slot 3') });

    await call('syncNow', undefined, engineer);
    expect(lastAudit()).toMatchObject({ action: 'syncNow', outcome: 'failed', detail: expect.stringContaining('Odoo did not answer') });
  });
});

describe('access guard: a press on a locked control', () => {
  it('is recorded as a refused attempt of the action it names, only when that action is refused to the caller', async () => {
    await addUsers();
    const operator = await signIn('operator');
    expect(await call('reportLockedPress', { action: 'archiveBatch', target: 'WH/MO/00011' }, operator)).toMatchObject({ ok: true });
    expect(lastAudit()).toMatchObject({
      user: 'Budi',
      role: 'operator',
      action: 'archiveBatch',
      target: 'WH/MO/00011',
      outcome: 'refused',
      detail: expect.stringContaining('pressed while locked'),
    });
    expect(acted.map((a) => a.request)).not.toContain('archiveBatch');

    const lines = audit.length;
    expect(await call('reportLockedPress', { action: 'syncNow' }, operator)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('reportLockedPress', { action: 'deleteEverything' }, operator)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(audit.length).toBe(lines);
  });
});

describe('access guard: e-signatures', () => {
  beforeEach(addUsers);

  it('an archive with the signer\'s own PIN goes through and the audit keeps meaning and comment, never the PIN', async () => {
    const supervisor = await signIn('supervisor');
    expect(await call('archiveBatch', archive(), supervisor)).toMatchObject({ ok: true });

    expect(acted.at(-1)?.caller.signature).toEqual({ meaning: SIGNATURE.meaning, comment: SIGNATURE.comment });
    const line = lastAudit();
    expect(line).toMatchObject({ user: 'Sari', action: 'archiveBatch', target: 'WH/MO/00011', reason: 'nothing dosed, MO closed in Odoo', outcome: 'done', signature: { meaning: SIGNATURE.meaning, comment: SIGNATURE.comment } });
    expect(JSON.stringify(line)).not.toContain(PINS.supervisor);
  });

  it('a missing signature or another person\'s PIN is refused (forbidden) and the action does not run', async () => {
    const supervisor = await signIn('supervisor');
    expect(await call('archiveBatch', { moId: 'WH/MO/00011', reason: 'nothing dosed' }, supervisor)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('needs your e-signature') },
    });
    expect(await call('archiveBatch', archive({ ...SIGNATURE, pin: PINS.engineer }), supervisor)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/^Archiving a batch was not done: the signature PIN is wrong/) },
    });
    expect(acted.filter((a) => a.request === 'archiveBatch')).toEqual([]);
    expect(audit.map((line) => line.outcome)).toEqual(['done', 'refused', 'refused']);
  });

  it('wrong signature PINs count toward the lock like wrong sign-ins', async () => {
    const supervisor = await signIn('supervisor');
    for (let i = 0; i < 4; i++) await call('archiveBatch', archive({ ...SIGNATURE, pin: '9999' }), supervisor);
    const fifth = await call('archiveBatch', archive({ ...SIGNATURE, pin: '9999' }), supervisor);
    expect(fifth).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Sari is locked after 5 wrong PINs') } });
    // Locked: even the right PIN is not checked now.
    expect(await call('archiveBatch', archive(), supervisor)).toMatchObject({ ok: false, error: { message: expect.stringContaining('locked') } });
  });

  it('the CLI and in-process callers need no signature (the OS account vouches) and are audited', async () => {
    expect(await call('archiveBatch', { moId: 'WH/MO/00011', reason: 'dumped by hand' }, { kind: 'cli', user: 'wati' })).toMatchObject({ ok: true });
    expect(lastAudit()).toMatchObject({ user: 'wati', role: null, source: 'cli', outcome: 'done', signature: null });
    await handlers.syncNow(undefined);
    expect(lastAudit()).toMatchObject({ user: 'plant-admin', role: null, source: 'cli', action: 'syncNow' });
  });
});

describe('access guard: sign-in, sessions and the open station', () => {
  it('until a user exists the station is open: actions run and are audited as the open station; then the first engineer signs in', async () => {
    const nobody: Credentials = { kind: 'session', token: null };
    expect(await call('getSession', undefined, nobody)).toEqual({ ok: true, result: { session: null, firstRun: true, idleMinutes: 15 } });
    expect(await call('archiveBatch', { moId: 'WH/MO/00011', reason: 'nothing dosed' }, nobody)).toMatchObject({ ok: true });
    expect(lastAudit()).toMatchObject({ user: '(open station)', role: null, source: 'console', outcome: 'done' });

    const first = await call('createFirstEngineer', { user: 'Agus', pin: '3333' }, nobody);
    expect(first).toMatchObject({ ok: true, result: { session: { user: 'Agus', role: 'engineer', station: STATION } } });
    expect(lastAudit()).toMatchObject({ user: 'Agus', role: 'engineer', action: 'createFirstEngineer', outcome: 'done' });
    expect(await call('createFirstEngineer', { user: 'Joko', pin: '4444' }, nobody)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('syncNow', undefined, nobody)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('an unknown user and a wrong PIN get the same refusal', async () => {
    await addUsers();
    const unknown = await call('signIn', { user: 'Joko', pin: '1111' }, { kind: 'session', token: null });
    const wrong = await call('signIn', { user: 'Budi', pin: '1112' }, { kind: 'session', token: null });
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('user name or PIN is wrong') } });
    expect(audit.slice(-2)).toMatchObject([{ user: 'Joko', outcome: 'refused' }, { user: 'Budi', outcome: 'refused' }]);
  });

  it('five wrong PINs lock the user for five minutes, whatever PIN comes next', async () => {
    await addUsers();
    const nobody: Credentials = { kind: 'session', token: null };
    for (let i = 0; i < 5; i++) await call('signIn', { user: 'Budi', pin: '0000' }, nobody);
    expect(await call('signIn', { user: 'Budi', pin: PINS.operator }, nobody)).toMatchObject({ ok: false, error: { message: expect.stringContaining('Budi is locked after 5 wrong PINs: try again in 5 min') } });

    await clock.advance(5 * 60_000);
    expect(await call('signIn', { user: 'Budi', pin: PINS.operator }, nobody)).toMatchObject({ ok: true });
  });

  it('a session ends after 15 minutes without an action; each action moves that on, watching does not', async () => {
    await addUsers();
    const operator = await signIn('operator');
    await clock.advance(14 * 60_000);
    expect(await call('syncNow', undefined, operator)).toMatchObject({ ok: true });
    await clock.advance(14 * 60_000);
    expect(await call('getSnapshot', undefined, operator)).toMatchObject({ ok: true });
    expect(await call('getSession', undefined, operator)).toMatchObject({ ok: true, result: { session: { user: 'Budi' } } });
    await clock.advance(60_000);

    expect(await call('syncNow', undefined, operator)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Sync now needs an operator: Budi was signed out after 15 minutes without activity — sign in first' },
    });
    expect(await call('getSession', undefined, operator)).toMatchObject({ ok: true, result: { session: null, firstRun: false } });
  });

  it('a supervisor who leaves the audit trail open on the screen is signed out all the same', async () => {
    await addUsers();
    const supervisor = await signIn('supervisor');
    await clock.advance(14 * 60_000);
    expect(await call('listAudit', { pageSize: 50 }, supervisor)).toMatchObject({ ok: true });
    await clock.advance(60_000);
    expect(await call('listAudit', { pageSize: 50 }, supervisor)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('sign-out ends the session and is audited', async () => {
    await addUsers();
    const supervisor = await signIn('supervisor');
    expect(await call('signOut', undefined, supervisor)).toMatchObject({ ok: true, result: { session: null } });
    expect(lastAudit()).toMatchObject({ user: 'Sari', action: 'signOut', outcome: 'done' });
    expect(await call('retryOutbox', { id: 1 }, supervisor)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('the last enabled engineer cannot demote themselves', async () => {
    await addUsers();
    const engineer = await signIn('engineer');
    expect(await call('saveUser', { user: 'Agus', role: 'supervisor', reason: 'stepping back' }, engineer)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Agus is the last enabled engineer: make another user engineer first, or nobody could manage users any more' },
    });
    expect(lastAudit()).toMatchObject({ action: 'saveUser', outcome: 'refused' });
  });
});
