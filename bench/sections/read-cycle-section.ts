/** One Task 2 cycle: read the feedback and acknowledge the finished slots (../shared/plant/README.md §5). */
import type { PlcLink } from '../../electron/plc/plc-link';
import { acknowledgeFinished, readFeedback } from '../../electron/plc/wave-io';
import { REPETITIONS, runComparison, type SectionResult } from '../bench-section';
import { naiveReadCycle } from '../naive-plant-io';
import { minimumAssumptions, minimumReadCycle } from '../protocol-minimum';
import { capturedPlant, plantWithoutProductCodes, scenarioNote } from './bench-plants';
import { NAIVE_READ_NOTE } from './naive-read-note';

export const READ_CYCLE_TITLE = 'One PLC read cycle (read + acknowledge finished slots)';

export async function benchReadCycle(): Promise<SectionResult> {
  return runComparison(READ_CYCLE_TITLE, async () => {
    const captured = await capturedPlant();
    const uncoded = await plantWithoutProductCodes();
    return {
      contenders: [
        { label: 'protocol minimum', repetitions: REPETITIONS.fast, plant: captured.image, run: minimumReadCycle },
        { label: 'Smart MO Sync (wave-io)', repetitions: REPETITIONS.fast, plant: captured.image, run: readCycleAsTheEngineDoes },
        ...[captured, uncoded].map((plant) => ({
          label: `naive, per slot (${plant.title})`,
          repetitions: REPETITIONS.naive,
          plant: plant.image,
          run: (link: PlcLink) => naiveReadCycle(link, plant.wave),
        })),
      ],
      notes: [
        ...minimumAssumptions().readCycle,
        'Smart MO Sync = 1 read of the whole READ area + 1 write per finished slot not yet acknowledged.',
        `${NAIVE_READ_NOTE} Then, per finished slot, its ack — every cycle while the slot stays finished (README §5 step 7).`,
        scenarioNote(),
      ],
    };
  });
}

/**
 * Task 2's PLC part (electron/engine/tasks/plc-read/): one read, then each
 * finished slot acknowledged once, while its ack word is still 0. Every READ
 * slot here belongs to the queued wave, so the engine's MO match passes.
 */
async function readCycleAsTheEngineDoes(link: PlcLink): Promise<void> {
  const feedback = await readFeedback(link);
  for (const slot of feedback.slots) {
    if (slot.statusManufacturing && !slot.statusReadData) await acknowledgeFinished(link, slot.slot);
  }
}
