/**
 * The authority for the queue (`mo_batch`), the archive (`mo_histories`),
 * the run log (`sync_runs`) and dispatch intents. SQLite in standalone mode,
 * PostgreSQL in the plant (../shared/DESIGN.md "Data: who is the authority").
 * Every method may reject with AuthorityUnavailableError when the database
 * cannot be reached; the gate then skips instead of guessing.
 */
import type {
  AlarmEventPage,
  AuditPage,
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
  RunPage,
  RunRecord,
  TaskName,
  Trigger,
  NewWavesPause,
} from '../../shared/domain';
import type { AdditiveCheck, AdditiveCheckResult, NewWavesChange, NewWavesChangeResult } from './operator-controls';
import type { AlarmEventFilter, AlarmRecord, AlarmTransition } from './alarm-records';
import type { AuditFilter, AuditLine } from '../engine/people/caller';
import type { FailedPin, NewUser, UserChange, UserChangeResult, UserRecord } from './user-records';

/** Held while Task 1 decides and dispatches; exactly one holder across all processes and stations. */
export interface SyncLock {
  /**
   * Fencing token, larger each time anyone takes the lock. The gate's writes
   * (recordIntent, setIntentPhase, commitWave) carry it, and the store refuses
   * them once a newer epoch exists: a holder whose lock went with its
   * connection cannot commit behind the back of the station that took it next.
   */
  readonly epoch: number;
  release(): Promise<void>;
}

/**
 * writing → verified → committed is the normal path. `unconfirmed` (the
 * hand-over went unanswered and the PLC shows no trace of the wave) and
 * `conflict` (the WRITE area no longer holds it) wait for an operator to hand
 * the wave over or withdraw it. Unresolved: writing, verified and the two held phases.
 */
export type IntentPhase = 'writing' | 'verified' | 'unconfirmed' | 'conflict' | 'committed' | 'abandoned' | 'adopted';
export type HeldPhase = Extract<IntentPhase, 'unconfirmed' | 'conflict'>;
export const HELD_PHASES: readonly HeldPhase[] = ['unconfirmed', 'conflict'];
export const UNRESOLVED_PHASES: readonly IntentPhase[] = ['writing', 'verified', ...HELD_PHASES];

/** A wave about to be (or being) written to the PLC, recorded before the first PLC write. */
export interface DispatchIntent {
  id: number;
  runId: number;
  station: string;
  createdAt: string;
  phase: IntentPhase;
  recipes: BatchRecipe[];
  /** What the PLC held when the wave was last held for an operator, in operator words; null otherwise. */
  plcView: string | null;
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

/** A page of finished runs, newest first; at most one of `before`, `after` and `at`. */
export interface RunFilter {
  pageSize: number;
  task?: TaskName;
  outcome?: Outcome;
  /** Runs older than this run id (the Older button); with no cursor, the newest runs. */
  before?: number;
  /** Runs newer than this run id (the Newer button): the oldest `pageSize` of them, still shown newest first. */
  after?: number;
  /** Jump to date (ISO): the newest runs among those that started at or before this moment. */
  at?: string;
  /** Only runs that name this MO (exactly). */
  moId?: string;
  /** Only runs started in [from, to) (ISO, any offset). */
  from?: string;
  to?: string;
}

/**
 * Where the run log stands: its newest run id and the runs still going. Two marks differ
 * whenever a run started or finished in between, whoever wrote it (another process, another
 * station), so a reader learns cheaply whether anything changed (run-digest.ts).
 */
export interface RunLogMark {
  newestId: number;
  openIds: number[];
}

export interface HistoryFilter {
  page: number;
  pageSize: number;
  search?: string;
  status?: HistoryStatus;
  /** Only batches archived in [from, to) (ISO, any offset). */
  from?: string;
  to?: string;
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
  /** Applied only while the entry is in one of these states (a withdrawn entry must stay withdrawn). */
  onlyIn?: readonly OutboxState[];
}

/** A batch leaving the queue for the archive. */
export interface ArchiveRequest {
  batchId: string;
  status: HistoryStatus;
  notes: string | null;
  at: string;
  /** The outbox entry whose success this archive records; closed in the same transaction. */
  outboxId?: number;
  /**
   * The MO whose consumption push this archive ends unsent (state `withdrawn`), in the same
   * transaction. A missing entry is recorded withdrawn too, so a Task 3 run that listed the batch
   * before cannot enqueue and send it afterwards. A push that is `sending` or `done` cannot be
   * withdrawn: nothing is archived and the call rejects with OutboxBusyError.
   */
  withdrawConsumptionOf?: string;
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

