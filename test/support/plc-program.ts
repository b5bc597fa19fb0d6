import { PlantModel, seededRandom } from '../../electron/plc/plant-model';
import { plcMemoryMap } from '../../electron/plc/memory-map';
import type { MoSyncFixture } from './mo-sync-fixture';

/**
 * The simulated PLC program on the fixture's memory: it takes a wave the
 * moment D7076 := 0 is written (and again at every further D7076 := 0), as the
 * real PLC scan does. Its stats count the waves taken.
 */
export function plcProgram(fx: MoSyncFixture): PlantModel {
  const plant = new PlantModel({ memory: fx.memory, clock: fx.clock, random: seededRandom(7), batchSeconds: 3600 });
  plant.start();
  fx.plc.onWrite = (address, count) => plant.notifyWrite(address, count);
  return plant;
}

/** Hand-over frames sent (D7076 := 0 alone, send-once), lost ones included. */
export function handOvers(fx: MoSyncFixture): number {
  return fx.plc.writesTouching(plcMemoryMap.handshake.writeAreaAck).filter((r) => r.count === 1).length;
}
