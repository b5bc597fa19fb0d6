/**
 * The authority for the queue (`mo_batch`), the archive (`mo_histories`),
 * the run log (`sync_runs`) and dispatch intents. SQLite in standalone mode,
 * PostgreSQL in the plant (../shared/DESIGN.md "Data: who is the authority").
 * Every method may reject with AuthorityUnavailableError when the database
 * cannot be reached; the gate then skips instead of guessing.
 */
import type {
  BatchRecipe,
  EquipmentId,
  HistoryEntry,
  HistoryStatus,
  Outcome,
  OutboxEntry,
  OutboxKind,
  OutboxState,
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

/** What the PLC reported for one queued batch (Task 2). */
export interface BatchFeedback {
  batchId: string;
  statusManufacturing: boolean;
  statusOperation: boolean;
  /** null: not reported plausibly this time; the stored value is kept. */
  actualWeightKg: number | null;
  actualKg: Partial<Record<EquipmentId, number>>;
}

export interface NewOutboxEntry {
  moId: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  at: string;
}

export interface OutboxPatch {
  state?: OutboxState;
  attempts?: number;
  lastError?: string | null;
  nextAttemptAt?: string | null;
  baseline?: Record<string, number> | null;
  at: string;
}

/** A batch leaving the queue for the archive. */
export interface ArchiveRequest {
  batchId: string;
  status: HistoryStatus;
  notes: string | null;
  at: string;
  /** The outbox entry whose success this archive records; closed in the same transaction. */
  outboxId?: number;
}

export interface EquipmentFailureEvent {
  equipmentCode: string;
  description: string;
  /** Plant local time 'YYYY-MM-DD HH:MM:SS' from the PLC's BCD clock. */
  failureDate: string;
  source: 'plc' | 'api';
  at: string;
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

  /** Stores what changed; `last_read_from_plc` moves only for rows that changed. Returns the rows changed. */
  applyFeedback(feedback: readonly BatchFeedback[], at: string): Promise<number>;
  /** Copies the batch to `mo_histories` and deletes it from `mo_batch` (and closes its outbox entry) in one transaction. */
  archiveBatch(request: ArchiveRequest): Promise<void>;
  markOdooCancelled(batchId: string): Promise<void>;

  /** At most one entry per (MO, kind): enqueuing twice returns the existing entry. */
  enqueueOutbox(entry: NewOutboxEntry): Promise<OutboxEntry>;
  updateOutbox(id: number, patch: OutboxPatch): Promise<OutboxEntry>;
  outboxEntry(moId: string, kind: OutboxKind): Promise<OutboxEntry | null>;
  listOutbox(states: readonly OutboxState[]): Promise<OutboxEntry[]>;

  /** Saves a failure event unless the same (code, date, description) is already stored. */
  saveEquipmentFailure(event: EquipmentFailureEvent): Promise<{ inserted: boolean }>;

  /** Deletes runs and system_log rows older than `olderThan`, always keeping the newest `keepLast` of each. */
  pruneHistory(olderThan: string, keepLast: number): Promise<{ runs: number; logs: number }>;

  close(): Promise<void>;
}

export class AuthorityUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthorityUnavailableError';
  }
}
