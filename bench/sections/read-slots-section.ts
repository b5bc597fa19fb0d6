/** Reading what the PLC reports in all ten READ slots (../shared/plant/README.md §5 step 1). */
import { readFeedback } from '../../electron/plc/wave-io';
import { REPETITIONS, runComparison, type SectionResult } from '../bench-section';
import { naiveReadFeedback } from '../naive-plant-io';
import { minimumAssumptions, minimumReadFeedback } from '../protocol-minimum';
import { capturedPlant, plantWithoutProductCodes, scenarioNote } from './bench-plants';
import { NAIVE_READ_NOTE } from './naive-read-note';

export const READ_SLOTS_TITLE = 'Read all 10 READ slots';

export async function benchReadSlots(): Promise<SectionResult> {
  return runComparison(READ_SLOTS_TITLE, async () => {
    const captured = await capturedPlant();
    const uncoded = await plantWithoutProductCodes();
    return {
      contenders: [
        { label: 'protocol minimum', repetitions: REPETITIONS.fast, plant: captured.image, run: minimumReadFeedback },
        { label: 'Smart MO Sync (wave-io)', repetitions: REPETITIONS.fast, plant: captured.image, run: readFeedback },
        ...[captured, uncoded].map((plant) => ({
          label: `naive, per slot (${plant.title})`,
          repetitions: REPETITIONS.naive,
          plant: plant.image,
          run: naiveReadFeedback,
        })),
      ],
      notes: [...minimumAssumptions().readFeedback, 'Smart MO Sync = 1 read of the whole READ area.', NAIVE_READ_NOTE, scenarioNote()],
    };
  });
}
