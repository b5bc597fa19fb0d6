/**
 * The plant states the sections share: the captured wave part-way through,
 * and the same wave with product names the old reader distrusts.
 */
import type { BatchRecipe } from '../../shared/domain';
import { plcMemoryMap } from '../../electron/plc/memory-map';
import { PLANT_READ_ATTEMPTS } from '../naive-plant-io';
import { capturedWave, plantPartWayThrough, withoutProductCodes, type PlantImage } from '../plant-scenario';
import { judgePlantSnapshot } from '../plant-snapshot-check';

/** Batches finished when the scenario freezes: slot 5 is then dosing and slots 6..10 wait. */
export const FINISHED_SLOTS = 4;

export interface BenchPlant {
  /** For row labels, e.g. "captured wave: 1 of 10 slots read 4×". */
  title: string;
  wave: BatchRecipe[];
  image: PlantImage;
}

export async function capturedPlant(): Promise<BenchPlant> {
  return benchPlant('captured wave', capturedWave());
}

export async function plantWithoutProductCodes(): Promise<BenchPlant> {
  return benchPlant('no "[code]" in names', withoutProductCodes(capturedWave()));
}

export function scenarioNote(): string {
  const wave = capturedWave();
  return (
    `Plant: the captured wave ${wave[0]?.moId}…${wave.at(-1)?.moId} handed over to the simulated PLC, ${FINISHED_SLOTS} batches` +
    ` finished and not yet acknowledged, slot ${FINISHED_SLOTS + 1} dosing, the rest waiting; D${plcMemoryMap.handshake.writeAreaAck} = 1.` +
    ` Every repetition starts from these same DM words.`
  );
}

async function benchPlant(name: string, wave: BatchRecipe[]): Promise<BenchPlant> {
  const image = await plantPartWayThrough(wave, FINISHED_SLOTS);
  const { slotCount, slotStride, slotWords } = plcMemoryMap.read;
  let distrusted = 0;
  for (let i = 0; i < slotCount; i++) {
    if (!judgePlantSnapshot(image.readArea.slice(i * slotStride, i * slotStride + slotWords)).strictValid) distrusted++;
  }
  return { title: `${name}: ${distrusted} of ${slotCount} slots read ${PLANT_READ_ATTEMPTS}×`, wave, image };
}
