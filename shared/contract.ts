/**
 * The one contract between the console and the engine. Electron's preload,
 * the WebSocket bridge and the renderer's adapters are all derived from
 * `requests` and `events`: a new request is one entry here, and the compiler
 * finds every place that must handle it. Inputs are validated with these
 * schemas on the engine side; a bad request gets a clear error, never a crash.
 */
import { z } from 'zod';
import {
  AUDIT_OUTCOMES,
  ROLES,
  TASK_NAMES,
  OUTCOMES,
  WAVE_RESOLUTIONS,
  type Alarm,
  type AlarmEventPage,
  type AuditPage,
  type ConnectionTestResult,
  type HistoryEntry,
  type LogEntry,
  type LogPage,
  type ManualAdditive,
  type NewWavesPause,
  type PlcView,
  type SessionState,
  type SettingsView,
  type SignInResult,
  type UserSummary,
  type OutboxEntry,
  type Page,
  type PublicConfig,
  type RunPage,
  type RunRecord,
  type SchedulerState,
  type ShiftReport,
  type Snapshot,
  type ThroughputBucket,
} from './domain';

const pageInput = {
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
};

/** A period of at most 31 days: the bounded read behind a report or a chart. */
const periodInput = (what: string) =>
  z
    .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
    .strict()
    .refine((input) => Date.parse(input.from) < Date.parse(input.to), { message: 'from must be before to' })
    .refine((input) => Date.parse(input.to) - Date.parse(input.from) <= 31 * 86_400_000, { message: `${what} covers at most 31 days` });

const pin = z.string().min(4, 'a PIN has at least 4 characters').max(64);
const reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(500);

/** An e-signature (issue 11): the signer's PIN again (checked, never stored), what signing means, and a comment. */
export const signatureInput = z
  .object({
    pin,
    meaning: z.string().trim().min(3, 'say what the signature means').max(200),
    comment: z.string().trim().min(3, 'add a comment (at least 3 characters)').max(500),
  })
  .strict();

const userName = z.string().trim().min(2, 'a user name has at least 2 characters').max(64).regex(/^[\p{L}\p{N} ._-]+$/u, 'letters, digits, space, dot, dash and underscore only');

