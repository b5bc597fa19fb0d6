import { describe, expect, it } from 'vitest';
import type { RunRecord, TaskName, Trigger } from '../../../shared/domain';
import { Scheduler, type Job } from '../../../electron/engine/scheduler';
import { ManualClock } from '../../support/manual-clock';

const MINUTE = 60_000;

function recordingJob(task: TaskName, intervalMs: number, durationMs = 0, clock?: ManualClock) {
  const runs: { trigger: Trigger; at: number }[] = [];
  let release: (() => void) | null = null;
  const job: Job = {
    task,
    enabled: true,
    intervalMs,
    async run(trigger) {
      runs.push({ trigger, at: clock?.now() ?? 0 });
      if (durationMs > 0) await new Promise<void>((resolve) => (release = resolve));
      return { id: runs.length, task, trigger } as unknown as RunRecord;
    },
  };
  return { job, runs, finish: () => release?.() };
}

describe('Scheduler', () => {
  it('runs each job one interval after start, then every interval — without real time passing', async () => {
    const clock = new ManualClock(0);
    const sync = recordingJob('mo-sync', 60 * MINUTE, 0, clock);
    const read = recordingJob('plc-read', 5 * MINUTE, 0, clock);
    const scheduler = new Scheduler(clock, [sync.job, read.job], { paused: false });
    scheduler.start();
    expect(scheduler.state().find((j) => j.task === 'mo-sync')?.nextRunAt).toBe(60 * MINUTE);

    await clock.advance(59 * MINUTE);
    expect(sync.runs).toEqual([]);
    expect(read.runs.map((r) => r.at)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55].map((m) => m * MINUTE));

    await clock.advance(2 * 60 * MINUTE + MINUTE);
    expect(sync.runs.map((r) => r.at)).toEqual([60 * MINUTE, 120 * MINUTE, 180 * MINUTE]);
    expect(sync.runs.every((r) => r.trigger === 'schedule')).toBe(true);
    await scheduler.stop();
  });

  it('a trigger while the job runs joins the running one instead of starting a second', async () => {
    const clock = new ManualClock(0);
    const sync = recordingJob('mo-sync', 60 * MINUTE, 1);
    const scheduler = new Scheduler(clock, [sync.job], { paused: true });
    const first = scheduler.trigger('mo-sync', 'manual');
    const second = scheduler.trigger('mo-sync', 'cli');
    expect(scheduler.state()[0]?.running).toBe(true);
    sync.finish();
    expect(await first).toBe(await second);
    expect(sync.runs).toHaveLength(1);
    expect(scheduler.state()[0]?.running).toBe(false);
  });

  it('a due run while the previous one is still going is coalesced, not doubled', async () => {
    const clock = new ManualClock(0);
    const sync = recordingJob('mo-sync', MINUTE, 1, clock);
    const scheduler = new Scheduler(clock, [sync.job], { paused: false });
    scheduler.start();
    await clock.advance(5 * MINUTE);
    expect(sync.runs).toHaveLength(1);
    sync.finish();
    await clock.advance(MINUTE);
    expect(sync.runs).toHaveLength(2);
    sync.finish();
    await scheduler.stop();
  });

  it('pause stops the timers (no next run), resume starts a fresh interval; manual triggers work while paused', async () => {
    const clock = new ManualClock(0);
    const sync = recordingJob('mo-sync', 10 * MINUTE, 0, clock);
    const scheduler = new Scheduler(clock, [sync.job], { paused: false });
    scheduler.start();
    scheduler.setPaused(true);
    expect(scheduler.state()[0]?.nextRunAt).toBeNull();
    await clock.advance(60 * MINUTE);
    expect(sync.runs).toEqual([]);

    await scheduler.trigger('mo-sync', 'manual');
    expect(sync.runs.map((r) => r.trigger)).toEqual(['manual']);

    scheduler.setPaused(false);
    expect(scheduler.state()[0]?.nextRunAt).toBe(70 * MINUTE);
    await clock.advance(10 * MINUTE);
    expect(sync.runs.map((r) => r.trigger)).toEqual(['manual', 'schedule']);
    await scheduler.stop();
  });

  it('a disabled task is never scheduled but can still be run by hand', async () => {
    const clock = new ManualClock(0);
    const health = recordingJob('health', MINUTE, 0, clock);
    health.job.enabled = false;
    const scheduler = new Scheduler(clock, [health.job], { paused: false });
    scheduler.start();
    await clock.advance(10 * MINUTE);
    expect(health.runs).toEqual([]);
    await scheduler.trigger('health', 'manual');
    expect(health.runs).toHaveLength(1);
  });
});
