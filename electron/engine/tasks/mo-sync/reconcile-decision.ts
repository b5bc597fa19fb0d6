/**
 * What to do with a wave whose dispatch was cut short (a crash, a lost reply),
 * decided only from what the PLC actually holds — never by re-dispatching
 * blindly (../shared/DESIGN.md, Task 1 step 7).
 *
 * The hand-over word D7076 reads 1 both before a hand-over and after the PLC
 * has taken a wave, so "1" alone cannot tell whether the PLC has the wave.
 * Evidence that it does: a READ slot echoing one of the wave's MOs, or a
 * per-slot WRITE flag the PLC sets when it reads a slot (decision Q4). When
 * the evidence is missing after a verified write, nothing is queued and
 * nothing is sent again: the wave is held for an operator (`unconfirmed`),
 * who hands it over or withdraws it. A held gate is visible and
 * recoverable; a wave run twice is not, and neither is a queue that waits
 * for a wave the PLC never got.
 */
import type { BatchRecipe } from '../../../../shared/domain';
import type { IntentPhase } from '../../../store/authority-store';

/** The parts of the PLC's DM area that tell where a wave is. Index 0 = slot 1. */
export interface PlcWaveView {
  /** D7076 = 1: the PLC has taken the last wave (or none was handed over). */
  writeAreaAck: boolean;
  writeSlotMoIds: readonly string[];
  writeSlotFlags: readonly boolean[];
  readSlotMoIds: readonly string[];
}

export type ReconcileAction =
  /** The PLC never got the wave: clear its slots and let the MOs be fetched again. */
  | 'withdraw'
  /** The PLC has (or is about to take) the wave: put it in the queue. */
  | 'adopt'
  /** The wave is verified in the WRITE area but the PLC shows no trace of the hand-over: hold it for an operator, queue nothing, never hand over again by itself. */
  | 'unconfirmed'
  /** The WRITE area no longer holds the wave and the PLC shows no trace of it: hold it for an operator. */
  | 'conflict';

export interface ReconcileDecision {
  action: ReconcileAction;
  reason: string;
}

export function decideReconcile(phase: IntentPhase, recipes: readonly BatchRecipe[], plc: PlcWaveView): ReconcileDecision {
  const ids = recipes.map((r) => r.moId).join(', ');
  if (phase === 'writing') {
    return {
      action: 'withdraw',
      reason: `interrupted before the hand-over: the PLC never got ${ids}; its slots were cleared and the MOs will be fetched again`,
    };
  }
  const inWriteArea = recipes.every((r) => plc.writeSlotMoIds[r.batchNo - 1] === r.moId);
  const taken =
    recipes.some((r) => plc.readSlotMoIds[r.batchNo - 1] === r.moId) ||
    recipes.some((r) => r.batchNo > 1 && plc.writeSlotFlags[r.batchNo - 1] === true);
  if (taken) return { action: 'adopt', reason: `the PLC has taken ${ids}; adopted into the queue` };
  if (!inWriteArea) {
    return {
      action: 'conflict',
      reason: `the PLC's WRITE area no longer holds ${ids} and the PLC shows no trace of taking it; an operator must hand it over again or withdraw it`,
    };
  }
  if (!plc.writeAreaAck) {
    return { action: 'adopt', reason: `${ids} handed over and waiting for the PLC; adopted into the queue` };
  }
  return {
    action: 'unconfirmed',
    reason: `hand-over of ${ids} unconfirmed: the PLC shows no trace of it; an operator must hand it over or withdraw it`,
  };
}
