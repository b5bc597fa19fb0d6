/**
 * The authority for the queue (`mo_batch`), the archive (`mo_histories`),
 * the run log (`sync_runs`) and dispatch intents. SQLite in standalone mode,
 * PostgreSQL in the plant (../shared/DESIGN.md "Data: who is the authority").
 * Every method may reject with AuthorityUnavailableError when the database
 * cannot be reached; the gate then skips instead of guessing.
 */
import type {
  BatchRecipe,
  HistoryEntry,
  HistoryStatus,
  Outcome,
  Page,
  QueueBatch,
  RunRecord,
  TaskName,
  Trigger,
} from '../../shared/domain';

/** Held while Task 1 decides and dispatches; exactly one holder across all processes and stations. */
export interface SyncLock {
  release(): Promise<void>;
}

export type IntentPhase = 'writing' | 'verified' | 'committed' | 'abandoned' | 'adopted';

/** A wave about to be (or being) written to the PLC, recorded before the first PLC write. */
export interface DispatchIntent {
  id: number;
  runId: number;
  station: string;
  createdAt: string;
  phase: IntentPhase;
  recipes: BatchRecipe[];
}

export interface RunStart {
  task: TaskName;
  trigger: Trigger;
  station: string;
  /** The process running it, so that a restart can tell its own dead runs from live ones. */
  pid: number;
  startedAt: string;
}

export interface RunFinish {
  outcome: Outcome;
  reason: string;
  queueCount?: number | null;
  moIds?: string[];
  finishedAt: string;
}

export interface RunFilter {
  page: number;
  pageSize: number;
  task?: TaskName;
  outcome?: Outcome;
}

export interface HistoryFilter {
  page: number;
  pageSize: number;
  search?: string;
  status?: HistoryStatus;
}

export interface AuthorityStore {
  readonly kind: 'sqlite' | 'postgres';

  tryAcquireSyncLock(): Promise<SyncLock | null>;

  countQueue(): Promise<number>;
  listQueue(): Promise<QueueBatch[]>;
  /** The subset of `moIds` already in the queue, the archive or an unresolved intent: never dispatched again. */
  knownMoIds(moIds: readonly string[]): Promise<Set<string>>;

  recordIntent(runId: number, station: string, recipes: BatchRecipe[], at: string): Promise<DispatchIntent>;
  setIntentPhase(intentId: number, phase: 'verified' | 'abandoned', at: string): Promise<void>;
  /** Inserts the wave into `mo_batch` and closes the intent, in one transaction. */
  commitWave(intentId: number, phase: 'committed' | 'adopted', at: string): Promise<void>;
  unresolvedIntents(): Promise<DispatchIntent[]>;

  startRun(run: RunStart): Promise<number>;
  finishRun(id: number, finish: RunFinish): Promise<RunRecord>;
  /** Runs of this station left without an outcome by a process that is gone; recorded as errors. */
  closeInterruptedRuns(station: string, isAlive: (pid: number) => boolean, reason: string, at: string): Promise<RunRecord[]>;
  listRuns(filter: RunFilter): Promise<Page<RunRecord>>;
  lastRun(task: TaskName, outcomes?: Outcome[]): Promise<RunRecord | null>;

  listHistory(filter: HistoryFilter): Promise<Page<HistoryEntry>>;

  close(): Promise<void>;
}

export class AuthorityUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthorityUnavailableError';
  }
}
