/**
 * The engine: tasks on a scheduler, one authority store, the Odoo and PLC
 * clients, and the events the console listens to. No Electron here — the
 * hosts (Electron main, headless host, CLI) only call `backend` and `runTask`.
 */
import type { ConsoleBackend } from '../../shared/contract';
import {
  DRIVER_ONLY_TASKS,
  type ConnectionTarget,
  type ConnectionTestResult,
  type HistoryEntry,
  type OutboxEntry,
  type RunRecord,
  type Snapshot,
  type TaskName,
  type Trigger,
  type WaveResolution,
} from '../../shared/domain';
import type { OdooClient } from '../odoo/odoo-client';
import type { OdooMo } from '../odoo/odoo-replies';
import { plcMemoryMap } from '../plc/memory-map';
import type { PlcLink } from '../plc/plc-link';
import { AuthorityUnavailableError, OutboxBusyError, type AuthorityStore } from '../store/authority-store';
import type { MirrorReader } from '../store/mirror/mirror-reader';
import { AlarmBoard } from './alarms/alarm-board';
import type { Clock } from './clock';
import type { ConfigInputs, EngineConfig } from './config';
import { ConnectionTracker } from './connection-tracker';
import type { EngineLog } from './engine-log';
import { EventBus } from './event-bus';
import { historyHandlers } from './history-handlers';
import { createOperatorControls, type OperatorControls } from './operator-controls';
import { isProcessAlive } from './process-alive';
import { publicConfig } from './public-config';
import { RunDigest } from './run-digest';
import { Scheduler, type Job } from './scheduler';
import { standaloneRole, type StationRole } from './station-role';
import { buildSnapshot } from './snapshot';
import { createTaskBodies, type Checkpoints } from './engine-tasks';
import { createSettingsHandlers } from './settings/settings-handlers';
import { errorMessage, RunRecorder, type TaskBody } from './task-runner';
import { cancelledArchiveNote, sentMeanwhile } from './tasks/complete/cancelled-archive';
import { releaseDeadClaims } from './tasks/complete/courier-claimant';
import { evaluateHealth } from './tasks/health/health-evaluation';
import type { Finding } from './tasks/plc-read/feedback-judgement';
import type { RecipeResult } from '../odoo/mo-recipe';
import { engineerHandlers } from './engineer/engineer-handlers';
import { createWaveResolution } from './tasks/mo-sync/resolve-wave';
import { isHeld } from './tasks/mo-sync/settle-wave';
import { guardHandlers, type GuardedHandlers } from './people/access-guard';
import { createAuditTrail } from './people/audit-trail';
import { osUser } from './people/os-user';
import type { AuditTrail, Caller } from './people/caller';
import { personAt, signedBy } from './people/caller-words';
import { peopleHandlers, type PeopleRequest } from './people/people-handlers';
import { createSessionRegistry } from './people/session-registry';
import { createUserPresence } from './people/user-presence';

export interface EngineParts {
  config: EngineConfig;
  store: AuthorityStore;
  plc: PlcLink;
  odoo: OdooClient;
  toRecipe(mo: OdooMo, batchNo: number): RecipeResult;
  clock: Clock;
  log: EngineLog;
  /** Standalone when omitted: this station always drives the PLC. */
  role?: StationRole;
  /** Plant mode: the local mirror, read when the authority cannot be reached (never for the gate). */
  reader?: MirrorReader;
  /** DATA_DIR/logs, where the logger rolls engine.N.log: the console pages back through it. */
  logDir?: string;
  bus?: EventBus;
  checkpoints?: Checkpoints;
  /** The environment and flags the configuration was read with: the settings editor shows and validates the same sources (default: DATA_DIR/config.json alone). */
  configInputs?: Pick<ConfigInputs, 'env' | 'flags'>;
  /** This process as run records name it, and how to tell whether another one is still alive (the fault explorer simulates both). */
  process?: { pid: number; isAlive(pid: number): boolean };
  /** Where every action and refused attempt is recorded; default the authority's audit_log. */
  audit?: AuditTrail;
}

