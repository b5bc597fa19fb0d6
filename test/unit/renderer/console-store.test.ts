import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../../electron/host/request-dispatch';
import type { ConnectionStatus, EngineLink } from '../../../renderer/api/engine-link';
import { LOG_LIMIT, createConsoleStore, followEngine } from '../../../renderer/state/console-store';
import { shownDecision } from '../../../renderer/state/sync-freshness';
import { createConsoleApi } from '../../../shared/console-proxy';
import { createFakeBackend, type FakeBackend } from '../../support/fake-backend';

/** A link to the fake engine through the real dispatcher; the test decides when it is connected. */
function linkTo(fake: FakeBackend, initial: ConnectionStatus = 'open') {
  let status = initial;
  const listeners = new Set<(status: ConnectionStatus) => void>();
  const link: EngineLink = {
    api: createConsoleApi((method, input) => dispatchRequest(fake.backend.handlers, method, input), fake.backend.subscribe),
    connection: () => status,
    onConnectionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setSessionToken: () => undefined,
    onSessionEnded: () => () => undefined,
  };
  const setStatus = (next: ConnectionStatus): void => {
    status = next;
    for (const listener of listeners) listener(next);
  };
  return { link, setStatus };
}

/** Lets the fake engine's promise chains settle. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setUp(initial: ConnectionStatus = 'open') {
  const fake = createFakeBackend();
  const { link, setStatus } = linkTo(fake, initial);
  const store = createConsoleStore(link);
  const stop = followEngine(store, link);
  return { fake, store, stop, setStatus };
}

describe('console store', () => {
  it('loads the snapshot and the first page of runs as soon as the engine is connected', async () => {
    const { store, fake } = setUp();
    await settle();

    expect(store.getState().snapshot?.station).toBe('FAKE-01');
    expect(store.getState().runs.shown).toEqual({ items: [], pageSize: 25, hasOlder: false, hasNewer: false });
    expect(fake.calls.getSnapshot).toBe(1);
  });

  it('reloads on every reconnection, not before', async () => {
    const { store, fake, setStatus } = setUp('connecting');
    await settle();
    expect(fake.calls.getSnapshot).toBe(0);

    setStatus('open');
    await settle();
    setStatus('lost');
    setStatus('open');
    await settle();

    expect(fake.calls.getSnapshot).toBe(2);
    expect(store.getState().connection).toBe('open');
  });

  it('sends one sync however often it is asked while one runs, then reports the outcome', async () => {
    const { store, fake } = setUp();
    const release = fake.holdNextSync();

    const first = store.getState().syncNow();
    const second = store.getState().syncNow();
    expect(store.getState().sync.running).toBe(true);
    release();
    await Promise.all([first, second]);

    expect(fake.calls.syncNow).toBe(1);
    expect(store.getState().sync).toMatchObject({ running: false, answer: { kind: 'run', run: { outcome: 'fetched' } }, completed: 1 });
  });

  it('keeps with a Sync now answer the queue it spoke of, from the first snapshot after the decision, even one arriving after the reply', async () => {
    const fake = createFakeBackend();
    const { link } = linkTo(fake);
    // Not following the engine: a snapshot arrives only when handed in.
    const store = createConsoleStore(link);
    await store.getState().syncNow();
    await store.getState().syncNow();
    expect(store.getState().sync.answer).toMatchObject({ kind: 'run', run: { outcome: 'skipped', queueCount: 10 }, queueSeen: null });

    store.getState().receiveSnapshot(await link.api.getSnapshot());
    const { answer } = store.getState().sync;
    expect(shownDecision(answer, store.getState().snapshot, 0)).toMatchObject({ kind: 'answer', old: false });

    fake.failBatch('WH/MO/00013');
    store.getState().receiveSnapshot(await link.api.getSnapshot());
    expect(store.getState().sync.answer).toBe(answer);
    expect(shownDecision(answer, store.getState().snapshot, 0)).toMatchObject({ kind: 'answer', old: true });
  });

  it('reports a failed call as the reason, and lets the operator try again', async () => {
    const { store, fake } = setUp();
    fake.failNext('syncNow', 'authority database unreachable');

    await store.getState().syncNow();
    expect(store.getState().sync.answer).toMatchObject({ kind: 'failed', message: 'authority database unreachable' });
    await store.getState().syncNow();

    expect(store.getState().sync.answer).toMatchObject({ kind: 'run', run: { outcome: 'fetched' } });
    expect(store.getState().sync.completed).toBe(2);
  });

  it('follows pushed snapshots and runs live, without asking again; the history opens on the fetch/skip decisions', async () => {
    const { store, fake } = setUp();
    await settle();
    expect(store.getState().runs.query.task).toBe('mo-sync');
    const listCalls = fake.calls.listRuns;

    await store.getState().syncNow();
    fake.recordScheduledRun('plc-read', 'done', 'read 10 slots');

    expect(store.getState().snapshot?.queue.count).toBe(10);
    expect(store.getState().runs.shown?.items.map((run) => run.task)).toEqual(['mo-sync']);
    expect(fake.calls.listRuns).toBe(listCalls);

    await store.getState().showRuns({ pageSize: 25 });
    fake.recordScheduledRun('plc-read', 'idle', 'nothing to read back');
    expect(store.getState().runs.shown?.items.map((run) => run.task)).toEqual(['plc-read', 'plc-read', 'mo-sync']);
  });

  it(`keeps the newest ${LOG_LIMIT} log entries, newest first`, () => {
    const { store, fake } = setUp();

    for (let i = 1; i <= LOG_LIMIT + 10; i++) fake.pushLog(`line ${i}`);

    const logs = store.getState().logs;
    expect(logs).toHaveLength(LOG_LIMIT);
    expect(logs[0]?.message).toBe(`line ${LOG_LIMIT + 10}`);
    expect(logs.at(-1)?.message).toBe('line 11');
  });

  it('shows the scheduler as the engine answers a pause', async () => {
    const { store } = setUp();
    await settle();

    await store.getState().setSchedulerPaused(true);

    expect(store.getState().snapshot?.scheduler.paused).toBe(true);
    expect(store.getState().scheduler).toEqual({ changing: false, error: null });
  });

  it('filters runs through the engine and keeps the filter for live runs', async () => {
    const { store } = setUp();
    await store.getState().syncNow();

    await store.getState().showRuns({ pageSize: 25, outcome: 'skipped' });
    expect(store.getState().runs.shown?.items).toEqual([]);
    await store.getState().syncNow();

    expect(store.getState().runs.shown?.items.map((run) => run.outcome)).toEqual(['skipped']);
    expect(store.getState().runs.shown).toMatchObject({ hasOlder: false, hasNewer: false });
  });

  it('stops following the engine when stopped', () => {
    const { fake, stop } = setUp();

    stop();

    expect(fake.subscriberCount()).toBe(0);
  });
});

describe('what the store remembers for messages that must stay true', () => {
  it('counts every reopening of the engine link, so an answer given before it can be told apart', async () => {
    const { store, setStatus, fake } = setUp('open');
    await settle();
    setStatus('lost');
    fake.failNext('syncNow', 'connection to the engine lost');
    await store.getState().syncNow();
    const failedAt = store.getState().linkEpoch;
    expect(store.getState().sync.answer).toMatchObject({ kind: 'failed', linkEpoch: failedAt });

    setStatus('open');

    expect(store.getState().linkEpoch).toBe(failedAt + 1);
  });
});
