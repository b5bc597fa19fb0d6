import { plcMemoryMap } from '../../electron/plc/memory-map';
import { PLANT_READ_ATTEMPTS } from '../naive-plant-io';

/** How the old reader spends its frames (README §5 step 1), shared by the sections that read slots. */
export const NAIVE_READ_NOTE =
  `Naive = one ${plcMemoryMap.read.slotWords}-word read per slot; a slot whose NO-BoM and finished_goods both have fewer than` +
  ` 2 digits fails the plant's "looks valid" check and is read ${PLANT_READ_ATTEMPTS} times ("JF PLUS KUR" always is).`;
