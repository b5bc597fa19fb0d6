/**
 * One schedule of the fault explorer: a simulated plant (PLC, Odoo, network,
 * virtual clock) around the real engine and the real SQLite authority, a
 * console process that may be killed and restarted, one-shot CLI processes
 * beside it, and operators pressing buttons at random — all chosen by one
 * seed. A faulty phase is followed by a healing phase (no faults, no crashes,
 * an operator who answers every warning); the invariants are checked after
 * every step and at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '../../shared/domain';
import { errorMessage } from '../../electron/engine/task-runner';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import { seedMos, type OdooMoRecord } from '../../electron/odoo/odoo-seed-mos';
import { Chooser } from './chooser';
import { FaultPlan } from './faults';
import { checkAfterRun, checkAfterRunAsync, checkContinuously, checkAtEnd, quiescent, type Violation } from './invariants';
import { mutation, type Mutation, type MutationName } from './mutations';
import { operatorAction } from './operator';
import { SimClock } from './sim-clock';
import { SimOdoo } from './sim-odoo';
import { SimPlc } from './sim-plc';
import { SimProcess } from './sim-process';
import { Trace } from './trace';

/** The console runs the timers; a CLI process runs one task and exits. */
type ProcessKind = 'console' | 'cli';

export interface ScheduleOptions {
  seed: number;
  mutation?: MutationName;
  /** Virtual minutes of faults before the healing phase. */
  faultyMinutes?: number;
  /** Virtual minutes the healing phase may take to reach a quiet plant. */
  healingMinutes?: number;
}

export interface ScheduleResult {
  seed: number;
  violations: Violation[];
  trace: string[];
  /** Virtual minutes simulated. */
  minutes: number;
  stats: { waves: number; crashes: number; cliRuns: number; operatorActions: number };
}

const MINUTE = 60_000;

