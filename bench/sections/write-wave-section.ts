/**
 * Task 1's PLC part: a full 10-slot wave written, checked and handed over
 * (../shared/plant/README.md §4 steps 5–7).
 */
import type { BatchRecipe } from '../../shared/domain';
import { plcMemoryMap } from '../../electron/plc/memory-map';
import type { PlcLink } from '../../electron/plc/plc-link';
import { handOverWave, readWriteArea, writeAreaReadiness, writeWave } from '../../electron/plc/wave-io';
import { REPETITIONS, runComparison, type SectionResult } from '../bench-section';
import { naiveWriteWave, PLANT_WRITE_FIELDS } from '../naive-plant-io';
import { nextWave } from '../plant-scenario';
import { minimumAssumptions, minimumWriteWave } from '../protocol-minimum';
import { capturedPlant, scenarioNote } from './bench-plants';

export const WRITE_WAVE_TITLE = 'Write a full 10-slot wave (+ hand-over)';

export async function benchWriteWave(): Promise<SectionResult> {
  return runComparison(WRITE_WAVE_TITLE, async () => {
    const { image: plant } = await capturedPlant();
    const wave = nextWave();
    const ack = `D${plcMemoryMap.handshake.writeAreaAck}`;
    return {
      contenders: [
        { label: 'protocol minimum', repetitions: REPETITIONS.fast, plant, run: (link) => minimumWriteWave(link, wave) },
        { label: 'Smart MO Sync (wave-io)', repetitions: REPETITIONS.fast, plant, run: (link) => writeWaveAsTheEngineDoes(link, wave) },
        { label: 'naive, one frame per field (plant middleware)', repetitions: REPETITIONS.naive, plant, run: (link) => naiveWriteWave(link, wave) },
      ],
      notes: [
        ...minimumAssumptions().writeWave,
        `Smart MO Sync = 1 read of the WRITE area + 2 block writes around ${ack} (the word the PLC owns is written only at` +
          ` hand-over) + 1 verify read + 1 hand-over write.`,
        `Naive = 1 readiness read (${ack} = 1) + ${PLANT_WRITE_FIELDS.length} one-field writes × ${wave.length} slots + ${ack} := 0;` +
          ` slot 1's last field is already ${ack} := 0, so the PLC sees "new data" while slots 2..10 are still being written (pitfall P2).`,
        `The wave written is ${wave[0]?.moId}…${wave.at(-1)?.moId}. ${scenarioNote()}`,
      ],
    };
  });
}

/** As Task 1 does it (electron/engine/tasks/mo-sync/mo-sync-task.ts): read, decide, write + verify, hand over. */
async function writeWaveAsTheEngineDoes(link: PlcLink, wave: readonly BatchRecipe[]): Promise<void> {
  const area = await readWriteArea(link);
  const readiness = writeAreaReadiness(area);
  if (!readiness.free) throw new Error(readiness.reason);
  await writeWave(link, wave, area);
  await handOverWave(link);
}
