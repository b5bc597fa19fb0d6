/**
 * What an operator's "Hand over" or "Withdraw" of a held wave (unconfirmed or
 * conflict) does, decided from what the PLC holds right now. Pure; the I/O is
 * in resolve-wave.ts. The PLC's evidence wins over the operator's button: a
 * wave the PLC has taken is queued, never handed over again nor withdrawn.
 */
import type { BatchRecipe, WaveResolution } from '../../../../shared/domain';
import { plcMemoryMap } from '../../../plc/memory-map';
import { decideReconcile, type PlcWaveView } from './reconcile-decision';

export type ResolutionStep =
  /** The PLC has the wave (taken, or handed over and waiting): queue it, write nothing. */
  | { kind: 'adopt'; reason: string }
  /** Hand it over once; `rewrite` first writes and verifies it again because the WRITE area lost it. */
  | { kind: 'hand-over'; rewrite: boolean }
  /** Empty the WRITE slots and release the MOs to be fetched again. */
  | { kind: 'withdraw' }
  | { kind: 'refuse'; reason: string };

export function decideResolution(action: WaveResolution, recipes: readonly BatchRecipe[], plc: PlcWaveView): ResolutionStep {
  const judged = decideReconcile('verified', recipes, plc);
  if (judged.action === 'adopt') return { kind: 'adopt', reason: judged.reason };
  if (judged.action === 'conflict' && !plc.writeAreaAck) {
    // Someone else's recipes wait for the PLC: writing or clearing the slots now would change a wave it is about to take (pitfall P2).
    return {
      kind: 'refuse',
      reason: `D${plcMemoryMap.handshake.writeAreaAck} = 0 with other recipes in the PLC's WRITE area: another hand-over is pending; check the PLC before resolving`,
    };
  }
  if (action === 'withdraw') return { kind: 'withdraw' };
  return { kind: 'hand-over', rewrite: judged.action === 'conflict' };
}