const driverOnly = (task: TaskName): boolean => (DRIVER_ONLY_TASKS as readonly TaskName[]).includes(task);

export class Engine {
  readonly bus: EventBus;
  readonly backend: ConsoleBackend;
  private readonly scheduler: Scheduler;
  private readonly role: StationRole;
  /** This process as run records and outbox claims name it, and how to tell whether another is alive. */
  private readonly pid: number;
  private readonly isAlive: (pid: number) => boolean;
  private readonly recorder: RunRecorder;
  private readonly odooLink: ConnectionTracker;
  private readonly databaseLink: ConnectionTracker;
  /** The last runs the snapshot shows, kept up to date rather than looked up for every snapshot. */
  private readonly lastRuns: RunDigest;
  /** Pause new waves and the manual-additive checklists (stored in the authority). */
  private readonly controls: OperatorControls;
  private readonly alarms: AlarmBoard;
  /**
   * Whether this engine watches the plant (started with its timers). Only a watching engine of the
   * driving station records alarm raises and returns: a one-shot command sees too little to judge
   * (no PLC findings, no Odoo link history) and would return alarms the console just raised.
   */
  private watching = false;
  private snapshotQueued = false;
  private stopped = false;
  /** Implausible values of the last PLC reading: shown as warnings until a reading is clean. */
  private findings: Finding[] = [];
  /** MOs produced here that Odoo still listed at the last sync (the odoo-backlog warning). */
  private odooBacklog = 0;

  constructor(private readonly parts: EngineParts) {
    this.pid = parts.process?.pid ?? process.pid;
    this.isAlive = parts.process?.isAlive ?? isProcessAlive;
    this.bus = parts.bus ?? new EventBus();
    this.role = parts.role ?? standaloneRole(parts.config.station, new Date(parts.clock.now()).toISOString());
    let drove = this.role.drivesPlc();
    this.role.onChange(() => {
      const drives = this.role.drivesPlc();
      if (drives && !drove) void this.takeOverPlc();
      drove = drives;
      this.publishSnapshot();
    });
    this.recorder = new RunRecorder({
      store: parts.store,
      clock: parts.clock,
      station: parts.config.station,
      pid: this.pid,
      onRun: (run) => this.announce(run),
    });
    this.odooLink = new ConnectionTracker(parts.clock, () => this.publishSnapshot());
    this.databaseLink = new ConnectionTracker(parts.clock, () => this.publishSnapshot());
    this.alarms = new AlarmBoard({
      store: parts.store,
      clock: parts.clock,
      log: parts.log,
      station: parts.config.station,
      recordsTransitions: () => this.watching && this.role.drivesPlc(),
      onChange: () => this.publishSnapshot(),
    });
    const bodies = createTaskBodies({
      ...parts,
      odooLink: this.odooLink,
      checkpoints: parts.checkpoints ?? {},
      pid: this.pid,
      onFindings: (findings) => (this.findings = findings),
      onOdooBacklog: (count) => (this.odooBacklog = count),
      heldFinishes: () => new Set(this.findings.filter((f) => f.heldFinish).map((f) => f.moId)),
      // Re-checked right before each Odoo send: a station that lost the lease mid-run leaves the outbox to the new driver.
      mayDeliver: async () => this.role.drivesPlc(),
      evaluateHealth: async () => (await this.snapshot()).warnings,
    });
    const jobs: Job[] = (Object.keys(bodies) as TaskName[]).map((task) => ({
      task,
      enabled: parts.config.tasks[task].enabled,
      intervalMs: parts.config.tasks[task].intervalMs,
      run: (trigger) => this.record(task, trigger, bodies[task]),
      ...(driverOnly(task) || task === 'mo-sync' ? { scheduledWhen: () => this.role.drivesPlc() } : {}),
    }));
    this.scheduler = new Scheduler(parts.clock, jobs, {
      paused: !parts.config.autoSync,
      onError: (task, error) => parts.log.error(`scheduled ${task} failed to record its run`, { task, error: errorMessage(error) }),
    });
    this.scheduler.onChange(() => this.publishSnapshot());
    this.lastRuns = new RunDigest(jobs.map((job) => job.task));
    this.controls = createOperatorControls({
      store: parts.store,
      clock: parts.clock,
      log: parts.log,
      station: parts.config.station,
      changed: () => this.publishSnapshot(),
    });
    this.backend = { handlers: this.guardedHandlers(), subscribe: (event, listener) => this.bus.subscribe(event, listener) };
  }