  /** The gate's writes: `epoch` is the holder's SyncLock.epoch; a stale one rejects with GateLockLostError. */
  recordIntent(runId: number, station: string, recipes: BatchRecipe[], at: string, epoch: number): Promise<DispatchIntent>;
  setIntentPhase(intentId: number, phase: 'verified' | 'abandoned', at: string, epoch: number): Promise<void>;
  /** Inserts the wave into `mo_batch` with its manual-additive checklists and closes the intent, in one transaction. */
  commitWave(intentId: number, phase: 'committed' | 'adopted', at: string, epoch: number): Promise<void>;
  /** Holds the wave for an operator (phase unconfirmed or conflict) with what the PLC showed, so the console can say it without PLC I/O. */
  holdIntent(intentId: number, phase: HeldPhase, plcView: string, epoch: number): Promise<void>;
  unresolvedIntents(): Promise<DispatchIntent[]>;

  startRun(run: RunStart): Promise<number>;
  finishRun(id: number, finish: RunFinish): Promise<RunRecord>;
  /** Runs of this station left without an outcome by a process that is gone; recorded as errors. */
  closeInterruptedRuns(station: string, isAlive: (pid: number) => boolean, reason: string, at: string): Promise<RunRecord[]>;
  listRuns(filter: RunFilter): Promise<RunPage>;
  lastRun(task: TaskName, outcomes?: Outcome[]): Promise<RunRecord | null>;
  runLogMark(): Promise<RunLogMark>;
  /** The runs among `ids` that have finished, oldest first. */
  finishedRuns(ids: readonly number[]): Promise<RunRecord[]>;

  listHistory(filter: HistoryFilter): Promise<Page<HistoryEntry>>;
  /** Every batch archived in [from, to), newest first: the rows a shift report sums (a report covers at most 31 days). */
  archivedBetween(from: string, to: string): Promise<HistoryEntry[]>;

  /** Stores what changed; `last_read_from_plc` moves only for rows that changed. Returns the rows changed. */
  applyFeedback(feedback: readonly BatchFeedback[], at: string): Promise<number>;
  /** Copies the batch to `mo_histories` and deletes it from `mo_batch` (and closes its outbox entry) in one transaction. */
  archiveBatch(request: ArchiveRequest): Promise<void>;
  markOdooCancelled(batchId: string): Promise<void>;

  /** Pause new waves, plant-wide (`plant_controls`): the gate reads it on every sync, before anything else. */
  newWavesPause(): Promise<NewWavesPause>;
  /** Changes it unless it already is in that state (then `changed` is false and nothing is written). */
  setNewWavesPause(change: NewWavesChange): Promise<NewWavesChangeResult>;
  /** Ticks or unticks a line of a queued batch's manual-additive checklist; its rows stay after the archive (the record of who weighed what). */
  checkManualAdditive(check: AdditiveCheck): Promise<AdditiveCheckResult>;

