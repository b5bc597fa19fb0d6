/**
 * Rewrites ONE WRITE slot while the rest of the wave stays as the PLC has it: an
 * engineer's re-send of a recipe, or the emptying of a cancelled batch's slot.
 *
 * The slot's status_read_data word is never written: slot 1's is the hand-over
 * word D7076 itself (a 0 there makes the PLC take every slot again), and the
 * other slots' flags belong to the PLC (decision Q4). Each frame is sent ONCE:
 * an unanswered one is settled by reading the slot back, never by sending it
 * again, so the engine always knows how many writes the PLC may have seen.
 */
import { describeSlotWord, fieldAddress, slotArea, slotBase } from './memory-map';
import { PlcError } from './fins-plc-error';
import type { PlcLink } from './plc-link';

export interface SlotRewrite {
  /** The answer of a frame was lost, but the slot reads back as sent. */
  settledByReading: boolean;
}

export class SlotRewriteError extends Error {
  override name = 'SlotRewriteError';
}

/** `words`: the slot's full image (encodeWriteSlot or encodeEmptySlot); its status_read_data word is left out. */
export async function rewriteWriteSlot(link: PlcLink, slot: number, words: readonly number[]): Promise<SlotRewrite> {
  const area = slotArea('write');
  if (words.length !== area.slotWords) throw new RangeError(`WRITE slot ${slot}: expected ${area.slotWords} words, got ${words.length}`);
  const first = slotBase('write', slot);
  const flagIndex = fieldAddress('write', slot, 'status_read_data') - first;
  const frames = [
    { address: first, words: words.slice(0, flagIndex) },
    { address: first + flagIndex + 1, words: words.slice(flagIndex + 1) },
  ].filter((frame) => frame.words.length > 0);

  let lostReply: PlcError | null = null;
  for (const frame of frames) {
    try {
      await link.writeDmOnce(frame.address, frame.words);
    } catch (error) {
      if (!(error instanceof PlcError && error.kind === 'unanswered')) {
        throw new SlotRewriteError(`WRITE slot ${slot} was not rewritten: ${(error as Error).message}`);
      }
      lostReply = error;
      break;
    }
  }

  const readBack = await link.readDm(first, area.slotWords);
  const wrong = words.findIndex((word, i) => i !== flagIndex && readBack[i] !== word);
  if (wrong >= 0) {
    const where = describeSlotWord('write', first + wrong);
    const lost = lostReply ? ` after an unanswered write (${lostReply.message})` : '';
    throw new SlotRewriteError(`WRITE slot ${slot} does not hold what was sent${lost}: ${where} differs; nothing was sent again, check the PLC`);
  }
  return { settledByReading: lostReply !== null };
}