  /**
   * Closes runs a dead process left open, reconciles interrupted waves, then starts the timers.
   * An authority that cannot be reached does not stop the start (plant mode opens on the mirror):
   * the next start closes those runs, and every sync reconciles an unfinished wave before the gate.
   */
  async start(options: { schedule: boolean } = { schedule: true }): Promise<void> {
    const { store, config, clock, log } = this.parts;
    this.watching = options.schedule;
    try {
      const interrupted = await store.closeInterruptedRuns(
        config.station,
        this.isAlive,
        'interrupted: the app stopped during this run',
        new Date(clock.now()).toISOString(),
      );
      if (interrupted.length) log.warn(`${interrupted.length} run(s) were interrupted by a stop or crash`);
      const released = await releaseDeadClaims(store, config.station, this.isAlive);
      if (released) log.warn(`${released} Odoo outbox claim(s) of a stopped process were released`);
      if ((await store.unresolvedIntents()).length > 0) await this.runTask('mo-sync', 'startup');
    } catch (error) {
      if (!(error instanceof AuthorityUnavailableError)) throw error;
      log.warn(`${error.message}: interrupted runs and unfinished waves are checked once it answers`);
    }
    if (options.schedule) this.scheduler.start();
  }

  /** No run starts once this is called; resolves when the runs already going have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.alarms.stop();
    await this.scheduler.stop();
  }

  /** The one way any host runs a task; joins a run of the same task that is already going. */
  runTask(task: TaskName, trigger: Trigger): Promise<RunRecord> {
    // The store and the PLC link close right after stop(): a run started now would meet them closing.
    if (this.stopped) return Promise.reject(new Error(`${task} was not started: the engine is stopping`));
    return this.scheduler.trigger(task, trigger);
  }

  async snapshot(): Promise<Snapshot> {
    const { store, config, plc, clock } = this.parts;
    const queue = await this.readThrough((source) => source.listQueue());
    const jobs = this.scheduler.state();
    const [lastRuns, [open, quarantined], heldWaves, newWaves] = await Promise.all([
      this.readThrough((source) => this.lastRuns.read(source)),
      // The outbox is not mirrored: while the authority is away it is shown empty, not guessed.
      Promise.all([store.listOutbox(['pending', 'sending']), store.listOutbox(['quarantined'])]).catch((error: unknown) => {
        if (error instanceof AuthorityUnavailableError) return [[], []] as OutboxEntry[][];
        throw error;
      }),
      // Held waves are not mirrored either; their warning returns with the authority.
      store.unresolvedIntents().then(
        (intents) => intents.filter(isHeld),
        (error: unknown) => {
          if (error instanceof AuthorityUnavailableError) return [];
          throw error;
        },
      ),
      this.controls.newWavesPause(),
    ]);
    const snapshot = buildSnapshot({
      station: config.station,
      now: clock.now(),
      queue,
      scheduler: { paused: this.scheduler.isPaused(), jobs },
      lastRuns: jobs.map((job) => lastRuns.byTask.get(job.task) ?? null),
      lastSync: lastRuns.byTask.get('mo-sync') ?? null,
      connections: { odoo: this.odooLink.state(), plc: plc.health(), database: this.databaseLink.state() },
      outbox: { pending: open.length, quarantined },
      authority: this.role.status(),
      newWaves,
      lastPlcRead: lastRuns.plcRead,
    });
    snapshot.warnings = evaluateHealth({
      now: clock.now(),
      queue,
      stuckAfterMs: config.batchStuckThresholdMs,
      lastPlcRead: lastRuns.plcRead,
      plcReadIntervalMs: config.tasks['plc-read'].intervalMs,
      lastDispatch: lastRuns.dispatch,
      quarantined,
      implausible: this.findings,
      connections: snapshot.connections,
      heldWaves,
      odooBacklog: this.odooBacklog,
    });
    snapshot.alarms = await this.alarms.update(snapshot.warnings);
    return snapshot;
  }

