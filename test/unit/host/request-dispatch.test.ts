import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../../electron/host/request-dispatch';
import { createFakeBackend } from '../../support/fake-backend';

describe('dispatchRequest', () => {
  it('runs the handler with the parsed input, defaults applied', async () => {
    const fake = createFakeBackend();
    await dispatchRequest(fake.backend.handlers, 'syncNow', undefined);

    const outcome = await dispatchRequest(fake.backend.handlers, 'listRuns', { outcome: 'fetched' });

    expect(outcome).toMatchObject({ ok: true, result: { items: [{ outcome: 'fetched' }], pageSize: 50, hasOlder: false, hasNewer: false } });
  });

  it('answers unknown-request for a method the contract does not have, listing the known ones', async () => {
    const fake = createFakeBackend();

    const outcome = await dispatchRequest(fake.backend.handlers, 'deleteEverything', {});

    expect(outcome).toEqual({
      ok: false,
      error: { code: 'unknown-request', message: expect.stringMatching(/unknown request 'deleteEverything'.*syncNow/) },
    });
  });

  it.each([['toString'], ['__proto__'], [42], [null]])('does not treat %s as a request', async (method) => {
    const fake = createFakeBackend();

    const outcome = await dispatchRequest(fake.backend.handlers, method, undefined);

    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
  });

  it('answers bad-request with one sentence naming every bad field, without calling the handler', async () => {
    const fake = createFakeBackend();

    const outcome = await dispatchRequest(fake.backend.handlers, 'listRuns', { pageSize: 0, outcome: 'exploded', colour: 'red' });

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('bad-request');
    expect(outcome.error.message).toMatch(/^bad listRuns request: /);
    expect(outcome.error.message).toContain('pageSize: ');
    expect(outcome.error.message).toContain('outcome: ');
    expect(outcome.error.message).toContain('colour');
    expect(outcome.error.message).not.toContain('\n');
    expect(fake.calls.listRuns).toBe(0);
  });

  it('pages runs from one cursor at a time: a run id or a moment with its offset', async () => {
    const fake = createFakeBackend();

    expect(await dispatchRequest(fake.backend.handlers, 'listRuns', { before: 5, at: '2026-11-28T08:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('at most one of before, after and at') },
    });
    expect(await dispatchRequest(fake.backend.handlers, 'listRuns', { at: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatchRequest(fake.backend.handlers, 'listRuns', { at: '2026-11-28T09:00:00+01:00' })).toMatchObject({ ok: true });
  });

  it('refuses input for a request that takes none', async () => {
    const fake = createFakeBackend();

    const outcome = await dispatchRequest(fake.backend.handlers, 'syncNow', { force: true });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^bad syncNow request: input: /) } });
    expect(fake.calls.syncNow).toBe(0);
  });

  it('turns a handler error into failed with its message and no stack', async () => {
    const fake = createFakeBackend();
    fake.failNext('getSnapshot', 'authority database unreachable');

    const outcome = await dispatchRequest(fake.backend.handlers, 'getSnapshot', undefined);

    expect(outcome).toEqual({ ok: false, error: { code: 'failed', message: 'authority database unreachable' } });
  });

  it('survives a handler that throws synchronously or throws a non-Error', async () => {
    const fake = createFakeBackend();
    const handlers = {
      ...fake.backend.handlers,
      getConfig: () => {
        throw new TypeError('config not loaded');
      },
      getSnapshot: () => Promise.reject('plain string'),
    };

    await expect(dispatchRequest(handlers, 'getConfig', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'config not loaded' },
    });
    await expect(dispatchRequest(handlers, 'getSnapshot', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'plain string' },
    });
  });
});
