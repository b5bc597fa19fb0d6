/**
 * Runs each task on its interval. Like the plant's APScheduler setup
 * (README §3): the first run comes one interval after start, a run that is
 * still going when the next is due is not doubled (coalesce), and one job
 * never runs twice at once — a trigger that arrives while it runs joins the
 * running one and gets its result.
 */
import type { RunRecord, TaskName, Trigger } from '../../shared/domain';
import type { Clock } from './clock';

export interface Job {
  task: TaskName;
  enabled: boolean;
  intervalMs: number;
  run(trigger: Trigger): Promise<RunRecord>;
  /** Timer runs happen only while this holds (e.g. only the station that drives the PLC); manual triggers always run. */
  scheduledWhen?: () => boolean;
}

export interface JobState {
  task: TaskName;
  enabled: boolean;
  intervalMs: number;
  nextRunAt: number | null;
  running: boolean;
}

interface JobSlot {
  job: Job;
  running: Promise<RunRecord> | null;
  nextRunAt: number | null;
  cancelTimer: (() => void) | null;
}

export class Scheduler {
  private readonly slots = new Map<TaskName, JobSlot>();
  private paused: boolean;
  private started = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    jobs: Job[],
    options: { paused: boolean; onError?: (task: TaskName, error: unknown) => void },
  ) {
    for (const job of jobs) this.slots.set(job.task, { job, running: null, nextRunAt: null, cancelTimer: null });
    this.paused = options.paused;
    this.onError = options.onError ?? (() => undefined);
  }

  private readonly onError: (task: TaskName, error: unknown) => void;

  start(): void {
    this.started = true;
    if (!this.paused) for (const slot of this.slots.values()) this.arm(slot);
    this.changed();
  }

  /** Runs a task now (or joins the run in progress). The same path as the timer. */
  trigger(task: TaskName, trigger: Trigger): Promise<RunRecord> {
    const slot = this.slot(task);
    if (slot.running) return slot.running;
    const running = slot.job.run(trigger).finally(() => {
      slot.running = null;
      this.changed();
    });
    slot.running = running;
    this.changed();
    return running;
  }

  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    for (const slot of this.slots.values()) {
      if (paused) this.disarm(slot);
      else if (this.started) this.arm(slot);
    }
    this.changed();
  }

  isPaused(): boolean {
    return this.paused;
  }

  state(): JobState[] {
    return [...this.slots.values()].map((slot) => ({
      task: slot.job.task,
      enabled: slot.job.enabled,
      intervalMs: slot.job.intervalMs,
      nextRunAt: slot.nextRunAt,
      running: slot.running !== null,
    }));
  }

  /** Called whenever the schedule or a running flag changes (for the console's snapshot). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the timers and waits until no run is in progress (including runs a finishing run started). */
  async stop(): Promise<void> {
    this.started = false;
    for (const slot of this.slots.values()) this.disarm(slot);
    for (;;) {
      const running = [...this.slots.values()].flatMap((slot) => (slot.running ? [slot.running] : []));
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  private arm(slot: JobSlot): void {
    if (!slot.job.enabled) return;
    this.disarm(slot);
    const at = this.clock.now() + slot.job.intervalMs;
    slot.nextRunAt = at;
    slot.cancelTimer = this.clock.setTimer(slot.job.intervalMs, () => {
      slot.cancelTimer = null;
      // Re-arm first: the cadence does not drift with the run's duration.
      this.arm(slot);
      if (slot.job.scheduledWhen && !slot.job.scheduledWhen()) return;
      this.trigger(slot.job.task, 'schedule').catch((error: unknown) => this.onError(slot.job.task, error));
    });
    this.changed();
  }

  private disarm(slot: JobSlot): void {
    slot.cancelTimer?.();
    slot.cancelTimer = null;
    slot.nextRunAt = null;
  }

  private slot(task: TaskName): JobSlot {
    const slot = this.slots.get(task);
    if (!slot) throw new Error(`unknown task ${task}`);
    return slot;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
