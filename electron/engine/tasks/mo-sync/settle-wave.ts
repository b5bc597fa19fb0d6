/**
 * Where a dispatched wave is, settled by READING the PLC — never by writing
 * the hand-over again (../shared/DESIGN.md "Faults"): the shared step of
 * reconciliation, of a hand-over that went unanswered, and of an operator's
 * resolution. All of it runs under the sync lock; `epoch` is that lock's.
 */
import { readFeedback, readWriteArea, type WriteAreaSnapshot } from '../../../plc/wave-io';
import { HELD_PHASES, type DispatchIntent, type HeldPhase, type IntentPhase } from '../../../store/authority-store';
import { errorMessage } from '../../task-runner';
import { describePlcView } from './plc-view-text';
import { decideReconcile, type PlcWaveView } from './reconcile-decision';
import type { ReconcileDeps } from './reconcile-intents';

export interface WaveReading {
  area: WriteAreaSnapshot;
  view: PlcWaveView;
}

/** The WRITE area and the READ area, one frame each. */
export async function readWaveView(plc: ReconcileDeps['plc']): Promise<WaveReading> {
  const area = await readWriteArea(plc);
  const feedback = await readFeedback(plc);
  return {
    area,
    view: {
      writeAreaAck: area.handshake === 1,
      writeSlotMoIds: area.slots.map((s) => s.moId),
      writeSlotFlags: area.slotFlags,
      readSlotMoIds: feedback.slots.map((s) => s.moId),
    },
  };
}

/** A wave waiting for an operator's Hand over or Withdraw (not one a sync is writing right now). */
export function isHeld(intent: DispatchIntent): intent is DispatchIntent & { phase: HeldPhase } {
  return (HELD_PHASES as readonly IntentPhase[]).includes(intent.phase);
}

/** Keeps the wave unresolved for an operator, with what the PLC showed (the console's warning says it). */
export async function holdForOperator(deps: ReconcileDeps, intent: DispatchIntent, phase: HeldPhase, view: PlcWaveView, epoch: number): Promise<void> {
  await deps.store.holdIntent(intent.id, phase, describePlcView(intent.recipes, view), epoch);
}

export type HandOverSettlement = { queued: true; reason: string } | { queued: false; reason: string };

/**
 * The hand-over D7076 := 0 of a verified wave failed or went unanswered:
 * whether the PLC got it is read from the PLC. Taken, or handed over and
 * waiting → queued ('adopted'); no trace → held as unconfirmed (or conflict)
 * for an operator. Rejects, leaving the intent `verified` for the next
 * sync's reconciliation, when the PLC cannot be read either.
 */
export async function settleHandOver(deps: ReconcileDeps, intent: DispatchIntent, failure: unknown, epoch: number): Promise<HandOverSettlement> {
  const lost = errorMessage(failure);
  let reading: WaveReading;
  try {
    reading = await readWaveView(deps.plc);
  } catch (error) {
    throw new Error(
      `${lost}; the PLC cannot be read to settle the hand-over (${errorMessage(error)}): the wave stays recorded and is settled by reading the PLC before the next dispatch`,
    );
  }
  const decision = decideReconcile('verified', intent.recipes, reading.view);
  deps.log.warn(`hand-over of run ${intent.runId} unanswered, settled by reading the PLC: ${decision.action}`, { reason: decision.reason, error: lost });
  switch (decision.action) {
    case 'adopt':
      await deps.store.commitWave(intent.id, 'adopted', now(deps), epoch);
      return { queued: true, reason: `the hand-over was not confirmed (${lost}), but ${decision.reason}` };
    case 'unconfirmed':
    case 'conflict':
      await holdForOperator(deps, intent, decision.action, reading.view, epoch);
      return { queued: false, reason: `${decision.reason} (${lost})` };
    case 'withdraw':
      throw new Error(`a verified wave cannot be judged as never written (${decision.reason})`);
  }
}

export function now(deps: Pick<ReconcileDeps, 'clock'>): string {
  return new Date(deps.clock.now()).toISOString();
}
