/**
 * An in-memory ConsoleBackend for host and console tests: canned but stateful.
 * "Odoo" holds a numbered list of MOs; syncNow obeys the gate the way the
 * engine does (skipped while the queue is not empty, busy while another sync
 * runs, skipped while the authority is offline) and, like the engine, pushes a
 * run and a snapshot event. Time comes from a counter, so every result is
 * deterministic. Standalone by default; setAuthority switches to plant mode.
 */
import { queueBatch } from './queue-batch';
import { createFakeAlarms, type RaiseAlarm } from './fake-alarms';
import { fakeLogPage, fakeShiftReport, fakeThroughput } from './fake-reports';
import { createFakeAudit, type AuditLine } from './fake-audit';
import { createFakePeople } from './fake-people';
import { createFakeEngineerActions } from './fake-engineer-actions';
import { fakePlcView } from './fake-plc-view';
import { createFakeSettings } from './fake-settings';
import { readRunPage } from '../../electron/store/run-page';
import { requests, type ConsoleBackend, type ConsoleHandlers, type Credentials, type EventMap, type EventName, type RequestName } from '../../shared/contract';
import {
  TASK_NAMES,
  type Alarm,
  type AuditEntry,
  type AuthorityStatus,
  type ConnectionState,
  type HistoryEntry,
  type LogEntry,
  type NewWavesPause,
  type Outcome,
  type OutboxEntry,
  type Page,
  type QueueBatch,
  type Role,
  type RunRecord,
  type SchedulerState,
  type Snapshot,
  type TaskName,
  type Trigger,
} from '../../shared/domain';

export interface FakeBackendOptions {
  /** MOs fetched per wave (SYNC_BATCH_LIMIT). Default 10. */
  waveSize?: number;
  /** Number of the first fake MO: WH/MO/000<firstMo>. Default 11. */
  firstMo?: number;
}

export interface FakeBackend {
  backend: ConsoleBackend;
  /** How often each request reached a handler. */
  calls: Record<RequestName, number>;
  /** Holds the next syncNow inside its handler until the returned function is called. */
  holdNextSync(): () => void;
  /** The PLC finished every batch: archive the queue as completed, push a run and a snapshot. */
  finishWave(): RunRecord;
  /** A scheduled run of `task` finished with `outcome`; pushed as the engine's scheduler would. */
  recordScheduledRun(task: TaskName, outcome: Outcome, reason: string): RunRecord;
  pushLog(message: string, level?: LogEntry['level']): void;
  /** The PLC reports `moId` failed (status_operation = 1): pushes the snapshot. */
  failBatch(moId: string): void;
  /** Odoo refused the consumption of `moId` too often: an outbox entry waits for the operator. */
  quarantinePush(moId: string, lastError: string): OutboxEntry;
  /**
   * Changes what the engine reports about the authority (plant mode, offline,
   * monitoring, mirror lag) and pushes the snapshot, as the engine does when
   * its station role changes. While `offlineSince` is set, Sync now is skipped
   * and archive/retry fail, naming the unreachable database.
   */
  setAuthority(change: Partial<AuthorityStatus>): void;
  /** Makes the next call of `method` throw `message`. */
  failNext(method: RequestName, message: string): void;
  /** The next wave's hand-over goes unconfirmed: a wave-unconfirmed warning shows until resolveWave. Returns its MOs. */
  holdWave(): string[];
  /** Listeners currently subscribed, over all events. */
  subscriberCount(): number;
  /**
   * The PLC read back dosing progress for `moId` (kg per silo/tank so far, finished weight still 0), at the
   * fake clock's time; pushes the snapshot as a plc-read does.
   */
  dose(moId: string, actualKg: QueueBatch['actualKg']): void;
  /** Gives `moId` hand-weighed additives for the operator's checklist; pushes the snapshot. */
  addManualAdditives(moId: string, names: string[]): void;
  /** The engine raised (or raised again) an alarm for a cause; pushes the snapshot. */
  raiseAlarm(alarm: RaiseAlarm): Alarm;
  /** The alarm's cause is gone; pushes the snapshot. */
  clearAlarm(key: string): void;
  /** Lines already in the engine's log files before the console opened (older than anything pushed), oldest last. */
  writeOldLogs(lines: { message: string; level?: LogEntry['level'] }[]): void;
  /** A line in the engine's audit trail (time: the fake clock's now, station: the fake's, unless given). */
  audit(line: AuditLine): AuditEntry;
  /** A batch is dosing (or no longer): the engine refuses to reset the start of Task 1 while it is. */
  setPlcBusy(busy: boolean): void;
  /** A user the engine knows (the station is then no longer open). */
  addUser(name: string, role: Role, pin: string): Promise<void>;
  /** Minutes pass with no action of anyone's session: the engine signs idle sessions out. */
  idle(minutes: number): void;
}

