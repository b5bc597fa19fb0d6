/**
 * What the PLC holds for a wave, in words an operator can check against the
 * PLC's own screens. Stored with a wave held for an operator, so the
 * console's warning can say it without reading the PLC.
 */
import type { BatchRecipe } from '../../../../shared/domain';
import { plcMemoryMap } from '../../../plc/memory-map';
import { slotList } from '../../../plc/wave-readiness';
import type { PlcWaveView } from './reconcile-decision';

/** "its WRITE slots 1–10 hold this wave; D7076 = 1 (no hand-over pending); no READ slot shows these MOs: the PLC has not taken it" */
export function describePlcView(recipes: readonly BatchRecipe[], view: PlcWaveView): string {
  const ack = `D${plcMemoryMap.handshake.writeAreaAck}`;
  const holdsWave = recipes.every((r) => view.writeSlotMoIds[r.batchNo - 1] === r.moId);
  const held = view.writeSlotMoIds.flatMap((moId, i) => (moId === '' ? [] : [`${moId} (slot ${i + 1})`]));
  const write = holdsWave
    ? `its WRITE ${slotList(recipes.map((r) => r.batchNo))} ${recipes.length === 1 ? 'holds' : 'hold'} this wave`
    : held.length === 0
      ? 'its WRITE slots are empty'
      : `its WRITE slots hold ${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''}, not this wave`;
  const handshake = view.writeAreaAck ? `${ack} = 1 (no hand-over pending)` : `${ack} = 0 (handed over, waiting for the PLC to take it)`;
  const ids = new Set(recipes.map((r) => r.moId));
  const echoed = view.readSlotMoIds.filter((moId) => ids.has(moId));
  const read = echoed.length > 0 ? `its READ slots show ${echoed.join(', ')}: the PLC has taken it` : 'no READ slot shows these MOs: the PLC has not taken it';
  return `${write}; ${handshake}; ${read}`;
}
