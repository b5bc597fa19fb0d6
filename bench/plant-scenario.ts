/**
 * The plant every benchmark runs against: the captured wave WH/MO/00011…00020
 * (../shared/plant/odoo-api.md §4), handed over to the simulated PLC and dosed
 * part of the way, then frozen as DM images so every repetition starts from
 * the very same words.
 */
import type { BatchRecipe } from '../shared/domain';
import { DmMemory } from '../electron/plc/dm-memory';
import { plcMemoryMap } from '../electron/plc/memory-map';
import { PlantModel, seededRandom } from '../electron/plc/plant-model';
import { areaSpan, buildWaveImage, decodeWriteArea } from '../electron/plc/wave-area';
import { encodeBool } from '../electron/plc/word-codec';
import { toRecipe } from '../electron/odoo/mo-recipe';
import { odooMoSchema } from '../electron/odoo/odoo-replies';
import { demoMos, generateMos, type OdooMoRecord } from '../electron/odoo/odoo-seed-mos';
import { ManualClock } from '../test/support/manual-clock';

/** D6000..D6976 and D7000..D7976 as they were when the scenario froze. */
export interface PlantImage {
  writeArea: readonly number[];
  readArea: readonly number[];
}

/** The ten captured MOs as the app stages them (slot = list position). */
export function capturedWave(): BatchRecipe[] {
  return toWave(demoMos());
}

/** The following ten MOs (WH/MO/00021…00030, the captured recipes again): the wave written next. */
export function nextWave(): BatchRecipe[] {
  return toWave(generateMos(10, 21));
}

/**
 * The same wave with Odoo's "[10092] " default-code prefix dropped from the
 * product names: "JF SAPOT 1B" has fewer than 2 digits, so the plant's reader
 * re-reads every slot 4 times (README §5 step 1). The captured MO WH/MO/00014
 * ("JF PLUS KUR") already looks like this.
 */
export function withoutProductCodes(wave: readonly BatchRecipe[]): BatchRecipe[] {
  return wave.map((recipe) => ({ ...recipe, finishedGoods: recipe.finishedGoods.replace(/^\[[^\]]*\]\s*/, '') }));
}

const BATCH_MS = 60_000;
const TICK_MS = 1_000;

/**
 * Writes `wave` into an empty PLC, hands it over, and lets the simulated plant
 * dose `finishedSlots` batches and half of the next: those slots are finished
 * and not yet acknowledged, the next one is dosing, the rest wait with their
 * headers copied. The PLC has taken the wave, so D7076 = 1 (area free).
 */
export async function plantPartWayThrough(wave: readonly BatchRecipe[], finishedSlots: number): Promise<PlantImage> {
  const memory = new DmMemory();
  const clock = new ManualClock();
  const plant = new PlantModel({ memory, clock, batchSeconds: BATCH_MS / 1000, tickMs: TICK_MS, random: seededRandom(7) });
  plant.start(); // boots with D7076 = 1, ready for a wave
  const write = areaSpan('write');
  memory.write(write.first, buildWaveImage(wave, decodeWriteArea(memory.read(write.first, write.count))));
  memory.write(plcMemoryMap.handshake.writeAreaAck, [encodeBool(false)]);
  await clock.advance(TICK_MS + (finishedSlots + 0.5) * BATCH_MS);
  plant.stop();
  const read = areaSpan('read');
  return { writeArea: memory.read(write.first, write.count), readArea: memory.read(read.first, read.count) };
}

export function restorePlantImage(memory: DmMemory, image: PlantImage): void {
  memory.write(areaSpan('write').first, image.writeArea);
  memory.write(areaSpan('read').first, image.readArea);
}

function toWave(mos: readonly OdooMoRecord[]): BatchRecipe[] {
  return mos.map((mo, i) => {
    const staged = toRecipe(odooMoSchema.parse(mo), i + 1);
    if (!staged.ok) throw new Error(`bench wave: ${staged.reason}`);
    return staged.recipe;
  });
}
