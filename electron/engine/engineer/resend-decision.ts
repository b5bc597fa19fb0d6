/**
 * May one queued batch's recipe be written again to its WRITE slot? (pure)
 *
 * A re-send writes the slot's recipe words only — never the hand-over word
 * D7076 and never a slot's read flag — so it cannot make the PLC take a wave
 * again. What it can do wrong is change the recipe of a batch the PLC is
 * dosing or has dosed. So it is allowed exactly when the PLC shows it has not
 * started the batch and is not about to:
 *  - the PLC has not taken the wave (D7076 = 0 and the batch's READ slot does
 *    not echo it): the PLC will take the slot as rewritten; or
 *  - the PLC has taken it (READ slot echoes the MO, or the slot's WRITE read
 *    flag is set) with nothing dosed, and an earlier batch of the wave is still
 *    to finish, so its turn has not come (the PLC doses the slots in order and
 *    reads a slot's targets when it starts it, ../shared/plant/README.md §14).
 * Everything else is refused with the reason.
 */
import type { QueueBatch } from '../../../shared/domain';
import { plcMemoryMap } from '../../plc/memory-map';
import type { FeedbackSnapshot, WriteAreaSnapshot } from '../../plc/wave-io';
import { batchPhase, dosedSoFar } from './plc-batch-state';

export type ResendStep = { kind: 'write'; because: string } | { kind: 'refuse'; reason: string };

export function decideResend(batch: QueueBatch, queue: readonly QueueBatch[], area: WriteAreaSnapshot, feedback: FeedbackSnapshot): ResendStep {
  const ack = `D${plcMemoryMap.handshake.writeAreaAck}`;
  const { moId, batchNo } = batch;
  const refuse = (reason: string): ResendStep => ({ kind: 'refuse', reason });
  if (batch.statusManufacturing) return refuse(`the PLC has finished ${moId}; a re-send could dose it twice`);
  if (batch.statusOperation) return refuse(`the PLC reported ${moId} failed; cancel it instead of re-sending it`);

  const readSlot = feedback.slots[batchNo - 1];
  switch (batchPhase(batch, feedback)) {
    case 'finished':
      return refuse(`READ slot ${batchNo} shows ${moId} finished; a re-send could dose it twice`);
    case 'failed':
      return refuse(`READ slot ${batchNo} shows ${moId} failed; cancel it instead of re-sending it`);
    case 'dosing':
      return refuse(`the PLC is dosing ${moId} (READ slot ${batchNo}: ${readSlot ? dosedSoFar(readSlot) : ''}); a re-send could dose it twice`);
    case 'waiting':
      break;
  }

  const taken = readSlot?.moId === moId || (batchNo > 1 && area.slotFlags[batchNo - 1] === true);
  if (!taken) {
    if (area.handshake === 0) return { kind: 'write', because: `the PLC has not taken the wave yet (${ack} = 0, READ slot ${batchNo} does not show ${moId})` };
    return refuse(
      `the PLC took its wave without ${moId} (${ack} = ${area.handshake}, READ slot ${batchNo} does not show it); it would run it only after a new hand-over, ` +
        'which makes the PLC take every slot of the wave again: cancel the batch instead',
    );
  }
  const ahead = queue.filter((b) => b.batchNo < batchNo && !b.statusManufacturing && !b.statusOperation && !['finished', 'failed'].includes(batchPhase(b, feedback)));
  const [first] = ahead;
  if (!first) return refuse(`the PLC has taken ${moId} and its turn has come (no earlier batch is left to finish): it may be starting it right now`);
  return { kind: 'write', because: `the PLC has taken ${moId} but not started it: slot ${first.batchNo} (${first.moId}) comes first` };
}
