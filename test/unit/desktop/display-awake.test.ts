import { describe, expect, it } from 'vitest';
import { keepDisplayAwakeDuringWaves, type PowerSaveBlockerLike } from '../../../electron/desktop/display-awake';
import { createFakeBackend } from '../../support/fake-backend';

class FakePowerSaveBlocker implements PowerSaveBlockerLike {
  private nextId = 1;
  readonly active = new Map<number, string>();
  start(type: 'prevent-display-sleep'): number {
    const id = this.nextId++;
    this.active.set(id, type);
    return id;
  }
  stop(id: number): boolean {
    return this.active.delete(id);
  }
}

async function plantWithBlocker() {
  const fake = createFakeBackend({ waveSize: 3 });
  const blocker = new FakePowerSaveBlocker();
  const awake = keepDisplayAwakeDuringWaves(blocker);
  fake.backend.subscribe('snapshot', awake.update);
  awake.update(await fake.backend.handlers.getSnapshot());
  return { fake, blocker, awake };
}

describe('display kept awake during a wave', () => {
  it('holds one display-sleep blocker while the queue has batches and releases it when the queue empties', async () => {
    const { fake, blocker } = await plantWithBlocker();
    expect(blocker.active.size).toBe(0);

    await fake.backend.handlers.syncNow();
    // Skipped (the queue is not empty), but pushes a snapshot: still one blocker.
    await fake.backend.handlers.syncNow();
    expect([...blocker.active.values()]).toEqual(['prevent-display-sleep']);

    fake.finishWave();
    expect(blocker.active.size).toBe(0);

    await fake.backend.handlers.syncNow();
    expect(blocker.active.size).toBe(1);
  });

  it('lets the display sleep again when the app quits in the middle of a wave', async () => {
    const { fake, blocker, awake } = await plantWithBlocker();
    await fake.backend.handlers.syncNow();

    awake.release();

    expect(blocker.active.size).toBe(0);
  });
});
