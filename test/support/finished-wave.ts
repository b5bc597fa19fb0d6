import { expect } from 'vitest';
import { startEngine, type StartedEngine } from '../../electron/engine/start-engine';
import { TestPlant } from './test-plant';
import { waitFor } from './wait-for';

/**
 * A wave of 10 the simulated PLC has finished dosing, with an engine (no timers) pointed at it;
 * with `readBack`, Task 2 has already stored the feedback, so Task 3 has work to do.
 */
export async function finishedWave(options: { readBack: boolean; env?: Record<string, string> }): Promise<{ plant: TestPlant; engine: StartedEngine }> {
  const plant = await TestPlant.start({ moCount: 10, speed: 200, batchSeconds: 3 });
  const engine = await startEngine({ env: plant.env(options.env), schedule: false });
  expect((await engine.engine.runTask('mo-sync', 'manual')).outcome).toBe('fetched');
  await waitFor(() => plant.plc.plant.stats().finishedSlots.length === 10, 20_000, 'the PLC to finish the wave');
  if (options.readBack) expect((await engine.engine.runTask('plc-read', 'manual')).outcome).toBe('done');
  return { plant, engine };
}
