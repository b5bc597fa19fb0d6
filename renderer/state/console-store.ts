/**
 * The console's state, fed by the engine's pushed events (snapshot, run, log)
 * — live, not polled. One getSnapshot per (re)connection fills the screen;
 * after that the pushes keep it current.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LogEntry, RunPage, RunRecord, Snapshot, TaskName } from '../../shared/domain';
import type { ConnectionStatus, EngineLink } from '../api/engine-link';
import { withQueueSeen, type SyncAnswer } from './sync-freshness';
import { withLiveRun, type RunsQuery } from './live-runs';
import { messageOf } from './message-of';

/** The log panel keeps the newest entries only; older ones are in the engine's log files. */
export const LOG_LIMIT = 200;
export const RUNS_PAGE_SIZE = 25;

export interface ConsoleState {
  connection: ConnectionStatus;
  /** Times the link to the engine opened again after a loss: what was said before is older than that. */
  linkEpoch: number;
  snapshot: Snapshot | null;
  /** This screen's clock when the snapshot arrived, to age the engine's times without trusting both clocks agree. */
  snapshotReceivedAt: number | null;
  snapshotError: string | null;
  sync: {
    running: boolean;
    answer: SyncAnswer | null;
    /** Syncs finished since the page opened; lets a reader tell one outcome from the next. */
    completed: number;
  };
  scheduler: { changing: boolean; error: string | null };
  /** Tasks run by hand from this screen: which are in flight, and what the last one said. */
  manualRuns: { running: TaskName[]; last: { task: TaskName; run: RunRecord } | { task: TaskName; error: string } | null };
  runs: { query: RunsQuery; shown: RunPage | null; loading: boolean; error: string | null };
  /** Newest first. */
  logs: LogEntry[];

  syncNow(): Promise<void>;
  setSchedulerPaused(paused: boolean): Promise<void>;
  runTask(task: TaskName): Promise<void>;
  showRuns(query: RunsQuery): Promise<void>;
  refreshSnapshot(): Promise<void>;
  /** A snapshot the engine pushed. */
  receiveSnapshot(snapshot: Snapshot): void;
  /** The link to the engine opened, dropped or is connecting. */
  linkChanged(connection: ConnectionStatus): void;
}

export function createConsoleStore(link: EngineLink, clock: () => number = Date.now): StoreApi<ConsoleState> {
  let runsRequest = 0;
  return createStore<ConsoleState>()((set, get) => ({
    connection: link.connection(),
    linkEpoch: 0,
    snapshot: null,
    snapshotReceivedAt: null,
    snapshotError: null,
    sync: { running: false, answer: null, completed: 0 },
    scheduler: { changing: false, error: null },
    manualRuns: { running: [], last: null },
    // Opens on the fetch/skip history (Task 1): what an operator comes to read; the other tasks are one filter away.
    runs: { query: { pageSize: RUNS_PAGE_SIZE, task: 'mo-sync' }, shown: null, loading: false, error: null },
    logs: [],

    async syncNow() {
      // One call per press, whatever the button's render state: a double click
      // or a held Enter key must not reach the gate twice.
      if (get().sync.running) return;
      set((state) => ({ sync: { ...state.sync, running: true } }));
      let answer: SyncAnswer;
      try {
        const run = await link.api.syncNow();
        // The snapshot after this decision may have arrived before the reply.
        answer = withQueueSeen({ kind: 'run', run, queueSeen: null }, get().snapshot);
      } catch (error) {
        const { snapshot, linkEpoch } = get();
        answer = { kind: 'failed', message: messageOf(error), at: new Date(clock()).toISOString(), lastRunId: snapshot?.lastSync?.id ?? 0, linkEpoch };
      }
      set((state) => ({ sync: { running: false, answer, completed: state.sync.completed + 1 } }));
    },

    async setSchedulerPaused(paused) {
      if (get().scheduler.changing) return;
      set({ scheduler: { changing: true, error: null } });
      try {
        const scheduler = await link.api.setSchedulerPaused({ paused });
        set((state) => ({
          scheduler: { changing: false, error: null },
          snapshot: state.snapshot ? { ...state.snapshot, scheduler } : null,
        }));
      } catch (error) {
        set({ scheduler: { changing: false, error: messageOf(error) } });
      }
    },

    async runTask(task) {
      if (get().manualRuns.running.includes(task)) return;
      set((state) => ({ manualRuns: { ...state.manualRuns, running: [...state.manualRuns.running, task] } }));
      let last: ConsoleState['manualRuns']['last'];
      try {
        last = { task, run: await link.api.runTask({ task }) };
      } catch (error) {
        last = { task, error: messageOf(error) };
      }
      set((state) => ({ manualRuns: { running: state.manualRuns.running.filter((t) => t !== task), last } }));
    },

    async showRuns(query) {
      const request = ++runsRequest;
      set((state) => ({ runs: { ...state.runs, query, loading: true, error: null } }));
      try {
        const shown = await link.api.listRuns(query);
        // An older answer arriving after a newer query must not overwrite it.
        if (request === runsRequest) set({ runs: { query, shown, loading: false, error: null } });
      } catch (error) {
        if (request === runsRequest) set((state) => ({ runs: { ...state.runs, loading: false, error: messageOf(error) } }));
      }
    },

    async refreshSnapshot() {
      try {
        get().receiveSnapshot(await link.api.getSnapshot());
      } catch (error) {
        set({ snapshotError: messageOf(error) });
      }
    },

    receiveSnapshot(snapshot) {
      set((state) => ({ snapshot, snapshotReceivedAt: clock(), snapshotError: null, sync: { ...state.sync, answer: withQueueSeen(state.sync.answer, snapshot) } }));
    },

    linkChanged(connection) {
      set((state) => ({ connection, linkEpoch: connection === 'open' && state.connection !== 'open' ? state.linkEpoch + 1 : state.linkEpoch }));
    },
  }));
}

/** Feeds the store from the engine's pushes and reloads on every (re)connection; returns the stop function. */
export function followEngine(store: StoreApi<ConsoleState>, link: EngineLink): () => void {
  const reload = (): void => {
    void store.getState().refreshSnapshot();
    void store.getState().showRuns(store.getState().runs.query);
  };
  const stops = [
    link.api.on('snapshot', (snapshot) => store.getState().receiveSnapshot(snapshot)),
    link.api.on('run', (run) =>
      store.setState((state) => ({
        runs: state.runs.shown ? { ...state.runs, shown: withLiveRun(state.runs.shown, state.runs.query, run) } : state.runs,
      })),
    ),
    link.api.on('log', (entry) => store.setState((state) => ({ logs: [entry, ...state.logs].slice(0, LOG_LIMIT) }))),
    link.onConnectionChange((connection) => {
      store.getState().linkChanged(connection);
      if (connection === 'open') reload();
    }),
  ];
  if (link.connection() === 'open') reload();
  return () => {
    for (const stop of stops) stop();
  };
}