export const requests = {
  getSnapshot: { channel: 'queue/snapshot', input: z.void() },
  syncNow: { channel: 'sync/now', input: z.void() },
  runTask: { channel: 'task/run', input: z.object({ task: z.enum(TASK_NAMES) }).strict() },
  setSchedulerPaused: { channel: 'scheduler/set-paused', input: z.object({ paused: z.boolean() }).strict() },
  listRuns: {
    channel: 'runs/list',
    // Keyset, not page numbers (RunPage): Older passes the last run's id as `before`, Newer the first's as `after`.
    input: z
      .object({
        pageSize: pageInput.pageSize,
        task: z.enum(TASK_NAMES).optional(),
        outcome: z.enum(OUTCOMES).optional(),
        before: z.number().int().positive().optional(),
        after: z.number().int().nonnegative().optional(),
        at: z.iso.datetime({ offset: true }).optional(),
        /** Runs that name this MO (search by MO across runs). */
        moId: z.string().trim().min(1).max(64).optional(),
        /** Only runs started in [from, to). */
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .strict()
      .refine((input) => [input.before, input.after, input.at].filter((cursor) => cursor !== undefined).length <= 1, {
        message: 'give at most one of before, after and at',
      })
      .refine((input) => !input.from || !input.to || Date.parse(input.from) < Date.parse(input.to), { message: 'from must be before to' }),
  },
  listHistory: {
    channel: 'history/list',
    input: z
      .object({
        ...pageInput,
        search: z.string().max(64).optional(),
        status: z.enum(['completed', 'cancelled']).optional(),
        /** Only batches archived in [from, to). */
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
  },
  retryOutbox: { channel: 'outbox/retry', input: z.object({ id: z.number().int().positive() }).strict() },
  archiveBatch: {
    channel: 'queue/archive',
    input: z
      .object({
        moId: z.string().min(1).max(64),
        reason,
        /** Required once users exist: archiving without booking can lose material in Odoo. */
        signature: signatureInput.optional(),
      })
      .strict(),
  },
  resolveWave: {
    channel: 'wave/resolve',
    input: z
      .object({
        action: z.enum(WAVE_RESOLUTIONS),
        reason,
        /** Required once users exist: a wrong hand-over doses an MO twice, a wrong withdraw never. */
        signature: signatureInput.optional(),
      })
      .strict(),
  },
  acknowledgeAlarm: {
    channel: 'alarm/acknowledge',
    input: z.object({ key: z.string().min(1).max(128), note: z.string().trim().max(500).optional() }).strict(),
  },
  shelveAlarm: {
    channel: 'alarm/shelve',
    input: z
      .object({
        key: z.string().min(1).max(128),
        minutes: z.number().int().min(5, 'shelve for at least 5 minutes').max(720, 'shelve for at most 12 hours'),
        note: reason,
      })
      .strict(),
  },
  unshelveAlarm: { channel: 'alarm/unshelve', input: z.object({ key: z.string().min(1).max(128) }).strict() },
  listAlarmHistory: {
    channel: 'alarm/history',
    input: z.object({ pageSize: pageInput.pageSize, before: z.number().int().positive().optional() }).strict(),
  },
  setNewWavesPaused: {
    channel: 'waves/set-paused',
    input: z.object({ paused: z.boolean(), reason }).strict(),
  },
  checkManualAdditive: {
    channel: 'queue/check-additive',
    input: z
      .object({ moId: z.string().min(1).max(64), position: z.number().int().min(0).max(200), checked: z.boolean() })
      .strict(),
  },
  shiftReport: { channel: 'report/shift', input: periodInput('a report') },
  throughput: { channel: 'report/throughput', input: periodInput('a chart') },
  listLogs: {
    channel: 'log/list',
    input: z
      .object({
        pageSize: pageInput.pageSize,
        /** Opaque cursor from the previous page's `older`. */
        older: z.string().max(200).optional(),
        minLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
        search: z.string().max(100).optional(),
      })
      .strict(),
  },
  getSession: { channel: 'session/get', input: z.void() },
  signIn: { channel: 'session/sign-in', input: z.object({ user: userName, pin }).strict() },
  signOut: { channel: 'session/sign-out', input: z.void() },
  createFirstEngineer: { channel: 'users/create-first', input: z.object({ user: userName, pin }).strict() },
  listUsers: { channel: 'users/list', input: z.void() },
  saveUser: {
    channel: 'users/save',
    input: z
      .object({ user: userName, role: z.enum(ROLES), pin: pin.optional(), disabled: z.boolean().optional(), reason })
      .strict(),
  },
  listAudit: {
    channel: 'audit/list',
    input: z
      .object({
        pageSize: pageInput.pageSize,
        before: z.number().int().positive().optional(),
        user: z.string().trim().min(1).max(64).optional(),
        action: z.string().trim().min(1).max(64).optional(),
        outcome: z.enum(AUDIT_OUTCOMES).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
  },
  /**
   * A press on a control the person here may not use: the console does not send the action, so
   * this tells the engine, which records the refused attempt (the engine checks it really is refused).
   */
  reportLockedPress: {
    channel: 'audit/locked-press',
    input: z.object({ action: z.string().min(1).max(64), target: z.string().trim().max(128).optional() }).strict(),
  },
  readPlcView: { channel: 'plc/view', input: z.void() },
  resendBatch: { channel: 'engineer/resend-batch', input: z.object({ moId: z.string().min(1).max(64), reason, signature: signatureInput }).strict() },
  cancelBatch: {
    channel: 'engineer/cancel-batch',
    input: z.object({ moId: z.string().min(1).max(64), tellOdoo: z.boolean(), reason, signature: signatureInput }).strict(),
  },
  resetTask1: { channel: 'engineer/reset-task-1', input: z.object({ reason, signature: signatureInput }).strict() },
  getSettings: { channel: 'settings/get', input: z.void() },
  saveSettings: {
    channel: 'settings/save',
    input: z
      .object({
        /** Key → new value as it would be written in the env file; null removes it from config.json. */
        changes: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string().max(2000).nullable()),
        reason,
      })
      .strict(),
  },
  getConfig: { channel: 'config/get', input: z.void() },
  testConnection: {
    channel: 'connection/test',
    input: z.object({ target: z.enum(['odoo', 'plc', 'database']) }).strict(),
  },
} as const;

export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;

/** What each request answers. */
export interface ResponseMap {
  getSnapshot: Snapshot;
  syncNow: RunRecord;
  runTask: RunRecord;
  setSchedulerPaused: SchedulerState;
  listRuns: RunPage;
  listHistory: Page<HistoryEntry>;
  retryOutbox: OutboxEntry;
  archiveBatch: HistoryEntry;
  /** The mo-sync run that recorded the operator's resolution of a held wave. */
  resolveWave: RunRecord;
  acknowledgeAlarm: Alarm;
  shelveAlarm: Alarm;
  unshelveAlarm: Alarm;
  listAlarmHistory: AlarmEventPage;
  setNewWavesPaused: NewWavesPause;
  checkManualAdditive: ManualAdditive;
  shiftReport: ShiftReport;
  throughput: ThroughputBucket[];
  listLogs: LogPage;
  getSession: SessionState;
  signIn: SignInResult;
  signOut: SessionState;
  createFirstEngineer: SignInResult;
  listUsers: UserSummary[];
  saveUser: UserSummary;
  listAudit: AuditPage;
  reportLockedPress: { recorded: true };
  readPlcView: PlcView;
  /** The mo-sync-style run record of the engineer action (it goes through the gate lock). */
  resendBatch: RunRecord;
  cancelBatch: HistoryEntry;
  resetTask1: RunRecord;
  getSettings: SettingsView;
  saveSettings: SettingsView;
  getConfig: PublicConfig;
  testConnection: ConnectionTestResult;
}

/** Events the engine pushes to every console. */
export interface EventMap {
  snapshot: Snapshot;
  run: RunRecord;
  log: LogEntry;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES = ['snapshot', 'run', 'log'] as const satisfies readonly EventName[];
export const eventChannel = (name: EventName): string => `event/${name}`;

/** The console's view of the engine, identical over IPC and WebSocket. */
export type ConsoleApi = {
  [K in RequestName]: (...args: RequestInput<K> extends void ? [] : [input: RequestInput<K>]) => Promise<ResponseMap[K]>;
} & {
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/**
 * Who is calling (issue 11): a console sends the token of its signed-in session (null: nobody
 * signed in); the CLI names its user (--user, default the OS user). Hosts always pass one; only
 * in-process callers (tests, the engine itself) may leave it out.
 */
export type Credentials = { kind: 'session'; token: string | null } | { kind: 'cli'; user: string };

/** The engine's side: parsed input in, response out. */
export type ConsoleHandlers = {
  [K in RequestName]: (input: ParsedInput<K>, credentials?: Credentials) => Promise<ResponseMap[K]>;
};

/** An error that crosses the bridge: a code the UI can branch on and a sentence for the operator. */
export interface BridgeError {
  /** `unauthorized`: nobody is signed in (or the session ran out); `forbidden`: this role may not, or the signature is wrong. */
  code: 'bad-request' | 'unknown-request' | 'failed' | 'forbidden' | 'unauthorized';
  message: string;
}

/** What a host (Electron main, headless host) needs from the engine. */
export interface ConsoleBackend {
  handlers: ConsoleHandlers;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
