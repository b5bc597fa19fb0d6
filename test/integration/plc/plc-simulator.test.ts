import { afterEach, describe, expect, it } from 'vitest';
import { EQUIPMENT_IDS } from '../../../shared/domain';
import { FinsClient } from '../../../electron/plc/fins-client';
import { startPlcSimulator, type PlcSimulator } from '../../../electron/plc/plc-simulator';
import {
  acknowledgeFinished, handOverWave, readFeedback, readWriteArea, writeAreaReadiness, writeWave, type FeedbackSnapshot,
} from '../../../electron/plc/wave-io';
import { sampleRecipe, sampleWave } from '../../unit/plc/sample-recipes';

/** 30 s batches at speed 300: 0.1 s each, a 10-batch wave in about a second. */
const SPEED = 300;
const DEADLINE_MS = 30_000;

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatorAndClient(protocol: 'udp' | 'tcp', failSlots: number[] = []): Promise<{ sim: PlcSimulator; client: FinsClient }> {
  const sim = await startPlcSimulator(protocol === 'udp' ? { udpPort: 0, speed: SPEED, seed: 11, failSlots } : { tcpPort: 0, speed: SPEED, seed: 11, failSlots });
  cleanups.push(() => sim.stop());
  const port = protocol === 'udp' ? sim.ports.udpPort : sim.ports.tcpPort;
  if (port === undefined) throw new Error(`the simulator bound no ${protocol} port`);
  const client = new FinsClient({ host: '127.0.0.1', port, protocol, timeoutMs: 2000 });
  cleanups.push(() => client.close());
  return { sim, client };
}

/** Polls the READ area until `done` holds; fails with the last feedback after a generous deadline. */
async function feedbackWhen(client: FinsClient, done: (feedback: FeedbackSnapshot) => boolean): Promise<FeedbackSnapshot> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const feedback = await readFeedback(client);
    if (done(feedback)) return feedback;
    if (Date.now() > deadline) {
      throw new Error(`READ area never reached the expected state: ${JSON.stringify(feedback.slots.map((s) => [s.moId, s.statusManufacturing, s.statusOperation]))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the PLC simulator over real FINS sockets', () => {
  it('runs a 10-MO wave written with wave-io over UDP, and sees every acknowledgement', async () => {
    const { sim, client } = await simulatorAndClient('udp');
    const current = await readWriteArea(client);
    expect(writeAreaReadiness(current).free).toBe(true);

    await writeWave(client, sampleWave(10), current);
    await handOverWave(client);
    // The plant takes the wave the moment the hand-over lands (onWrite), so the area is free again at once.
    expect(writeAreaReadiness(await readWriteArea(client))).toMatchObject({ free: true });

    const finished = await feedbackWhen(client, (f) => f.slots.every((s) => s.statusManufacturing));
    finished.slots.forEach((slot, i) => {
      const recipe = sampleRecipe(i + 1);
      expect(slot).toMatchObject({ slot: i + 1, batch: i + 1, moId: recipe.moId, statusOperation: false });
      for (const id of EQUIPMENT_IDS) {
        const target = recipe.components[id]?.plannedKg ?? 0;
        expect(Math.abs(slot.equipment[id].kg - target)).toBeLessThanOrEqual(target * 0.031);
      }
      expect(slot.weightFinishedKg).toBeGreaterThan(0);
    });

    for (const slot of finished.slots) await acknowledgeFinished(client, slot.slot);
    expect(sim.plant.stats().acknowledgedSlots).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await readFeedback(client)).slots.every((s) => s.statusReadData)).toBe(true);
  });

  it('reports a failing slot over TCP while the rest of the wave finishes', async () => {
    const { client } = await simulatorAndClient('tcp', [2]);
    await writeWave(client, sampleWave(3), await readWriteArea(client));
    await handOverWave(client);

    const done = await feedbackWhen(client, (f) => f.slots[2]?.statusManufacturing === true);
    expect(done.slots.slice(0, 3).map((s) => [s.moId, s.statusManufacturing, s.statusOperation])).toEqual([
      ['WH/MO/00011', true, false],
      ['WH/MO/00012', false, true],
      ['WH/MO/00013', true, false],
    ]);
    expect(done.slots.slice(3).every((s) => s.moId === '')).toBe(true);
  });
});