  /** At most one entry per (MO, kind): enqueuing twice returns the existing entry. */
  enqueueOutbox(entry: NewOutboxEntry): Promise<OutboxEntry>;
  /** Returns the entry as it is afterwards (unchanged when `patch.onlyIn` did not match). */
  updateOutbox(id: number, patch: OutboxPatch): Promise<OutboxEntry>;
  /**
   * A courier's change to an entry it claimed: applied only while `claimant` still holds a live
   * claim (and the entry is in `patch.onlyIn`); null otherwise. A courier that lost its claim —
   * it ran out during a slow Odoo call and another took it — can never overwrite the other's work.
   */
  updateClaimedOutbox(id: number, claimant: string, patch: OutboxPatch): Promise<OutboxEntry | null>;
  /**
   * One courier at a time: takes the claim on a `pending` or `sending` entry when it is free, has run
   * out (`claimedUntil` ≤ `at`), or is already `claimant`'s. Null when another courier holds it or
   * the entry is no longer deliverable. Does not move `updatedAt` (the backoff is derived from it).
   */
  claimOutbox(id: number, claimant: string, claimUntil: string, at: string): Promise<OutboxEntry | null>;
  /** Moves the entry to `sending` (stamping `sentAt`, extending the claim) only while `claimant` holds a live claim. */
  markOutboxSending(id: number, claimant: string, claimUntil: string, at: string): Promise<OutboxEntry | null>;
  /** Gives up `claimant`'s claim (no-op when it holds none). */
  releaseOutbox(id: number, claimant: string): Promise<void>;
  outboxEntry(moId: string, kind: OutboxKind): Promise<OutboxEntry | null>;
  listOutbox(states: readonly OutboxState[]): Promise<OutboxEntry[]>;

  /** Saves a failure event unless the same (code, date, description) is already stored. */
  saveEquipmentFailure(event: EquipmentFailureEvent): Promise<{ inserted: boolean }>;

  /**
   * Deletes runs and system_log rows older than `olderThan`, always keeping the newest `keepLast` of each;
   * and, whatever their age, the finished runs beyond the newest `maxRuns` (≥ 1): a busy plant's timers
   * must not grow the history past what its queries can page quickly.
   */
  pruneHistory(olderThan: string, keepLast: number, maxRuns: number): Promise<{ runs: number; logs: number }>;

  /** The alarms listed now (every alarm not back to normal), shared by every station. */
  listAlarms(): Promise<AlarmRecord[]>;
  /**
   * Reads the alarms with every other alarm writer held off, lets `decide` (pure) say what they become,
   * writes that with its events in one transaction and returns what `decide` returned. When `decide`
   * throws, nothing is written and the call rejects with its error. `at` stamps the rows it changes.
   */
  transitionAlarms<T extends AlarmTransition>(at: string, decide: (current: AlarmRecord[]) => T): Promise<T>;
  /** A page of the alarm history, newest first. */
  listAlarmEvents(filter: AlarmEventFilter): Promise<AlarmEventPage>;

  /** Appends a line to the audit trail; the database refuses to change or delete one (append-only triggers). */
  appendAudit(line: AuditLine): Promise<void>;
  /** A page of the audit trail, newest first (keyset by id); the user matched regardless of case, times in [from, to). */
  listAudit(filter: AuditFilter): Promise<AuditPage>;

  /** The station's people (user-records.ts); a name matches whatever its case. Plant mode: shared by every station. */
  listUsers(): Promise<UserRecord[]>;
  findUser(name: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;
  /** Null when the name is taken, or (`onlyIfFirst`) when any user exists already. */
  createUser(user: NewUser): Promise<UserRecord | null>;
  /** Refused, with nothing written, for an unknown user or a change that leaves no enabled engineer. */
  changeUser(change: UserChange): Promise<UserChangeResult>;
  /** Counts a wrong PIN, locking at `lockAfter`; null when the user is unknown or already locked at `at`. */
  recordFailedPin(failed: FailedPin): Promise<UserRecord | null>;
  /** After a good PIN: the count starts again; null when the user is unknown or locked at `at`. */
  clearFailedPins(name: string, at: string): Promise<UserRecord | null>;

  close(): Promise<void>;
}

export class AuthorityUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthorityUnavailableError';
  }
}

/** An archive that would withdraw a push Odoo may have got (see ArchiveRequest.withdrawConsumptionOf). */
export class OutboxBusyError extends Error {
  constructor(readonly moId: string) {
    super(`the consumption of ${moId} has been sent to Odoo; nothing was archived`);
    this.name = 'OutboxBusyError';
  }
}

/** A gate write refused because another holder took the sync lock since this one did. */
export class GateLockLostError extends Error {
  constructor(
    readonly epoch: number,
    readonly newestEpoch: number,
  ) {
    super('lost the sync lock (its database connection dropped and another sync has taken it since); nothing committed');
    this.name = 'GateLockLostError';
  }
}
