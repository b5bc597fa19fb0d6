/**
 * Domain types shared by the engine and the renderer. Names follow the
 * plant's vocabulary (../shared/plant/README.md): a wave of batches is
 * dispatched to PLC slots 1..10; finished batches are archived.
 */

/** PLC equipment ids: silos 101..113, liquid tanks 114 (TETES) and 115 (FML). */
export const EQUIPMENT_IDS = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115] as const;
export type EquipmentId = (typeof EQUIPMENT_IDS)[number];

export const SLOT_COUNT = 10;

/** One MO as dispatched to a PLC slot (planned values, from Odoo). */
export interface BatchRecipe {
  batchNo: number;
  moId: string;
  /** Full product name from Odoo; the PLC gets its first 16 characters. */
  finishedGoods: string;
  /** Planned finished quantity in kg (the plant's column `consumption`). */
  quantityKg: number;
  /** MO-level SCADA equipment code, '' when the MO has none. */
  equipmentIdBatch: string;
  components: Partial<Record<EquipmentId, { name: string; plannedKg: number }>>;
  /** Components the PLC does not dose, weighed by hand (the batch's checklist, ticked in the queue). */
  manualAdditives: Pick<ManualAdditive, 'position' | 'name' | 'quantity' | 'uom'>[];
}

/**
 * An additive the PLC does not dose (on the MO-level PLC or on no equipment, README §1.1): the
 * operator weighs it by hand and ticks it off on the batch's checklist.
 */
export interface ManualAdditive {
  /** Position in the MO's component list (0-based): the checklist line's key. */
  position: number;
  name: string;
  /** Planned quantity, null when Odoo gave none. */
  quantity: number | null;
  uom: string;
  /** When and at which station it was ticked; null while not yet added. */
  checkedAt: string | null;
  checkedBy: string | null;
}

/** A row of `mo_batch`: the recipe plus what the PLC reported so far. */
export interface QueueBatch extends BatchRecipe {
  id: string;
  statusManufacturing: boolean;
  statusOperation: boolean;
  actualWeightKg: number | null;
  actualKg: Partial<Record<EquipmentId, number>>;
  /** ISO time of the last PLC read that changed this row. */
  lastReadFromPlc: string | null;
  updateOdoo: boolean;
  odooCancelled: boolean;
  /** The batch's hand-weighed additives and how far the operator has ticked them off. */
  manualAdditives: ManualAdditive[];
}

export type HistoryStatus = 'completed' | 'cancelled';

/** A row of `mo_histories`; the archive shows no checklist (its lines stay in `batch_additives`, its ticks in the engine's log). */
export interface HistoryEntry extends Omit<BatchRecipe, 'manualAdditives'> {
  id: string;
  status: HistoryStatus;
  notes: string | null;
  statusManufacturing: boolean;
  statusOperation: boolean;
  actualWeightKg: number | null;
  actualKg: Partial<Record<EquipmentId, number>>;
  lastReadFromPlc: string | null;
  archivedAt: string | null;
}