  private async record(task: TaskName, trigger: Trigger, body: TaskBody): Promise<RunRecord> {
    // A monitoring station leaves the PLC and Odoo to the driver; its Sync now still goes through the gate.
    const monitoring = driverOnly(task) && !this.role.drivesPlc();
    const run = await this.recorder.run(task, trigger, monitoring ? this.leaveToDriver() : body);
    if (task === 'complete' && run.outcome === 'done') await this.syncIfQueueEmptied();
    return run;
  }

  private leaveToDriver(): TaskBody {
    return async () => {
      const driver = this.role.status().driver;
      const who = driver ? `station ${driver.station} drives the PLC` : 'only the station that drives the PLC runs it';
      return { outcome: 'skipped', reason: `${who}; this station only monitors` };
    };
  }

  /** The last batch just left: fetch the next wave now rather than at the next interval (same gate, same rules). */
  private async syncIfQueueEmptied(): Promise<void> {
    const { config, store, log } = this.parts;
    if (this.stopped || !config.syncOnEmptyQueue || this.scheduler.isPaused() || !config.tasks['mo-sync'].enabled) return;
    if ((await store.countQueue()) > 0 || this.stopped) return;
    this.runTask('mo-sync', 'schedule').catch((error: unknown) => log.error('sync after the queue emptied failed', { error: errorMessage(error) }));
  }

  private announce(run: RunRecord): void {
    const { log } = this.parts;
    const level = run.outcome === 'error' ? 'error' : 'info';
    log[level](`${run.task} ${run.outcome}: ${run.reason}`, { task: run.task, trigger: run.trigger, runId: run.id });
    this.lastRuns.observe(run);
    this.bus.emit('run', run);
    this.publishSnapshot();
  }

  /** Coalesces bursts of changes into one snapshot event. */
  private publishSnapshot(): void {
    if (this.snapshotQueued || this.stopped) return;
    this.snapshotQueued = true;
    setImmediate(() => {
      this.snapshotQueued = false;
      if (this.stopped) return;
      this.snapshot().then(
        (snapshot) => this.bus.emit('snapshot', snapshot),
        (error: unknown) => this.parts.log.warn('could not build a snapshot', { error: errorMessage(error) }),
      );
    });
  }

  /** Every request behind the access guard (people/access-guard.ts): sessions live here, in this engine's memory. */
  private guardedHandlers(): ConsoleBackend['handlers'] {
    const { store, clock, config, log } = this.parts;
    const sessions = createSessionRegistry(clock, config.station, config.signOutMinutes);
    const presence = createUserPresence(store);
    const people = peopleHandlers({ store, sessions, presence, clock, station: config.station });
    return guardHandlers(
      { ...this.handlers(), ...people },
      { store, sessions, presence, audit: this.parts.audit ?? createAuditTrail(store), clock, log, station: config.station, processUser: osUser() },
    );
  }

