import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../../electron/host/request-dispatch';
import type { ConnectionStatus, EngineLink } from '../../../renderer/api/engine-link';
import { LOG_LIMIT, createConsoleStore, followEngine } from '../../../renderer/state/console-store';
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
    expect(store.getState().sync).toEqual({
      running: false,
      outcome: { tone: 'good', text: 'Fetched 10 MOs (WH/MO/00011 …)' },
      completed: 1,
    });
  });

  it('reports a failed call as the reason, and lets the operator try again', async () => {
    const { store, fake } = setUp();
    fake.failNext('syncNow', 'authority database unreachable');

    await store.getState().syncNow();
    expect(store.getState().sync.outcome).toEqual({ tone: 'bad', text: 'Failed: authority database unreachable' });
    await store.getState().syncNow();

    expect(store.getState().sync.outcome?.text).toBe('Fetched 10 MOs (WH/MO/00011 …)');
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