export const TASK_NAMES = ['mo-sync', 'plc-read', 'complete', 'health', 'equipment-failure', 'log-cleanup'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/**
 * Tasks that act on the PLC and Odoo for the whole plant: only the station that drives the PLC runs
 * them (a monitoring station refuses them; its console disables them). Task 1 is not among them: a
 * monitoring station's Sync now goes through the same gate — only its timer leaves Task 1 to the driver.
 */
export const DRIVER_ONLY_TASKS = ['plc-read', 'complete', 'equipment-failure', 'log-cleanup'] as const satisfies readonly TaskName[];

export const TRIGGERS = ['schedule', 'manual', 'cli', 'startup'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/**
 * How a run ended. Task 1 uses fetched/skipped/empty/busy/error/recovered;
 * the other tasks use done (did work), idle (nothing to do), busy and error.
 */
export const OUTCOMES = ['fetched', 'skipped', 'empty', 'busy', 'error', 'recovered', 'done', 'idle'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One row of `sync_runs`: every decision any task made, with its reason. */
export interface RunRecord {
  id: number;
  task: TaskName;
  trigger: Trigger;
  startedAt: string;
  finishedAt: string;
  outcome: Outcome;
  /** mo_batch rows the gate saw (Task 1), null for other tasks. */
  queueCount: number | null;
  /** MOs this run dispatched, completed, cancelled or recovered. */
  moIds: string[];
  /** Why, in words an operator can act on. */
  reason: string;
  durationMs: number;
  station: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A page of the run log, newest first, found by keyset (run id) rather than by
 * page number: its cost does not grow with the log (a million runs are
 * normal after a month), so there is no total, only whether more lie either side.
 */
export interface RunPage {
  items: RunRecord[];
  pageSize: number;
  /** Runs matching the filter exist older than the last item (the Older button). */
  hasOlder: boolean;
  /** Runs matching the filter exist newer than the first item: false means this page shows the newest. */
  hasNewer: boolean;
}

export type ConnectionTarget = 'odoo' | 'plc' | 'database';

export interface ConnectionState {
  state: 'ok' | 'degraded' | 'down' | 'unknown';
  detail: string;
  /** ISO time of the last successful contact, null if never. */
  lastOkAt: string | null;
}

export interface TaskSchedule {
  task: TaskName;
  enabled: boolean;
  intervalMinutes: number;
  nextRunAt: string | null;
  running: boolean;
  lastRun: RunRecord | null;
}

export interface SchedulerState {
  /** Master switch (ENABLE_AUTO_SYNC) combined with the operator's pause. */
  paused: boolean;
  tasks: TaskSchedule[];
}

export interface HealthWarning {
  kind:
    | 'stuck-batch'
    | 'wave-not-started'
    | 'stale-plc-read'
    | 'failed-batch'
    | 'unreportable-batch'
    | 'quarantined-push'
    | 'implausible-value'
    | 'connection-down'
    /** A dispatched wave the PLC shows no trace of (hand-over unconfirmed, or conflict): the gate waits for an operator's Hand over or Withdraw. */
    | 'wave-unconfirmed'
    /** Odoo still lists hundreds of MOs produced here (pitfall P8): every sync reads past them until they are closed in Odoo. */
    | 'odoo-backlog';
  message: string;
  batchNo?: number;
  moId?: string;
  /** The connection a `connection-down` warning is about: each is a cause of its own. */
  target?: ConnectionTarget;
}

/** An operator's answer to a `wave-unconfirmed` warning: give the wave to the PLC, or clear it so its MOs are fetched again. */
export const WAVE_RESOLUTIONS = ['hand-over', 'withdraw'] as const;
export type WaveResolution = (typeof WAVE_RESOLUTIONS)[number];

/** Where the queue's truth lives and who drives the PLC (../shared/DESIGN.md "Data: who is the authority"). */
export interface AuthorityStatus {
  kind: 'sqlite' | 'postgres';
  /** ISO time since which the authority has been unreachable (the console then shows the mirror's last known state). */
  offlineSince: string | null;
  /** The local mirror of a PostgreSQL authority; null in standalone mode. */
  mirror: { lagMs: number | null; lastSyncAt: string | null } | null;
  /** The station that drives the PLC (holds the lease); null when nobody does. */
  driver: { station: string; since: string; heartbeatAt: string } | null;
  /** Whether this station drives the PLC; a monitoring station only watches (its Sync now still goes through the gate). */
  drivesPlc: boolean;
}

/** ISA-18.2 priority: high needs action now, medium soon, low when convenient. */
export const ALARM_PRIORITIES = ['high', 'medium', 'low'] as const;
export type AlarmPriority = (typeof ALARM_PRIORITIES)[number];

/**
 * ISA-18.2 states an alarm is shown in (an alarm acknowledged and back to normal leaves the list):
 * active and not acknowledged; active and acknowledged; returned to normal but not acknowledged;
 * shelved by an operator until a time (hidden from the banner, still listed).
 */
export const ALARM_STATES = ['unacknowledged', 'acknowledged', 'returned-unacknowledged', 'shelved'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export type AlarmKind = HealthWarning['kind'];

/** One alarm per cause: many warnings of one cause (ten stuck batches, say) are one alarm listing what they affect. */
export interface Alarm {
  /** The cause: the warning kind, plus the connection for `connection-down` (e.g. `connection-down:plc`). */
  key: string;
  kind: AlarmKind;
  priority: AlarmPriority;
  state: AlarmState;
  /** Whether the condition holds now (a shelved alarm may be active or not). */
  active: boolean;
  /** The engine's latest sentence for it (the engineer's detail; the operator's title comes from the kind). */
  message: string;
  /** The batches or MOs this cause affects now, each with the engine's sentence. */
  affected: { batchNo?: number; moId?: string; message: string }[];
  /** Times it became active since it was last normal (acknowledged and returned). */
  occurrences: number;
  firstRaisedAt: string;
  lastRaisedAt: string;
  returnedAt: string | null;
  acknowledged: { at: string; by: string; note: string | null } | null;
  shelved: { until: string; by: string; note: string } | null;
}

export const ALARM_EVENTS = ['raised', 'acknowledged', 'shelved', 'unshelved', 'returned', 'normal'] as const;
export type AlarmEventKind = (typeof ALARM_EVENTS)[number];

/** A line of the alarm history (append-only). */
export interface AlarmEvent {
  id: number;
  key: string;
  kind: AlarmKind;
  priority: AlarmPriority;
  event: AlarmEventKind;
  at: string;
  /** The station where it happened (the driver for raised/returned, the operator's for acknowledge/shelve). */
  station: string;
  note: string | null;
  message: string;
}

export interface AlarmEventPage {
  items: AlarmEvent[];
  pageSize: number;
  hasOlder: boolean;
}

/** Pause new waves (the gate fetches nothing), plant-wide; PLC reading and booking go on. */
export interface NewWavesPause {
  paused: boolean;
  /** When and where it was last changed, and why; null if never. */
  changedAt: string | null;
  changedBy: string | null;
  reason: string | null;
}

/** What one shift (or any period) produced, from the archive. */
export interface ShiftReport {
  from: string;
  to: string;
  completed: number;
  cancelled: number;
  /** Waves fetched in the period. */
  waves: number;
  /** kg dosed per silo or tank by completed batches. */
  kgByEquipment: Partial<Record<EquipmentId, number>>;
  totalKg: number;
  /** Failed (cancelled) batches, newest first. */
  failures: { moId: string; batchNo: number; archivedAt: string | null; notes: string | null }[];
  mos: { moId: string; status: HistoryStatus; finishedGoods: string; actualWeightKg: number | null; archivedAt: string | null }[];
}

/** Throughput per hour bucket (for the chart): waves fetched and kg per silo archived as completed. */
export interface ThroughputBucket {
  /** ISO start of the hour. */
  hour: string;
  waves: number;
  completed: number;
  kgByEquipment: Partial<Record<EquipmentId, number>>;
}

/** A page of the engine's own log files, newest first. */
export interface LogPage {
  items: LogEntry[];
  /** Cursor for the next older page, null at the oldest kept entry. */
  older: string | null;
}

export interface Snapshot {
  station: string;
  generatedAt: string;
  queue: { count: number; batches: QueueBatch[] };
  scheduler: SchedulerState;
  connections: Record<ConnectionTarget, ConnectionState>;
  lastSync: RunRecord | null;
  warnings: HealthWarning[];
  /** Calls to Odoo still to be made; quarantined ones wait for an operator (retry or export). */
  outbox: { pending: number; quarantined: OutboxEntry[] };
  authority: AuthorityStatus;
  /** Alarms to show (the engine owns their state: every station sees the same), highest priority first. */
  alarms: Alarm[];
  newWaves: NewWavesPause;
  /** When the PLC was last read successfully (its values' age), null if never. */
  plcReadAt: string | null;
}

/**
 * A call to Odoo that must happen exactly once (decision Q5): recorded before
 * it is sent, so a crash between Odoo's acceptance and the archive is
 * reconciled instead of booked twice.
 */
export const OUTBOX_KINDS = ['consumption', 'cancel', 'mark-done', 'failure-report'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
/** `withdrawn`: its batch was archived as cancelled before Odoo got it; never sent afterwards. */
export const OUTBOX_STATES = ['pending', 'sending', 'done', 'quarantined', 'withdrawn'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxEntry {
  id: number;
  moId: string;
  kind: OutboxKind;
  /** The body sent to Odoo. */
  payload: Record<string, unknown>;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  /** ISO time before which no retry is made (backoff). */
  nextAttemptAt: string | null;
  /** Odoo's consumed quantities per equipment code just before the first send (for reconciliation). */
  baseline: Record<string, number> | null;
  /** When it last went to `sending`: a reply that never came is not read back before Odoo may have finished it. */
  sentAt: string | null;
  /** The courier delivering it now (one at a time) and until when its claim holds. */
  claimedBy: string | null;
  claimedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LogEntry {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  task?: TaskName;
  moId?: string;
}

export interface ConnectionTestResult {
  target: ConnectionTarget;
  ok: boolean;
  message: string;
  latencyMs: number;
}

/** Configuration as the console may see it: no passwords, no tokens. */
export interface PublicConfig {
  station: string;
  dataDir: string;
  authority: 'sqlite' | 'postgres';
  odoo: { baseUrl: string; db: string; username: string; passwordSet: boolean };
  plc: { host: string; port: number; protocol: 'udp' | 'tcp'; timeoutSec: number; clientNode: number; plcNode: number };
  syncBatchLimit: number;
  tasks: { task: TaskName; enabled: boolean; intervalMinutes: number }[];
  autoSync: boolean;
  demo: boolean;
  /** The console's default language (UI_LANGUAGE); an operator may switch. */
  uiLanguage: 'id' | 'en';
}

/** Who may do what (issue 11): an operator runs the line, a supervisor decides about material, an engineer configures. */
export const ROLES = ['operator', 'supervisor', 'engineer'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person at this station. */
export interface SessionInfo {
  user: string;
  role: Role;
  station: string;
  signedInAt: string;
  /** Signed out automatically at this time unless the person acts again (inactivity). */
  expiresAt: string;
}

/** What a console knows about who is at the station. */
export interface SessionState {
  session: SessionInfo | null;
  /** No user exists yet: the station runs open until the first engineer is created. */
  firstRun: boolean;
  /** Minutes of inactivity before automatic sign-out. */
  idleMinutes: number;
}

export interface SignInResult {
  session: SessionInfo;
  /** Sent with every later call of this console; never stored on disk by the console. */
  token: string;
}

export interface UserSummary {
  name: string;
  role: Role;
  disabled: boolean;
  /** Locked after repeated wrong PINs until this time; null when not locked. */
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** 21 CFR Part 11 style: who signed is the audit entry's user; what the signature means and the signer's comment. */
export interface ElectronicSignature {
  meaning: string;
  comment: string;
}

export const AUDIT_OUTCOMES = ['done', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One line of the append-only audit trail: every action through the console or the CLI, and every refused attempt. */
export interface AuditEntry {
  id: number;
  at: string;
  user: string;
  role: Role | null;
  station: string;
  source: 'console' | 'cli';
  /** The request or CLI command, e.g. `archiveBatch`, `sync`. */
  action: string;
  /** What it acted on: an MO, an alarm, a setting, a user. */
  target: string | null;
  reason: string | null;
  outcome: AuditOutcome;
  /** Why it was refused or failed, or what changed (settings: before → after). */
  detail: string | null;
  signature: ElectronicSignature | null;
}

export interface AuditPage {
  items: AuditEntry[];
  pageSize: number;
  hasOlder: boolean;
}

/** One named PLC field decoded with the memory map (the engineer's view instead of raw D words). */
export interface PlcField {
  /** e.g. "WRITE slot 3 · NO-MO"; the D address stays in `address` for the engineer. */
  label: string;
  address: string;
  value: string | number | boolean;
  unit?: string;
}

export interface PlcView {
  readAt: string;
  handshake: PlcField[];
  writeSlots: { slot: number; fields: PlcField[] }[];
  readSlots: { slot: number; fields: PlcField[] }[];
  failure: PlcField[];
  weighing: PlcField[];
}

/** A setting as the editor shows it. Secrets are write-only: only whether one is set. */
export interface SettingView {
  key: string;
  value: string | null;
  secret: boolean;
  /** Where the value in force comes from. */
  source: 'default' | 'config-file' | 'env-file' | 'environment' | 'flag';
  /** Set by the env file (ENV_FILE), the environment or a flag: a config.json value would not take effect. */
  overridden: boolean;
}

/** The `value` a secret setting shows when it is set: never the secret itself (null when it is not set). */
export const SECRET_SET = '••••••••';

export interface SettingsView {
  settings: SettingView[];
  /** config.json changed since start: the new values apply at the next start. */
  restartNeeded: boolean;
  configFile: string;
}