const STATION = 'FAKE-01';
const START = Date.UTC(2026, 10, 28, 8, 0, 0);
const INTERVALS: Record<TaskName, number> = {
  'mo-sync': 60,
  'plc-read': 5,
  complete: 3,
  health: 10,
  'equipment-failure': 5,
  'log-cleanup': 1440,
};

export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const waveSize = options.waveSize ?? 10;
  let nextMo = options.firstMo ?? 11;
  let tick = 0;
  let nextRunId = 1;
  let paused = false;
  let newWaves: NewWavesPause = { paused: false, changedAt: null, changedBy: null, reason: null };
  let plcReadAt: string | null = null;
  let syncing = false;
  let syncHold: Promise<void> | null = null;
  const queue: QueueBatch[] = [];
  const history: HistoryEntry[] = [];
  const runs: RunRecord[] = [];
  const outbox: OutboxEntry[] = [];
  /** MOs of a wave whose hand-over is unconfirmed, waiting for an operator's Hand over or Withdraw. */
  let heldWave: QueueBatch[] = [];
  const failures = new Map<RequestName, string>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const calls = Object.fromEntries(Object.keys(requests).map((name) => [name, 0])) as Record<RequestName, number>;
  let authority: AuthorityStatus = {
    kind: 'sqlite',
    offlineSince: null,
    mirror: null,
    driver: { station: STATION, since: new Date(START).toISOString(), heartbeatAt: new Date(START).toISOString() },
    drivesPlc: true,
  };

  const now = (): string => new Date(START + 1000 * tick++).toISOString();
  const alarms = createFakeAlarms(now, STATION, () => emit('snapshot', snapshot()));
  /** The engine's log files, newest first. */
  const logs: LogEntry[] = [];
  const audit = createFakeAudit(now, STATION);
  // The engine's own guard over the fake's handlers: no user at first, so the station runs open as a new one does.
  const people = createFakePeople({
    station: STATION,
    start: START,
    record: audit.record,
    selfAudited: ['resendBatch', 'cancelBatch', 'resetTask1', 'saveSettings'],
  });
  const settings = createFakeSettings();
  const engineer = createFakeEngineerActions({
    queue,
    history,
    audit,
    now,
    record: (task, outcome, reason, moIds) => record(task, 'manual', outcome, reason, moIds),
    callerOf: people.callerOf,
    changed: () => emit('snapshot', snapshot()),
  });

  function emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of listeners.get(event) ?? []) (listener as (value: EventMap[E]) => void)(payload);
  }

  function record(
    task: TaskName,
    trigger: Trigger,
    outcome: Outcome,
    reason: string,
    moIds: string[] = [],
    queueCount: number | null = task === 'mo-sync' ? queue.length : null,
  ): RunRecord {
    const startedAt = now();
    const run: RunRecord = {
      id: nextRunId++,
      task,
      trigger,
      startedAt,
      finishedAt: now(),
      outcome,
      queueCount,
      moIds,
      reason,
      durationMs: 1000,
      station: STATION,
    };
    runs.unshift(run);
    emit('run', run);
    return run;
  }

  function scheduler(): SchedulerState {
    return {
      paused,
      tasks: TASK_NAMES.map((task) => ({
        task,
        enabled: true,
        intervalMinutes: INTERVALS[task],
        nextRunAt: paused ? null : new Date(START + INTERVALS[task] * 60_000).toISOString(),
        running: task === 'mo-sync' && syncing,
        lastRun: runs.find((run) => run.task === task) ?? null,
      })),
    };
  }

  function snapshot(): Snapshot {
    return {
      station: STATION,
      generatedAt: now(),
      queue: { count: queue.length, batches: queue.map((batch) => ({ ...batch })) },
      scheduler: scheduler(),
      connections: {
        odoo: { state: 'ok', detail: 'fake Odoo', lastOkAt: new Date(START).toISOString() },
        plc: { state: 'ok', detail: 'fake PLC', lastOkAt: new Date(START).toISOString() },
        database: databaseConnection(),
      },
      lastSync: runs.find((run) => run.task === 'mo-sync') ?? null,
      authority: { ...authority },
      warnings: [
        ...(heldWave.length > 0
          ? [
              {
                kind: 'wave-unconfirmed' as const,
                message: `the hand-over of ${heldWave.map((b) => b.moId).join(', ')} is unconfirmed: the PLC has not taken it. Press "Hand over" or "Withdraw", with a reason`,
              },
            ]
          : []),
        ...outbox
          .filter((entry) => entry.state === 'quarantined')
          .map((entry) => ({ kind: 'quarantined-push' as const, message: `Odoo refused the consumption of ${entry.moId}`, moId: entry.moId })),
      ],
      outbox: {
        pending: outbox.filter((entry) => entry.state === 'pending').length,
        quarantined: outbox.filter((entry) => entry.state === 'quarantined').map((entry) => ({ ...entry })),
      },
      alarms: alarms.list(),
      newWaves: { ...newWaves },
      plcReadAt,
    };
  }

  function databaseConnection(): ConnectionState {
    if (authority.offlineSince !== null) return { state: 'down', detail: unreachable(), lastOkAt: authority.offlineSince };
    return { state: 'ok', detail: authority.kind === 'postgres' ? 'fake PostgreSQL' : 'in memory', lastOkAt: new Date(START).toISOString() };
  }

  /** The engine's words for a lost authority (electron/store/postgres/pg-unavailable.ts). */
  function unreachable(): string {
    return `${authority.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} unreachable (fake): connection refused`;
  }

  /** Archive and retry write to the authority: refused while it is offline, as the engine's store refuses them. */
  function needAuthority(): void {
    if (authority.offlineSince !== null) throw new Error(unreachable());
  }

  function fetchWave(): string[] {
    for (let slot = 1; slot <= waveSize; slot++) {
      const moId = `WH/MO/${String(nextMo++).padStart(5, '0')}`;
      queue.push(
        queueBatch(slot, {
          moId,
          finishedGoods: `FEED ${slot}`,
          components: { 101: { name: 'PKE PELLET', plannedKg: 600 }, 114: { name: 'TETES', plannedKg: 400 } },
        }),
      );
    }
    return queue.map((batch) => batch.moId);
  }

  async function syncOnce(): Promise<RunRecord> {
    if (syncing) return record('mo-sync', 'manual', 'busy', 'another sync is running');
    syncing = true;
    try {
      if (syncHold) {
        const hold = syncHold;
        syncHold = null;
        await hold;
      }
      if (authority.offlineSince !== null) {
        // The engine never decides the gate on the mirror (../shared/DESIGN.md "Data: who is the authority").
        return record('mo-sync', 'manual', 'skipped', `${unreachable()}; nothing was fetched (the gate is never decided on the local mirror)`, [], null);
      }
      if (queue.length > 0) {
        return record('mo-sync', 'manual', 'skipped', `waiting for the PLC to finish ${queue.length} batches`);
      }
      if (newWaves.paused) return record('mo-sync', 'manual', 'skipped', `new waves are paused: ${newWaves.reason ?? ''}`);
      const moIds = fetchWave();
      return record('mo-sync', 'manual', 'fetched', `dispatched ${moIds.length} MOs to the PLC`, moIds);
    } finally {
      syncing = false;
      emit('snapshot', snapshot());
    }
  }

  function page<T>(items: T[], pageNo: number, pageSize: number): Page<T> {
    return { items: items.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: items.length, page: pageNo, pageSize };
  }

  function counted<I, O>(method: RequestName, handler: (input: I, credentials?: Credentials) => Promise<O>): (input: I, credentials?: Credentials) => Promise<O> {
    return async (input, credentials) => {
      calls[method] += 1;
      const failure = failures.get(method);
      if (failure !== undefined) {
        failures.delete(method);
        throw new Error(failure);
      }
      return handler(input, credentials);
    };
  }

  const handlers: ConsoleHandlers = people.guard({
    getSnapshot: counted('getSnapshot', async () => snapshot()),
    syncNow: counted('syncNow', syncOnce),
    runTask: counted('runTask', async ({ task }) => record(task, 'manual', 'idle', 'nothing to do')),
    setSchedulerPaused: counted('setSchedulerPaused', async (input) => {
      paused = input.paused;
      emit('snapshot', snapshot());
      return scheduler();
    }),
    // The stores' own keyset paging (run-page.ts) over the runs in memory (newest first).
    listRuns: counted('listRuns', async (input) =>
      readRunPage(
        {
          async window({ task, outcome, above = 0, below = Infinity }, limit, oldestFirst) {
            const inWindow = runs.filter(
              (run) =>
                (task === undefined || run.task === task) &&
                (outcome === undefined || run.outcome === outcome) &&
                (input.moId === undefined || run.moIds.includes(input.moId)) &&
                (input.from === undefined || Date.parse(run.startedAt) >= Date.parse(input.from)) &&
                (input.to === undefined || Date.parse(run.startedAt) < Date.parse(input.to)) &&
                run.id > above &&
                run.id < below,
            );
            return (oldestFirst ? inWindow.reverse() : inWindow).slice(0, limit);
          },
          idStartedAtOrBefore: async (at) => runs.find((run) => Date.parse(run.startedAt) <= Date.parse(at))?.id ?? null,
        },
        input,
      ),
    ),
    listHistory: counted('listHistory', async (input) => {
      const search = input.search?.toLowerCase() ?? '';
      return page(
        history.filter(
          (entry) =>
            entry.moId.toLowerCase().includes(search) &&
            (input.status === undefined || entry.status === input.status) &&
            (input.from === undefined || (entry.archivedAt !== null && Date.parse(entry.archivedAt) >= Date.parse(input.from))) &&
            (input.to === undefined || (entry.archivedAt !== null && Date.parse(entry.archivedAt) < Date.parse(input.to))),
        ),
        input.page,
        input.pageSize,
      );
    }),
    retryOutbox: counted('retryOutbox', async ({ id }) => {
      needAuthority();
      const entry = outbox.find((candidate) => candidate.id === id);
      if (!entry) throw new Error(`no outbox entry ${id}`);
      if (entry.state === 'withdrawn') throw new Error(`the ${entry.kind} of ${entry.moId} is not sent: its batch was archived as cancelled`);
      Object.assign(entry, { state: 'pending', nextAttemptAt: null, updatedAt: now() });
      emit('snapshot', snapshot());
      return { ...entry };
    }),
    archiveBatch: counted('archiveBatch', async ({ moId, reason }) => {
      needAuthority();
      const index = queue.findIndex((batch) => batch.moId === moId);
      const batch = queue[index];
      if (!batch) throw new Error(`${moId} is not in the queue`);
      queue.splice(index, 1);
      const archivedAt = now();
      // As the engine: the batch's consumption push ends with the archive.
      for (const push of outbox) if (push.moId === moId && push.kind === 'consumption') Object.assign(push, { state: 'withdrawn', updatedAt: archivedAt });
      const entry: HistoryEntry = { ...batch, status: 'cancelled', notes: reason, archivedAt };
      history.unshift(entry);
      record('complete', 'manual', 'done', `archived ${moId} by hand: ${reason}`, [moId]);
      emit('snapshot', snapshot());
      return entry;
    }),
    resolveWave: counted('resolveWave', async ({ action, reason }) => {
      needAuthority();
      if (heldWave.length === 0) throw new Error('no wave is waiting for an operator: nothing is unconfirmed or in conflict');
      const wave = heldWave;
      heldWave = [];
      const moIds = wave.map((batch) => batch.moId);
      if (action === 'hand-over') queue.push(...wave);
      const done = action === 'hand-over' ? 'handed over to the PLC and queued' : 'cleared from the PLC; these MOs will be fetched again';
      const run = record('mo-sync', 'manual', 'recovered', `${action} by an operator ("${reason}"): ${done}`, action === 'hand-over' ? moIds : []);
      emit('snapshot', snapshot());
      return run;
    }),
    getConfig: counted('getConfig', async () => ({
      station: STATION,
      dataDir: '/tmp/fake',
      authority: authority.kind,
      odoo: { baseUrl: 'http://odoo.invalid', db: 'fake', username: 'operator', passwordSet: true },
      plc: { host: '127.0.0.1', port: 9600, protocol: 'udp', timeoutSec: 2, clientNode: 1, plcNode: 2 },
      syncBatchLimit: waveSize,
      tasks: TASK_NAMES.map((task) => ({ task, enabled: true, intervalMinutes: INTERVALS[task] })),
      autoSync: true,
      demo: true,
      uiLanguage: 'en',
    })),
    setNewWavesPaused: counted('setNewWavesPaused', async ({ paused: pause, reason }) => {
      needAuthority();
      newWaves = { paused: pause, changedAt: now(), changedBy: STATION, reason };
      emit('snapshot', snapshot());
      return { ...newWaves };
    }),
    checkManualAdditive: counted('checkManualAdditive', async ({ moId, position, checked }) => {
      needAuthority();
      const additive = queue.find((batch) => batch.moId === moId)?.manualAdditives.find((line) => line.position === position);
      if (!additive) throw new Error(`${moId} has no hand-weighed additive at position ${position}`);
      Object.assign(additive, checked ? { checkedAt: now(), checkedBy: STATION } : { checkedAt: null, checkedBy: null });
      emit('snapshot', snapshot());
      return { ...additive };
    }),
    acknowledgeAlarm: counted('acknowledgeAlarm', alarms.handlers.acknowledgeAlarm),
    shelveAlarm: counted('shelveAlarm', alarms.handlers.shelveAlarm),
    unshelveAlarm: counted('unshelveAlarm', alarms.handlers.unshelveAlarm),
    listAlarmHistory: counted('listAlarmHistory', alarms.handlers.listAlarmHistory),
    shiftReport: counted('shiftReport', async (input) => fakeShiftReport(history, runs, input)),
    throughput: counted('throughput', async (input) => fakeThroughput(history, runs, input)),
    listLogs: counted('listLogs', async (input) => fakeLogPage(logs, input)),
    testConnection: counted('testConnection', async ({ target }) => ({ target, ok: true, message: `${target} answered`, latencyMs: 3 })),
    listAudit: counted('listAudit', audit.listAudit),
    readPlcView: counted('readPlcView', async () => fakePlcView(queue, now())),
    resendBatch: counted('resendBatch', engineer.handlers.resendBatch),
    cancelBatch: counted('cancelBatch', engineer.handlers.cancelBatch),
    resetTask1: counted('resetTask1', engineer.handlers.resetTask1),
    getSettings: counted('getSettings', async () => settings.view()),
    saveSettings: counted('saveSettings', async (input, credentials) => {
      const line = { action: 'saveSettings', target: Object.keys(input.changes).join(', '), reason: input.reason, signature: null };
      await audit.audited(people.callerOf(credentials), line, async () => settings.save(input), (changed) => changed);
      return settings.view();
    }),
  });

  return {
    backend: {
      handlers,
      subscribe(event, listener) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        const stored = listener as (payload: never) => void;
        set.add(stored);
        return () => {
          set.delete(stored);
        };
      },
    },
    calls,
    holdNextSync() {
      let release = (): void => undefined;
      syncHold = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    finishWave() {
      const archivedAt = now();
      const finished = queue.splice(0, queue.length);
      for (const batch of finished) {
        history.unshift({
          ...batch,
          status: 'completed',
          notes: null,
          statusManufacturing: true,
          actualWeightKg: batch.quantityKg,
          actualKg: { 101: 600, 114: 400 },
          lastReadFromPlc: archivedAt,
          archivedAt,
        });
      }
      const run = record('complete', 'schedule', 'done', `archived ${finished.length} batches`, finished.map((batch) => batch.moId));
      emit('snapshot', snapshot());
      return run;
    },
    recordScheduledRun(task, outcome, reason) {
      const run = record(task, 'schedule', outcome, reason);
      emit('snapshot', snapshot());
      return run;
    },
    pushLog(message, level = 'info') {
      const entry: LogEntry = { time: now(), level, message };
      logs.unshift(entry);
      emit('log', entry);
    },
    raiseAlarm(alarm) {
      return alarms.raise(alarm);
    },
    clearAlarm(key) {
      alarms.clear(key);
    },
    writeOldLogs(lines) {
      const oldest = Date.parse(logs.at(-1)?.time ?? new Date(START).toISOString());
      lines.forEach(({ message, level = 'info' }, index) => logs.push({ time: new Date(oldest - (index + 1) * 60_000).toISOString(), level, message }));
    },
    audit: audit.record,
    setPlcBusy: engineer.setPlcBusy,
    addUser: people.addUser,
    idle: people.idle,
    failBatch(moId) {
      const batch = queue.find((b) => b.moId === moId);
      if (!batch) throw new Error(`${moId} is not in the fake queue`);
      batch.statusOperation = true;
      emit('snapshot', snapshot());
    },

    quarantinePush(moId, lastError) {
      const at = now();
      const entry: OutboxEntry = {
        id: outbox.length + 1,
        moId,
        kind: 'consumption',
        payload: { mo_id: moId },
        state: 'quarantined',
        attempts: 5,
        lastError,
        nextAttemptAt: null,
        baseline: null,
        sentAt: at,
        claimedBy: null,
        claimedUntil: null,
        createdAt: at,
        updatedAt: at,
      };
      outbox.push(entry);
      emit('snapshot', snapshot());
      return { ...entry };
    },
    setAuthority(change) {
      authority = { ...authority, ...change };
      emit('snapshot', snapshot());
    },
    failNext(method, message) {
      failures.set(method, message);
    },
    holdWave() {
      const moIds = fetchWave();
      heldWave = queue.splice(0, queue.length);
      emit('snapshot', snapshot());
      return moIds;
    },
    dose(moId, actualKg) {
      const batch = queue.find((b) => b.moId === moId);
      if (!batch) throw new Error(`${moId} is not in the fake queue`);
      plcReadAt = now();
      Object.assign(batch, { actualKg: { ...actualKg }, actualWeightKg: 0, lastReadFromPlc: plcReadAt });
      emit('snapshot', snapshot());
    },
    addManualAdditives(moId, names) {
      const batch = queue.find((b) => b.moId === moId);
      if (!batch) throw new Error(`${moId} is not in the fake queue`);
      batch.manualAdditives = names.map((name, index) => ({ position: index + 2, name, quantity: 1.5, uom: 'kg', checkedAt: null, checkedBy: null }));
      emit('snapshot', snapshot());
    },
    subscriberCount() {
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
  };
}
