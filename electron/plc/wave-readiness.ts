/**
 * May a new wave be written? The WRITE-area handshake rules of
 * ../shared/plant/README.md §4 step 5, as a pure function of one snapshot.
 */
import { plcMemoryMap } from './memory-map';
import type { WriteAreaSnapshot } from './wave-area';

export interface WriteAreaReadiness {
  free: boolean;
  /** Why, in words an operator can act on. */
  reason: string;
}

export function writeAreaReadiness(area: WriteAreaSnapshot): WriteAreaReadiness {
  const ack = `D${plcMemoryMap.handshake.writeAreaAck}`;
  if (area.handshake === 1) {
    return { free: true, reason: `WRITE area free: the PLC has taken the previous wave (${ack} = 1)` };
  }
  const withRecipe = area.slots.filter((s) => s.moId !== '');
  const flagged = area.slots.filter((s) => area.slotFlags[s.slot - 1] === true).map((s) => s.slot);
  if (area.handshake === 0 && withRecipe.length === 0 && flagged.length === 0) {
    // First-ever start: nothing was ever written, so nothing can be pending.
    return { free: true, reason: `WRITE area free: it is empty (${ack} = 0, first start)` };
  }
  if (area.handshake !== 0) {
    return { free: false, reason: `WRITE area handshake ${ack} holds ${area.handshake}, neither 0 nor 1; the PLC program must be checked` };
  }
  const held: string[] = [];
  if (withRecipe.length > 0) {
    const names = withRecipe.slice(0, 3).map((s) => s.moId).join(', ') + (withRecipe.length > 3 ? ', …' : '');
    held.push(`${slotList(withRecipe.map((s) => s.slot))} ${withRecipe.length === 1 ? 'holds' : 'hold'} ${names}`);
  }
  if (flagged.length > 0) held.push(`read flags set in ${slotList(flagged)}`);
  return { free: false, reason: `PLC has not taken the previous wave yet (${ack} = 0; ${held.join('; ')})` };
}

/** "slot 2", "slots 1–4", "slots 1–3, 7". */
export function slotList(slots: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < slots.length; ) {
    let j = i;
    while (j + 1 < slots.length && slots[j + 1] === (slots[j] ?? 0) + 1) j++;
    runs.push(j > i ? `${slots[i]}–${slots[j]}` : `${slots[i]}`);
    i = j + 1;
  }
  return `${slots.length === 1 ? 'slot' : 'slots'} ${runs.join(', ')}`;
}