  private handlers(): Omit<GuardedHandlers, PeopleRequest | 'reportLockedPress'> {
    const { store, config } = this.parts;
    return {
      getSnapshot: () => this.snapshot(),
      syncNow: () => this.runTask('mo-sync', 'manual'),
      runTask: async ({ task }) => {
        if (!this.scheduler.state().some((job) => job.task === task)) throw new Error(`task ${task} is not available in this version`);
        return this.runTask(task, 'manual');
      },
      setSchedulerPaused: async ({ paused }) => {
        if (paused !== this.scheduler.isPaused()) {
          // The engineer's switch: unlike pausing new waves, it stops every timer, PLC reading included.
          if (paused) this.parts.log.warn(`Scheduler paused at station ${config.station}: all timers stop, PLC reading included`, { station: config.station });
          else this.parts.log.info(`Scheduler resumed at station ${config.station}: all timers run again`, { station: config.station });
        }
        this.scheduler.setPaused(paused);
        return (await this.snapshot()).scheduler;
      },
      setNewWavesPaused: (input, caller) => this.controls.setNewWavesPaused(input, signedBy(caller)),
      checkManualAdditive: (input, caller) => this.controls.checkManualAdditive(input, signedBy(caller)),
      listRuns: (input) => this.readThrough((source) => source.listRuns(input)),
      listHistory: (input) => this.readThrough((source) => source.listHistory(input)),
      ...historyHandlers({ readThrough: (read) => this.readThrough(read), logDir: this.parts.logDir }),
      retryOutbox: ({ id }, caller) => this.retryOutbox(id, caller),
      archiveBatch: ({ moId, reason }, caller) => this.archiveByOperator(moId, reason, caller),
      resolveWave: ({ action, reason }, caller) => this.resolveWave(action, reason, caller),
      getConfig: async () => publicConfig(config, store.kind),
      testConnection: ({ target }) => this.testConnection(target),
      acknowledgeAlarm: ({ key, note }, caller) => this.alarms.acknowledge(key, note || null, signedBy(caller)),
      shelveAlarm: ({ key, minutes, note }, caller) => this.alarms.shelve(key, minutes, note, signedBy(caller)),
      unshelveAlarm: ({ key }, caller) => this.alarms.unshelve(key, signedBy(caller)),
      listAlarmHistory: (input) => this.alarms.history(input),
      ...createSettingsHandlers(this.parts.configInputs ?? { flags: { DATA_DIR: config.dataDir } }),
      // From the mirror too: while the authority is away, the trail read so far stays visible.
      listAudit: (input) => this.readThrough((source) => source.listAudit(input)),
      ...engineerHandlers({
        store,
        plc: this.parts.plc,
        clock: this.parts.clock,
        settleAfterMs: config.odoo.settleAfterMs,
        recordMoSyncRun: (body) => this.recorder.run('mo-sync', 'manual', body),
        queueChanged: () => this.publishSnapshot(),
      }),
    };
  }

  /** Reads from the authority; when it cannot be reached, from the local mirror (plant mode). */
  private async readThrough<T>(read: (source: MirrorReader) => Promise<T>): Promise<T> {
    try {
      return await this.databaseLink.track(read(this.parts.store));
    } catch (error) {
      if (error instanceof AuthorityUnavailableError && this.parts.reader) return read(this.parts.reader);
      throw error;
    }
  }

  /** This station just took over the PLC (the driver died or left): account for any wave it left half-way first. */
  private async takeOverPlc(): Promise<void> {
    const { store, log } = this.parts;
    log.warn('this station now drives the PLC');
    try {
      if ((await store.unresolvedIntents()).length > 0 && !this.stopped) await this.runTask('mo-sync', 'startup');
    } catch (error) {
      log.error('taking over the PLC: could not reconcile the previous driver\'s wave yet', { error: errorMessage(error) });
    }
  }

