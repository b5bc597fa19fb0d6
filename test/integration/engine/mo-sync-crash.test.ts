import { afterEach, describe, expect, it } from 'vitest';
import { startEngine } from '../../../electron/engine/start-engine';
import { MO_SYNC_STEPS } from '../../../electron/engine/tasks/mo-sync/mo-sync-task';
import { runBundled } from '../../support/cli-bundle';
import { TestPlant } from '../../support/test-plant';

/** How start-up reconciles the wave each crash left behind (null: nothing was in flight). */
const EXPECTED_RECOVERY: Record<(typeof MO_SYNC_STEPS)[number], RegExp | null> = {
  locked: null,
  counted: null,
  'plc-checked': null,
  fetched: null,
  'intent-recorded': /interrupted before the hand-over: the PLC never got .*; its slots were cleared/,
  'slots-written': /interrupted before the hand-over: the PLC never got .*; its slots were cleared/,
  // Nothing shows whether D7076 := 0 went out before the kill: held for an operator, never sent again by itself.
  verified: /hand-over of .* unconfirmed: the PLC shows no trace of it; an operator must hand it over or withdraw it/,
  'handed-over': /the PLC has taken .*; adopted into the queue/,
  committed: null,
};

describe('Task 1 killed at each step, then restarted', () => {
  let plant: TestPlant | undefined;
  afterEach(async () => plant?.stop());

  it.each(MO_SYNC_STEPS)('killed after "%s": no MO dispatched twice and the queue agrees with the PLC', async (step) => {
    plant = await TestPlant.start({ moCount: 30, speed: 0.001 });
    const env = plant.env();

    const crashed = await runBundled('test/support/crash-child.ts', [], { ...env, SMS_CRASH_AT: step });
    expect(crashed.signal).toBe('SIGKILL');

    const engine = await startEngine({ env, schedule: false });
    let after = await engine.engine.runTask('mo-sync', 'manual');
    if ((await engine.engine.snapshot()).warnings.some((w) => w.kind === 'wave-unconfirmed')) {
      expect(step).toBe('verified');
      expect(after.outcome).toBe('skipped');
      after = await engine.backend.handlers.resolveWave({ action: 'hand-over', reason: 'checked the PLC after the crash: wave not taken' });
      expect(after.outcome).toBe('recovered');
    }
    const queue = (await engine.engine.snapshot()).queue.batches.map((b) => b.moId);
    const runs = (await engine.backend.handlers.listRuns({ pageSize: 50 })).items;
    await engine.stop();

    // The crashed run is on record, not silently lost.
    expect(runs.some((r) => r.outcome === 'error' && r.reason === 'interrupted: the app stopped during this run')).toBe(true);
    expect(['fetched', 'skipped', 'recovered']).toContain(after.outcome);
    const recovery = runs.find((r) => r.trigger === 'startup');
    const expected = EXPECTED_RECOVERY[step];
    if (expected) expect(recovery?.outcome === (step === 'verified' ? 'skipped' : 'recovered') && recovery.reason).toMatch(expected);
    else expect(recovery).toBeUndefined();

    // The queue agrees with what the PLC holds, slot by slot, and holds each MO once.
    expect(queue.length).toBeGreaterThan(0);
    expect(new Set(queue).size).toBe(queue.length);
    const writeArea = await plant.writeAreaMoIds();
    expect(writeArea.slice(0, queue.length)).toEqual(queue);
    expect(writeArea.slice(queue.length).every((id) => id === '')).toBe(true);

    // Exactly one wave reached the PLC, whichever step the kill hit: never none, never twice.
    expect(plant.plc.plant.stats().wavesTaken).toBe(1);
  });
});
