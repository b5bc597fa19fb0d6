import { afterEach, describe, expect, it } from 'vitest';
import { EQUIPMENT_IDS } from '../../../shared/domain';
import { decodeFailureBlock } from '../../../electron/plc/failure-block';
import { plcMemoryMap, slotBase } from '../../../electron/plc/memory-map';
import { PlantModel, seededRandom, type PlantModelOptions } from '../../../electron/plc/plant-model';
import { decodeReadSlot } from '../../../electron/plc/slot-codec';
import {
  acknowledgeFailure, acknowledgeFinished, handOverWave, readFeedback, readWriteArea, writeAreaReadiness, writeWave,
} from '../../../electron/plc/wave-io';
import { ManualClock } from '../../support/manual-clock';
import { MemoryPlcLink } from '../../support/memory-plc-link';
import { sampleRecipe, sampleWave } from './sample-recipes';

const BATCH_MS = 30_000;
const ACK = plcMemoryMap.handshake.writeAreaAck;
const running: PlantModel[] = [];

afterEach(() => {
  running.splice(0).forEach((plant) => plant.stop());
});

/** A plant wired like the simulator: every write through the link reaches notifyWrite. */
function plantRig(options: Partial<PlantModelOptions> = {}) {
  const clock = new ManualClock();
  let plant: PlantModel | undefined;
  const link = new MemoryPlcLink(undefined, (address, count) => plant?.notifyWrite(address, count));
  plant = new PlantModel({ memory: link.memory, clock, random: seededRandom(42), batchSeconds: BATCH_MS / 1000, ...options });
  running.push(plant);
  plant.start();
  return { clock, link, plant };
}

async function dispatch(link: MemoryPlcLink, count: number): Promise<void> {
  await writeWave(link, sampleWave(count), await readWriteArea(link));
  await handOverWave(link);
}

describe('taking a wave', () => {
  it('boots ready for a wave (D7076 = 1, empty WRITE area)', async () => {
    const { link } = plantRig();
    expect(writeAreaReadiness(await readWriteArea(link))).toMatchObject({ free: true });
    expect(link.memory.read(ACK, 1)).toEqual([1]);
  });

  it('ignores written recipes until D7076 goes 0, then takes them at once', async () => {
    const { clock, link, plant } = plantRig();
    await writeWave(link, sampleWave(3), await readWriteArea(link));
    await clock.advance(BATCH_MS);
    expect(plant.stats().wavesTaken).toBe(0);
    expect((await readFeedback(link)).slots[0]?.moId).toBe('');

    await handOverWave(link);
    expect(plant.stats()).toMatchObject({ wavesTaken: 1, takenSlots: [1, 2, 3], activeSlot: 1 });
    expect(link.memory.read(ACK, 1)).toEqual([1]);
    const area = await readWriteArea(link);
    expect(area.slotFlags.slice(0, 4)).toEqual([true, true, true, false]);
  });

  it('copies the recipe header into the READ slot with actuals and status zeroed', async () => {
    const { link } = plantRig();
    await dispatch(link, 2);
    const slot2 = (await readFeedback(link)).slots[1];
    expect(slot2).toMatchObject({
      batch: 2, moId: 'WH/MO/00012', bomText: '[10092] JF SAPOT', finishedGoods: '[10092] JF SAPOT', quantityKg: 1000,
      statusManufacturing: false, statusOperation: false, weightFinishedKg: 0, statusReadData: false,
    });
    expect(EQUIPMENT_IDS.map((id) => slot2?.equipment[id])).toEqual(EQUIPMENT_IDS.map((id) => ({ idWord: id, kg: 0 })));
  });

  it('leaves READ slots without a new recipe exactly as they were (stale data stays)', async () => {
    const { clock, link } = plantRig();
    await dispatch(link, 5);
    await clock.advance(5 * BATCH_MS);
    await acknowledgeFinished(link, 5);
    const staleSlots = link.memory.read(slotBase('read', 4), 177);
    expect(decodeReadSlot(staleSlots.slice(100))).toMatchObject({ moId: 'WH/MO/00015', statusManufacturing: true, statusReadData: true });

    await dispatch(link, 3);
    await clock.advance(3 * BATCH_MS);
    expect(link.memory.read(slotBase('read', 4), 177)).toEqual(staleSlots);
  });

  it('takes a new wave only when D7076 goes 0 again', async () => {
    const { clock, link, plant } = plantRig();
    await dispatch(link, 1);
    await clock.advance(BATCH_MS);
    await writeWave(link, sampleWave(2), await readWriteArea(link));
    await clock.advance(2 * BATCH_MS);
    expect(plant.stats()).toMatchObject({ wavesTaken: 1, takenSlots: [1] });

    await handOverWave(link);
    expect(plant.stats()).toMatchObject({ wavesTaken: 2, takenSlots: [1, 2], finishedSlots: [] });
  });
});

