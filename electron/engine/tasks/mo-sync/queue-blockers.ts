/**
 * What keeps the queue from emptying, in the words of the gate's "skipped"
 * reason (issue 8 item 11). "Waiting for the PLC" is true only of batches the
 * PLC still has; a finished batch waits for Odoo (and Odoo's last answer says
 * why), a failed one for its cancel in Odoo, and some wait for an operator.
 * Pure: derived from the queue rows, their outbox entries and the batches the
 * last PLC reading finished with an implausible value.
 */
import type { OutboxEntry, OutboxKind, QueueBatch } from '../../../../shared/domain';
import { consumptionPayload } from '../../../odoo/consumption-payload';
import { abbreviate } from './wave-selection';

export function describeQueueBlockers(
  queue: readonly QueueBatch[],
  outbox: readonly OutboxEntry[],
  /** MOs whose finish the last PLC reading held back as implausible (they stay unfinished in the queue). */
  heldFinishes: ReadonlySet<string> = new Set(),
): string {
  const inPlc = { waiting: 0, dosing: 0 };
  const booking: (OutboxEntry | undefined)[] = [];
  const cancelling: (OutboxEntry | undefined)[] = [];
  const operator: string[] = [];
  const entryOf = (moId: string, kind: OutboxKind) => outbox.find((e) => e.moId === moId && e.kind === kind);

  for (const batch of queue) {
    const { moId } = batch;
    if (!batch.statusManufacturing && !batch.statusOperation) {
      if (heldFinishes.has(moId)) operator.push(`${moId} finished with an implausible reading (check the PLC; if it stays wrong, archive it with a reason)`);
      else if (batch.lastReadFromPlc === null) inPlc.waiting++;
      else inPlc.dosing++;
      continue;
    }
    const kind: OutboxKind = batch.statusManufacturing ? 'consumption' : 'cancel';
    const entry = entryOf(moId, kind);
    if (entry?.state === 'quarantined') {
      operator.push(`${moId}'s ${kind} is quarantined (${entry.lastError ?? 'no reason recorded'}): check Odoo, then Retry or archive it`);
    } else if (kind === 'consumption' && !entry && consumptionPayload(moId, batch.actualKg, batch.actualWeightKg) === null) {
      // Task 3 sends nothing for such a batch (pitfall P9): no amount of waiting moves it.
      operator.push(`${moId} finished without any consumption to report (archive it with a reason)`);
    } else {
      (kind === 'consumption' ? booking : cancelling).push(entry);
    }
  }

  const parts: string[] = [];
  const plcCount = inPlc.waiting + inPlc.dosing;
  if (plcCount > 0) {
    const phases = [inPlc.waiting && `${inPlc.waiting} waiting`, inPlc.dosing && `${inPlc.dosing} dosing`].filter(Boolean).join(', ');
    parts.push(`${batches(plcCount)} still in the PLC (${phases}); waiting for the PLC to finish ${plcCount === 1 ? 'it' : 'them'}`);
  }
  if (booking.length > 0) parts.push(`${batches(booking.length)} finished; waiting for Odoo to accept ${their(booking.length)} consumption${lastAnswer(booking)}`);
  if (cancelling.length > 0) parts.push(`${batches(cancelling.length)} failed; waiting for Odoo to cancel ${their(cancelling.length)} MO${cancelling.length === 1 ? '' : 's'}${lastAnswer(cancelling)}`);
  if (operator.length > 0) parts.push(`${batches(operator.length)} ${operator.length === 1 ? 'needs' : 'need'} an operator: ${abbreviate(operator)}`);
  // Each part already uses "; " inside: sentences keep the kinds apart.
  return parts.join('. ');
}

const batches = (n: number) => `${n} ${n === 1 ? 'batch' : 'batches'}`;
const their = (n: number) => (n === 1 ? 'its' : 'their');

/** Odoo's most recent refusal among these entries, which is why they are still waiting; nothing when none was sent yet. */
function lastAnswer(entries: readonly (OutboxEntry | undefined)[]): string {
  const failed = entries.filter((e): e is OutboxEntry => e?.lastError != null).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return failed[0] ? ` (${failed[0].lastError})` : '';
}
