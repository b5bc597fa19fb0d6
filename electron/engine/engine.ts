/**
 * The engine: tasks on a scheduler, one authority store, the Odoo and PLC
 * clients, and the events the console listens to. No Electron here — the
 * hosts (Electron main, headless host, CLI) only call `backend` and `runTask`.
 */
import type { ConsoleBackend, ConsoleHandlers } from '../../shared/contract';
import type { ConnectionTarget, ConnectionTestResult, RunRecord, Snapshot, TaskName, Trigger } from '../../shared/domain';
import type { OdooClient } from '../odoo/odoo-client';
import type { OdooMo } from '../odoo/odoo-replies';
import { plcMemoryMap } from '../plc/memory-map';
import type { PlcLink } from '../plc/plc-link';
import type { AuthorityStore } from '../store/authority-store';
import type { Clock } from './clock';
import type { EngineConfig } from './config';
import { ConnectionTracker } from './connection-tracker';
import type { EngineLog } from './engine-log';
import { EventBus } from './event-bus';
import { isProcessAlive } from './process-alive';
import { publicConfig } from './public-config';
import { Scheduler, type Job } from './scheduler';
import { buildSnapshot } from './snapshot';
import { errorMessage, runTask, type TaskBody } from './task-runner';
import { createMoSyncTask, type MoSyncStep } from './tasks/mo-sync/mo-sync-task';
import type { RecipeResult } from '../odoo/mo-recipe';

export interface EngineParts {
  config: EngineConfig;
  store: AuthorityStore;
  plc: PlcLink;
  odoo: OdooClient;
  toRecipe(mo: OdooMo, batchNo: number): RecipeResult;
  clock: Clock;
  log: EngineLog;
  bus?: EventBus;
  checkpoint?: (step: MoSyncStep) => void;
}

export class Engine {
  readonly bus: EventBus;
  readonly backend: ConsoleBackend;
  private readonly scheduler: Scheduler;
  private readonly odooLink: ConnectionTracker;
  private readonly databaseLink: ConnectionTracker;
  private snapshotQueued = false;

  constructor(private readonly parts: EngineParts) {
    this.bus = parts.bus ?? new EventBus();
    this.odooLink = new ConnectionTracker(parts.clock, () => this.publishSnapshot());
    this.databaseLink = new ConnectionTracker(parts.clock, () => this.publishSnapshot());
    const bodies = this.taskBodies();
    const jobs: Job[] = (Object.keys(bodies) as TaskName[]).map((task) => ({
      task,
      enabled: parts.config.tasks[task].enabled,
      intervalMs: parts.config.tasks[task].intervalMs,
      run: (trigger) => this.record(task, trigger, bodies[task] as TaskBody),
    }));
    this.scheduler = new Scheduler(parts.clock, jobs, {
      paused: !parts.config.autoSync,
      onError: (task, error) => parts.log.error(`scheduled ${task} failed to record its run`, { task, error: errorMessage(error) }),
    });
    this.scheduler.onChange(() => this.publishSnapshot());
    this.backend = { handlers: this.handlers(), subscribe: (event, listener) => this.bus.subscribe(event, listener) };
  }

  /** Closes runs a dead process left open, reconciles interrupted waves, then starts the timers. */
  async start(options: { schedule: boolean } = { schedule: true }): Promise<void> {
    const { store, config, clock, log } = this.parts;
    const interrupted = await store.closeInterruptedRuns(
      config.station,
      isProcessAlive,
      'interrupted: the app stopped during this run',
      new Date(clock.now()).toISOString(),
    );
    if (interrupted.length) log.warn(`${interrupted.length} run(s) were interrupted by a stop or crash`);
    if ((await store.unresolvedIntents()).length > 0) await this.runTask('mo-sync', 'startup');
    if (options.schedule) this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
  }

  /** The one way any host runs a task; joins a run of the same task that is already going. */
  runTask(task: TaskName, trigger: Trigger): Promise<RunRecord> {
    return this.scheduler.trigger(task, trigger);
  }

  async snapshot(): Promise<Snapshot> {
    const { store, config, plc, clock } = this.parts;
    return buildSnapshot({
      station: config.station,
      now: clock.now(),
      queue: await this.databaseLink.track(store.listQueue()),
      scheduler: { paused: this.scheduler.isPaused(), jobs: this.scheduler.state() },
      lastRuns: await Promise.all(this.scheduler.state().map((job) => store.lastRun(job.task))),
      lastSync: await store.lastRun('mo-sync'),
      connections: { odoo: this.odooLink.state(), plc: plc.health(), database: this.databaseLink.state() },
    });
  }

  private taskBodies(): Partial<Record<TaskName, TaskBody>> {
    const { store, plc, odoo, toRecipe, clock, config, log, checkpoint } = this.parts;
    return {
      'mo-sync': createMoSyncTask<OdooMo>({
        store,
        plc,
        odoo: { listMos: (limit, offset) => this.odooLink.track(odoo.listMos(limit, offset)) },
        toRecipe,
        clock,
        station: config.station,
        batchLimit: config.syncBatchLimit,
        log: log.child({ task: 'mo-sync' }),
        ...(checkpoint ? { checkpoint } : {}),
      }),
    };
  }

  private async record(task: TaskName, trigger: Trigger, body: TaskBody): Promise<RunRecord> {
    const { store, clock, config, log } = this.parts;
    return runTask({ store, clock, station: config.station, onRun: (run) => this.announce(run, log) }, task, trigger, body);
  }

  private announce(run: RunRecord, log: EngineLog): void {
    const level = run.outcome === 'error' ? 'error' : 'info';
    log[level](`${run.task} ${run.outcome}: ${run.reason}`, { task: run.task, trigger: run.trigger, runId: run.id });
    this.bus.emit('run', run);
    this.publishSnapshot();
  }

  /** Coalesces bursts of changes into one snapshot event. */
  private publishSnapshot(): void {
    if (this.snapshotQueued) return;
    this.snapshotQueued = true;
    setImmediate(() => {
      this.snapshotQueued = false;
      this.snapshot().then(
        (snapshot) => this.bus.emit('snapshot', snapshot),
        (error: unknown) => this.parts.log.warn('could not build a snapshot', { error: errorMessage(error) }),
      );
    });
  }

  private handlers(): ConsoleHandlers {
    const { store, config } = this.parts;
    return {
      getSnapshot: () => this.snapshot(),
      syncNow: () => this.runTask('mo-sync', 'manual'),
      runTask: async ({ task }) => {
        if (!this.scheduler.state().some((job) => job.task === task)) throw new Error(`task ${task} is not available in this version`);
        return this.runTask(task, 'manual');
      },
      setSchedulerPaused: async ({ paused }) => {
        this.scheduler.setPaused(paused);
        return (await this.snapshot()).scheduler;
      },
      listRuns: (input) => store.listRuns(input),
      listHistory: (input) => store.listHistory(input),
      getConfig: async () => publicConfig(config, store.kind),
      testConnection: ({ target }) => this.testConnection(target),
    };
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