  /** An operator releases a quarantined Odoo call after checking Odoo; a consumption is settled against Odoo before any resend. */
  private async retryOutbox(id: number, caller: Caller): Promise<OutboxEntry> {
    const { store, clock } = this.parts;
    const entry = (await store.listOutbox(['quarantined', 'withdrawn'])).find((e) => e.id === id);
    const withdrawn = (e: OutboxEntry) =>
      new Error(`the ${e.kind} of ${e.moId} is not sent: its batch was archived as cancelled, so Odoo must not book it (outbox entry ${id})`);
    if (entry?.state === 'withdrawn') throw withdrawn(entry);
    if (!entry) throw new Error(`outbox entry ${id} is not quarantined (already retried or delivered)`);
    const retried = await store.updateOutbox(id, {
      state: entry.kind === 'consumption' && entry.baseline !== null ? 'sending' : 'pending',
      attempts: 0,
      nextAttemptAt: null,
      lastError: `retried by ${personAt(caller) ?? 'an operator'} after: ${entry.lastError ?? ''}`,
      at: new Date(clock.now()).toISOString(),
      // An archive may withdraw it at the same moment: a withdrawn entry stays withdrawn.
      onlyIn: ['quarantined'],
    });
    if (retried.state === 'withdrawn') throw withdrawn(retried);
    this.publishSnapshot();
    return retried;
  }

  /**
   * Pitfall P9: a batch that can never be reported (nothing dosed) or whose MO was closed in Odoo
   * must not block the queue forever. Only a batch the PLC is done with (finished or failed) may be
   * archived this way; nothing is sent to Odoo, and its consumption push ends with it (cancelled-archive.ts).
   */
  private async archiveByOperator(moId: string, reason: string, caller: Caller): Promise<HistoryEntry> {
    const { store, clock } = this.parts;
    const batch = (await store.listQueue()).find((b) => b.moId === moId);
    if (!batch) throw new Error(`${moId} is not in the queue`);
    // The PLC finished it, but with a reading held back as implausible: if the reading stays wrong, only the operator can end it.
    const heldFinish = this.findings.some((f) => f.moId === moId && f.heldFinish);
    if (!batch.statusManufacturing && !batch.statusOperation && !heldFinish) {
      throw new Error(`${moId} is still in the PLC (neither finished nor failed); only a batch the PLC is done with can be archived`);
    }
    const at = new Date(clock.now()).toISOString();
    const odoo = cancelledArchiveNote(moId, await store.outboxEntry(moId, 'consumption'), this.parts.config.odoo.settleAfterMs);
    try {
      await store.archiveBatch({ batchId: batch.id, status: 'cancelled', notes: `Archived by ${personAt(caller) ?? 'operator'}: ${reason} — ${odoo}`, at, withdrawConsumptionOf: moId });
    } catch (error) {
      throw error instanceof OutboxBusyError ? sentMeanwhile(moId) : error;
    }
    const archived = (await store.listHistory({ page: 1, pageSize: 1, search: moId })).items[0];
    if (!archived) throw new Error(`${moId} was archived but cannot be read back`);
    this.publishSnapshot();
    return archived;
  }

  /** An operator hands over or withdraws the wave held for them: a mo-sync run of its own, under the sync lock. */
  private async resolveWave(action: WaveResolution, reason: string, caller: Caller): Promise<RunRecord> {
    if (!(await this.parts.store.unresolvedIntents()).some(isHeld)) {
      throw new Error('no wave is waiting for an operator: nothing is unconfirmed or in conflict');
    }
    return this.recorder.run('mo-sync', 'manual', createWaveResolution(this.parts, action, reason, personAt(caller) ?? undefined));
  }

  private async testConnection(target: ConnectionTarget): Promise<ConnectionTestResult> {
    const { clock, odoo, plc, store } = this.parts;
    const started = clock.now();
    const probes: Record<ConnectionTarget, () => Promise<string>> = {
      odoo: async () => `logged in as uid ${(await this.odooLink.track(odoo.ping())).uid}`,
      plc: async () => {
        const ack = plcMemoryMap.handshake.writeAreaAck;
        return `answering: D${ack} = ${(await plc.readDm(ack, 1))[0]}`;
      },
      database: async () => `${await this.databaseLink.track(store.countQueue())} batches in mo_batch`,
    };
    try {
      const message = await probes[target]();
      return { target, ok: true, message, latencyMs: clock.now() - started };
    } catch (error) {
      return { target, ok: false, message: errorMessage(error), latencyMs: clock.now() - started };
    }
  }
}
