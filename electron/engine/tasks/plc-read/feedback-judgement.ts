/**
 * What one reading of the READ area means for the queue (Task 2, pure).
 * A READ slot belongs to a queued batch only when it echoes that batch's MO:
 * until the PLC takes the wave, the slot still holds the previous wave's
 * data (../shared/plant/README.md §14), which must never be taken for ours.
 * Implausible values are skipped and reported, never stored and never
 * silently "repaired" (README §6.2: the old heuristics trusted the largest
 * candidate). A reading that FINISHES a batch with an implausible value is
 * held back whole: storing the finish would freeze the row with stale numbers
 * and Task 3 would book them to Odoo, so the batch stays unfinished and its
 * READ slot unacknowledged until a plausible reading or an operator's archive.
 */
import type { EquipmentId, QueueBatch } from '../../../../shared/domain';
import { EQUIPMENT } from '../../../../shared/equipment';
import type { SlotSnapshot } from '../../../plc/wave-io';
import type { BatchFeedback } from '../../../store/authority-store';

export interface FeedbackLimits {
  /** Plant guard for one silo or tank (README §5 step 6). */
  maxEquipmentKg: number;
  maxWeightKg: number;
  /** EXPECTED_BATCH_MAX_KG + BATCH_WEIGHT_WARN_MARGIN_KG: above it the weight is stored but flagged. */
  warnWeightKg: number;
}

export const PLANT_LIMITS: Omit<FeedbackLimits, 'warnWeightKg'> = { maxEquipmentKg: 5000, maxWeightKg: 10_000_000 };

export type SlotPhase = 'waiting' | 'dosing' | 'finished' | 'failed';

export interface Finding {
  batchNo: number;
  moId: string;
  message: string;
  /** The PLC reports the batch finished, but the finish was held back: it waits for a plausible reading or an operator. */
  heldFinish?: true;
}

const HELD_FINISH_ACTION =
  'the batch stays unfinished and nothing is booked to Odoo: check the reading in the PLC; if it stays wrong, archive the batch with a reason from the console';

export interface FeedbackJudgement {
  updates: BatchFeedback[];
  /** READ slots to acknowledge (status_read_data := 1) once the updates are stored. */
  acks: number[];
  phases: Map<number, SlotPhase>;
  implausible: Finding[];
  notices: Finding[];
}

export function judgeFeedback(queue: readonly QueueBatch[], slots: readonly SlotSnapshot[], limits: FeedbackLimits): FeedbackJudgement {
  const judgement: FeedbackJudgement = { updates: [], acks: [], phases: new Map(), implausible: [], notices: [] };
  for (const batch of queue) {
    const slot = slots[batch.batchNo - 1];
    const phase = slotPhase(slot, batch.moId);
    judgement.phases.set(batch.batchNo, phase);
    if (!slot || slot.moId !== batch.moId) continue;
    const finding = (message: string): Finding => ({ batchNo: batch.batchNo, moId: batch.moId, message });
    // Taken by the PLC but not started: the slot only echoes the recipe. Storing its zeros would
    // make a batch waiting for its turn look started, and then "stuck" (pitfall P14).
    if (phase === 'waiting') continue;
    // Once finished, the row is frozen: later readings of the slot change nothing (plant rule, README §5 step 5).
    if (batch.statusManufacturing) {
      if (slot.statusManufacturing && !slot.statusReadData) judgement.acks.push(batch.batchNo);
      continue;
    }

    const findings: Finding[] = [];
    const wrongId = EQUIPMENT.find((e) => slot.equipment[e.id].idWord !== e.id);
    const feedback = wrongId
      ? null
      : toFeedback(batch, slot, limits, (message) => findings.push(finding(message)), (message) => judgement.notices.push(finding(message)));
    if (wrongId) {
      const read = slot.equipment[wrongId.id].idWord;
      findings.push(finding(`slot ${batch.batchNo}: equipment id word reads ${read} where ${wrongId.id} belongs; the whole slot was skipped this time (torn or shifted read?)`));
    }
    // Storing this finish would freeze the row with stale numbers, and Task 3 would book them.
    if (slot.statusManufacturing && findings.length > 0) {
      judgement.implausible.push(...findings.map((f) => ({ ...f, message: `${f.message}; ${batch.moId} finished with this reading, so ${HELD_FINISH_ACTION}`, heldFinish: true as const })));
      continue;
    }
    judgement.implausible.push(...findings);
    if (!feedback) continue;
    judgement.updates.push(feedback);
    if (slot.statusManufacturing && !slot.statusReadData) judgement.acks.push(batch.batchNo);
  }
  return judgement;
}

/** Where the PLC is with `moId` by its READ slot; a slot that does not echo the MO still holds an earlier wave's data: waiting. */
export function slotPhase(slot: SlotSnapshot | undefined, moId: string): SlotPhase {
  if (!slot || slot.moId !== moId) return 'waiting';
  const dosed = slot.weightFinishedKg > 0 || EQUIPMENT.some((e) => slot.equipment[e.id].kg > 0);
  return slot.statusManufacturing ? 'finished' : slot.statusOperation ? 'failed' : dosed ? 'dosing' : 'waiting';
}

function toFeedback(
  batch: QueueBatch,
  slot: SlotSnapshot,
  limits: FeedbackLimits,
  implausible: (message: string) => void,
  notice: (message: string) => void,
): BatchFeedback {
  const actualKg: Partial<Record<EquipmentId, number>> = {};
  for (const e of EQUIPMENT) {
    const kg = slot.equipment[e.id].kg;
    if (kg > limits.maxEquipmentKg) {
      implausible(`slot ${batch.batchNo}: ${e.odooCode} reads ${kg} kg, above the ${limits.maxEquipmentKg} kg guard; not stored`);
    } else if (kg > 0 || batch.components[e.id] !== undefined) {
      actualKg[e.id] = kg;
    }
  }
  let actualWeightKg: number | null = slot.weightFinishedKg;
  if (actualWeightKg > limits.maxWeightKg) {
    implausible(`slot ${batch.batchNo}: finished weight reads ${actualWeightKg} kg; not stored`);
    actualWeightKg = null;
  } else if (actualWeightKg > limits.warnWeightKg) {
    notice(`slot ${batch.batchNo}: finished weight ${actualWeightKg} kg is above the expected ${limits.warnWeightKg} kg`);
  }
  return {
    batchId: batch.id,
    statusManufacturing: slot.statusManufacturing,
    statusOperation: slot.statusOperation,
    actualWeightKg,
    actualKg,
  };
}