export class World {
  readonly clock = new SimClock();
  readonly choose: Chooser;
  readonly faults: FaultPlan;
  readonly trace = new Trace(() => this.clock.now());
  readonly plc: SimPlc;
  readonly odoo: SimOdoo;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'sms-explore-'));
  readonly mutation: Mutation;
  /** A connection of the explorer's own, for judging: never crashes, never locks. */
  readonly observer: SqliteStore;
  readonly violations: Violation[] = [];
  readonly moCount: number;
  /** The plant's own choices for this schedule (wave size, store-and-forward, mark-done), on top of SIM_SETTINGS. */
  readonly settings: Record<string, string>;
  /** An MO the PLC cannot take (5e7 kg): must be skipped with its name, never block the others. */
  readonly poison: string | null = null;
  poisonNamed = false;
  /** MOs a planner creates in Odoo during the faulty phase. */
  private readonly createdLater: OdooMoRecord[];
  console: SimProcess | null = null;
  private readonly processes = new Map<number, SimProcess>();
  private nextPid = 1000;
  private pendingChecks: (() => Promise<void>)[] = [];
  healing = false;
  readonly stats = { waves: 0, crashes: 0, cliRuns: 0, operatorActions: 0 };

  constructor(readonly options: ScheduleOptions) {
    this.choose = new Chooser(options.seed);
    this.faults = new FaultPlan(this.choose);
    this.plc = new SimPlc(this.clock, this.choose, this.trace);
    this.moCount = this.choose.int(8, 26);
    this.settings = {
      SYNC_BATCH_LIMIT: String(this.choose.pick([10, 10, 10, 4, 1])),
      RELEASE_QUEUE_BEFORE_ODOO: String(this.choose.chance(0.25)),
      ODOO_MARK_DONE: String(this.choose.chance(0.25)),
      ODOO_CONCURRENCY: String(this.choose.pick([1, 4, 10])),
    };
    // Some plants carry a long tail of MOs produced here that Odoo still lists ahead of the new ones (P8).
    const backlog = this.choose.chance(0.2) ? this.choose.int(150, 320) : 0;
    // Some MOs are created in Odoo while the plant runs (appended to Odoo's list, as new MOs are).
    const created = this.choose.int(0, 6);
    const all = seedMos(backlog + this.moCount + created);
    this.createdLater = all.slice(backlog + this.moCount);
    const mos = all.slice(0, backlog + this.moCount);
    if (this.choose.chance(0.25)) {
      const poison = this.choose.pick(mos.slice(backlog));
      poison.quantity = 5e7;
      this.poison = poison.mo_id;
    }
    this.odoo = new SimOdoo(this.clock, this.faults, this.trace, mos);
    this.mutation = mutation(options.mutation ?? 'none');
    this.observer = new SqliteStore({ file: join(this.dataDir, 'smart-mo-sync.db'), lockFile: join(this.dataDir, 'observer.lock') });
    this.recordProducedEarlier(mos.slice(0, backlog).map((mo) => mo.mo_id));
  }

  /** MOs produced and booked before this schedule began: archived here, booked once in Odoo, still listed there. */
  private recordProducedEarlier(moIds: readonly string[]): void {
    const insert = this.observer.connection.prepare(
      `INSERT INTO mo_histories (id, batch_no, mo_id, consumption, equipment_id_batch, status, archived_at)
       VALUES (?, 1, ?, 1000, 'PLC01', 'completed', '2026-11-01T00:00:00.000Z')`,
    );
    for (const moId of moIds) {
      insert.run(`earlier-${moId}`, moId);
      this.odoo.state.setMoState(moId, 'progress');
      this.odoo.state.recordBooking(moId, { mo_id: moId });
    }
    if (moIds.length > 0) this.trace.add('explorer', `${moIds.length} MOs produced here earlier are still listed by Odoo ahead of the new ones`);
  }

  isAlive(pid: number): boolean {
    return this.processes.get(pid)?.alive ?? false;
  }

  /** Called synchronously when any process records a run: judged on the state of that very moment. */
  onRun(process: SimProcess, run: RunRecord): void {
    this.trace.add(process.name, `${run.task} ${run.outcome} (${run.trigger}): ${run.reason}`);
    if (this.poison && run.reason.includes(this.poison)) this.poisonNamed = true;
    if (run.task === 'mo-sync' && run.outcome === 'fetched') this.stats.waves++;
    // The moment the console fetches the next wave by itself is when a `sync --once` beside it races it.
    if (process === this.console && run.task === 'complete' && run.outcome === 'done' && !this.healing && this.choose.chance(0.3)) {
      void this.launchCli('mo-sync');
    }
    // A batch just finished: an operator's "Run now" of Task 3 and a `run complete --once` beside it race for its booking.
    if (process === this.console && run.task === 'plc-read' && /acknowledged/.test(run.reason) && !this.healing && this.choose.chance(0.3)) {
      void this.launchCli('complete');
      process.engine.backend.handlers.runTask({ task: 'complete' }).catch(() => undefined);
    }
    this.report(checkAfterRun(this, run));
    this.pendingChecks.push(async () => this.report(await checkAfterRunAsync(this, process, run)));
  }

  report(found: Violation[]): void {
    for (const v of found) {
      if (this.violations.length === 0) this.trace.add('explorer', `VIOLATION ${v.invariant}: ${v.message}`);
      this.violations.push(v);
    }
  }

  spawn(kind: ProcessKind): SimProcess {
    const pid = this.nextPid++;
    const process = new SimProcess(this, `${kind}#${pid}`, pid);
    this.processes.set(pid, process);
    return process;
  }

  async run(): Promise<ScheduleResult> {
    const faultyUntil = this.clock.now() + (this.options.faultyMinutes ?? 30) * MINUTE;
    const healingDeadline = faultyUntil + (this.options.healingMinutes ?? 120) * MINUTE;
    const settings = Object.entries(this.settings).map(([key, value]) => `${key}=${value}`).join(' ');
    this.trace.add('explorer', `seed ${this.options.seed}: ${this.moCount} MOs, ${settings}, fault rate ${this.faults.rate}, crash rate ${this.faults.crashRate}, mutation ${this.mutation.name}`);
    try {
      this.startConsole();
      this.scheduleOperator();
      this.scheduleCli();
      this.scheduleSlotFailures();
      this.schedulePlanner();
      this.scheduleNewMos();
      await this.clock.runUntil(faultyUntil, () => this.step());
      this.heal();
      while (this.violations.length === 0 && this.clock.now() < healingDeadline) {
        await this.clock.runUntil(this.clock.now() + MINUTE, () => this.step());
        if (await quiescent(this)) break;
      }
      if (this.violations.length === 0) this.report(await checkAtEnd(this, this.clock.now() >= healingDeadline));
    } catch (error) {
      this.report([{ invariant: 'crash', message: `the explorer itself failed: ${errorMessage(error)}`, at: this.clock.now() }]);
    } finally {
      for (const process of this.processes.values()) process.kill('end of schedule');
      this.observer.close();
      rmSync(this.dataDir, { recursive: true, force: true });
    }
    return {
      seed: this.options.seed,
      violations: this.violations,
      trace: this.trace.lines,
      minutes: Math.round((this.clock.now() - (faultyUntil - (this.options.faultyMinutes ?? 30) * MINUTE)) / MINUTE),
      stats: this.stats,
    };
  }

  private step(): void {
    if (this.violations.length > 0) return;
    this.plc.observe();
    this.report(checkContinuously(this));
    const checks = this.pendingChecks;
    this.pendingChecks = [];
    // Not awaited: a check that asks a process which dies meanwhile never gets its answer.
    for (const check of checks) check().catch((error: unknown) => this.report([{ invariant: 'crash', message: `a check failed: ${errorMessage(error)}`, at: this.clock.now() }]));
  }

  /** Faults stop; dead consoles come back; operators answer every warning. */
  private heal(): void {
    this.healing = true;
    this.faults.active = false;
    this.trace.add('explorer', 'faults stop; healing phase');
    if (!this.console?.alive) this.startConsole();
  }

  private startConsole(): void {
    const console = this.spawn('console');
    this.console = console;
    this.trace.add(console.name, 'starts');
    console.engine.start().catch((error: unknown) => this.trace.add(console.name, `start failed: ${errorMessage(error)}`));
    this.watchForDeath(console);
  }

  /** A killed console is restarted after a while, like a watchdog or an operator would. */
  private watchForDeath(console: SimProcess): void {
    const look = () => {
      if (console.alive) {
        this.clock.setTimer(1_000, look);
        return;
      }
      this.stats.crashes++;
      this.clock.setTimer(this.healing ? 1_000 : this.choose.int(1_000, 60_000), () => {
        if (this.console === console) this.startConsole();
      });
    };
    this.clock.setTimer(1_000, look);
  }

  private scheduleOperator(): void {
    const act = () => {
      // The next visit is planned first: a console killed mid-request never answers this one.
      this.clock.setTimer(this.healing ? 30_000 : this.choose.int(15_000, 150_000), act);
      const console = this.console;
      if (!console?.alive || this.violations.length > 0) return;
      operatorAction(this, console).catch((error: unknown) => this.trace.add('operator', `refused: ${errorMessage(error)}`));
    };
    this.clock.setTimer(this.choose.int(15_000, 150_000), act);
  }

  /** One-shot CLI commands beside the console (`run complete --once`, `sync --once`) at random times. */
  private scheduleCli(): void {
    const next = () =>
      this.clock.setTimer(this.choose.int(20_000, 240_000), () => {
        if (this.healing) return;
        next();
        void this.launchCli(this.choose.pick(['complete', 'complete', 'mo-sync'] as const));
      });
    next();
  }

  private async launchCli(task: 'complete' | 'mo-sync'): Promise<void> {
    const cli = this.spawn('cli');
    this.stats.cliRuns++;
    this.trace.add(cli.name, `runs ${task} --once`);
    try {
      await cli.engine.start({ schedule: false });
      await cli.engine.runTask(task, 'cli');
    } catch (error) {
      this.trace.add(cli.name, `failed: ${errorMessage(error)}`);
    }
    await cli.exit();
  }

  /**
   * A planner closes an MO in Odoo by hand now and then — before it is dispatched, while it doses,
   * or after it was booked. Not with store-and-forward: a push Odoo then refuses for good has no
   * batch left to archive, and the console offers no other way to end it (a known gap).
   */
  private schedulePlanner(): void {
    if (this.settings.RELEASE_QUEUE_BEFORE_ODOO === 'true' || !this.choose.chance(0.3)) return;
    const close = () => {
      if (this.healing) return;
      const moId = this.choose.pick(this.odoo.state.moIds());
      const state = this.choose.pick(['cancel', 'done'] as const);
      this.odoo.state.setMoState(moId, state);
      this.trace.add('planner', `sets ${moId} to ${state} in Odoo`);
      this.clock.setTimer(this.choose.int(2 * MINUTE, 20 * MINUTE), close);
    };
    this.clock.setTimer(this.choose.int(MINUTE, 20 * MINUTE), close);
  }

  /** New MOs appear in Odoo while the plant runs, at the end of its list. */
  private scheduleNewMos(): void {
    const create = () => {
      const mo = this.createdLater.shift();
      if (!mo || this.healing) return;
      this.odoo.state.addMos([mo]);
      this.trace.add('planner', `creates ${mo.mo_id} in Odoo`);
      this.clock.setTimer(this.choose.int(MINUTE, 10 * MINUTE), create);
    };
    this.clock.setTimer(this.choose.int(MINUTE, 10 * MINUTE), create);
  }

  private scheduleSlotFailures(): void {
    if (!this.choose.chance(0.4)) return;
    const arm = () => {
      if (this.healing) return;
      this.plc.armFailure(this.choose.int(1, 10));
      this.clock.setTimer(this.choose.int(2 * MINUTE, 15 * MINUTE), arm);
    };
    this.clock.setTimer(this.choose.int(MINUTE, 10 * MINUTE), arm);
  }
}

export async function runSchedule(options: ScheduleOptions): Promise<ScheduleResult> {
  return new World(options).run();
}
