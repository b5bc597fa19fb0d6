/**
 * Where the PLC is with the queued batches, read from the READ area (pure).
 * A READ slot belongs to a batch only while it echoes the batch's MO; until the
 * PLC takes the wave it holds an earlier wave's data (feedback-judgement.ts).
 */
import type { QueueBatch } from '../../../shared/domain';
import { EQUIPMENT } from '../../../shared/equipment';
import type { FeedbackSnapshot, SlotSnapshot } from '../../plc/wave-io';
import { slotPhase, type SlotPhase } from '../tasks/plc-read/feedback-judgement';

export function batchPhase(batch: QueueBatch, feedback: FeedbackSnapshot): SlotPhase {
  return slotPhase(feedback.slots[batch.batchNo - 1], batch.moId);
}

/**
 * READ slots with a batch in progress: MO text, neither finished nor failed, and
 * something dosed. Whatever the queue says: a slot the app does not know (an
 * MO loaded by hand) is dosing just as much.
 */
export function dosingSlots(feedback: FeedbackSnapshot): SlotSnapshot[] {
  return feedback.slots.filter((slot) => slot.moId !== '' && slotPhase(slot, slot.moId) === 'dosing');
}

/** "12.5 kg so far" — what a dosing slot shows, for refusals. */
export function dosedSoFar(slot: SlotSnapshot): string {
  const kg = EQUIPMENT.reduce((sum, e) => sum + slot.equipment[e.id].kg, 0);
  return `${Math.round(kg * 100) / 100} kg so far`;
}