describe('running the batches', () => {
  it('doses the taken slots one after another', async () => {
    const { clock, link, plant } = plantRig();
    await dispatch(link, 3);
    await clock.advance(BATCH_MS / 2);
    let feedback = await readFeedback(link);
    const halfway = feedback.slots[0]?.equipment[103].kg ?? 0;
    expect(halfway).toBeGreaterThan(100);
    expect(halfway).toBeLessThan(200);
    expect(feedback.slots[1]?.equipment[103].kg).toBe(0);
    expect(feedback.slots.map((s) => s.statusManufacturing).slice(0, 3)).toEqual([false, false, false]);

    await clock.advance(BATCH_MS / 2);
    feedback = await readFeedback(link);
    expect(feedback.slots.map((s) => s.statusManufacturing).slice(0, 3)).toEqual([true, false, false]);
    expect(plant.stats().activeSlot).toBe(2);

    await clock.advance(2 * BATCH_MS);
    expect((await readFeedback(link)).slots.map((s) => s.statusManufacturing).slice(0, 3)).toEqual([true, true, true]);
    expect(plant.stats()).toMatchObject({ activeSlot: null, finishedSlots: [1, 2, 3], failedSlots: [] });
  });

  it('finishes with actuals within 1–3 % of target, zero where nothing was planned, and weight = their sum', async () => {
    const { clock, link } = plantRig();
    await dispatch(link, 2);
    await clock.advance(2 * BATCH_MS);

    const recipe = sampleRecipe(2);
    const slot = (await readFeedback(link)).slots[1];
    expect(slot).toMatchObject({ statusManufacturing: true, statusOperation: false });
    let sum = 0;
    for (const id of EQUIPMENT_IDS) {
      const actual = slot?.equipment[id].kg ?? Number.NaN;
      const target = recipe.components[id]?.plannedKg ?? 0;
      sum += actual;
      if (target === 0) expect(actual).toBe(0);
      else {
        const deviation = Math.abs(actual / target - 1);
        expect(deviation).toBeGreaterThanOrEqual(0.0095);
        expect(deviation).toBeLessThanOrEqual(0.0305);
      }
    }
    expect(slot?.weightFinishedKg).toBeCloseTo(sum, 2);
  });

  it('fails an armed slot midway with status_operation = 1, then carries on', async () => {
    const { clock, link, plant } = plantRig();
    plant.failSlot(2);
    await dispatch(link, 3);
    await clock.advance(3 * BATCH_MS);

    const slots = (await readFeedback(link)).slots;
    expect(slots[1]).toMatchObject({ statusManufacturing: false, statusOperation: true, weightFinishedKg: 0 });
    expect(slots[1]?.equipment[103].kg).toBeGreaterThan(100);
    expect(slots[1]?.equipment[103].kg).toBeLessThan(200);
    expect(slots[2]).toMatchObject({ statusManufacturing: true, statusOperation: false });
    expect(plant.stats()).toMatchObject({ finishedSlots: [1, 3], failedSlots: [2], armedFailures: [] });
  });

  it('fails slots armed at construction once', async () => {
    const { clock, link, plant } = plantRig({ failSlots: [1] });
    await dispatch(link, 1);
    await clock.advance(BATCH_MS);
    await dispatch(link, 1);
    await clock.advance(BATCH_MS);
    expect(plant.stats()).toMatchObject({ wavesTaken: 2, failedSlots: [], finishedSlots: [1] });
  });

  it('notes the app’s READ acknowledgements', async () => {
    const { clock, link, plant } = plantRig();
    await dispatch(link, 3);
    await clock.advance(2 * BATCH_MS);
    await acknowledgeFinished(link, 2);
    await acknowledgeFinished(link, 1);
    expect(plant.stats().acknowledgedSlots).toEqual([1, 2]);

    await dispatch(link, 3);
    expect(plant.stats().acknowledgedSlots).toEqual([]);
    expect((await readFeedback(link)).slots[0]?.statusReadData).toBe(false);
  });

  it('runs a 10-batch wave in about 3 s at speed 100', async () => {
    const { clock, link, plant } = plantRig({ speed: 100, tickMs: 50 });
    await dispatch(link, 10);
    await clock.advance(2_900);
    expect(plant.stats().finishedSlots).toHaveLength(9);
    await clock.advance(100);
    expect(plant.stats().finishedSlots).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('replays exactly with the same seed', async () => {
    const runOnce = async (): Promise<number[]> => {
      const { clock, link } = plantRig({ random: seededRandom(7) });
      await dispatch(link, 4);
      await clock.advance(4 * BATCH_MS);
      return (await readFeedback(link)).raw;
    };
    const first = await runOnce();
    expect(await runOnce()).toEqual(first);
  });

  it('stops the program cycle on stop()', async () => {
    const { clock, link, plant } = plantRig();
    await dispatch(link, 1);
    plant.stop();
    await clock.advance(BATCH_MS);
    expect(plant.stats()).toMatchObject({ running: false, finishedSlots: [] });
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('equipment failures', () => {
  it('raises an event stamped with plant local time and sees the app’s acknowledgement', async () => {
    const { link, plant } = plantRig();
    plant.raiseEquipmentFailure('silo107', 'MOTOR_FAILURE');
    const raised = decodeFailureBlock(link.memory.read(8000, 23));
    expect(raised).toMatchObject({ kind: 'event', event: { equipmentCode: 'silo107', info: 'MOTOR_FAILURE', acknowledged: false } });
    await acknowledgeFailure(link);
    expect(decodeFailureBlock(link.memory.read(8000, 23))).toMatchObject({ kind: 'event', event: { acknowledged: true } });
    expect(plant.stats().failureEventsRaised).toBe(1);
  });
});

describe('options', () => {
  it.each([
    [{ speed: 0 }, 'plant model: speed must be a positive number, got 0'],
    [{ batchSeconds: -1 }, 'plant model: batchSeconds must be a positive number, got -1'],
    [{ failSlots: [11] }, 'slot 11 does not exist; the PLC has slots 1..10'],
  ])('rejects %j', (options, message) => {
    expect(() => plantRig(options)).toThrow(message);
  });
});
