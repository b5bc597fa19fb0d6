import { DM_WORDS } from './dm-memory';
import { describeRange } from './fins-frame';
import { PlcError } from './fins-plc-error';

/**
 * Checks what the engine asks of the PLC before anything goes on the wire,
 * and cuts large requests into frames the PLC accepts (../shared/plant/fins.md §4).
 */

export interface WordRange {
  address: number;
  count: number;
}

export function assertReadRange(address: number, count: number): void {
  assertStart('reading', address);
  if (!Number.isInteger(count) || count < 1) throw badRequest(`reading D${address}: word count ${count} is not a whole number ≥ 1`);
  assertEnd('reading', address, count);
}

export function assertWriteWords(address: number, words: readonly number[]): void {
  assertStart('writing', address);
  if (words.length === 0) throw badRequest(`writing D${address}: no words given`);
  assertEnd('writing', address, words.length);
  words.forEach((word, i) => {
    if (!Number.isInteger(word) || word < 0 || word > 0xffff) {
      throw badRequest(`writing ${describeRange(address, words.length)}: D${address + i} = ${word} is not a 16-bit word (0..65535)`);
    }
  });
}

/** Consecutive ranges of at most `maxWords` words covering `address`..`address + count - 1`. */
export function splitRange(address: number, count: number, maxWords: number): WordRange[] {
  const ranges: WordRange[] = [];
  for (let offset = 0; offset < count; offset += maxWords) {
    ranges.push({ address: address + offset, count: Math.min(maxWords, count - offset) });
  }
  return ranges;
}

function assertStart(action: string, address: number): void {
  if (!Number.isInteger(address) || address < 0 || address >= DM_WORDS) {
    throw badRequest(`${action}: DM address ${address} is outside D0..D${DM_WORDS - 1}`);
  }
}

function assertEnd(action: string, address: number, count: number): void {
  if (address + count > DM_WORDS) throw badRequest(`${action} ${describeRange(address, count)} runs past D${DM_WORDS - 1}`);
}

function badRequest(detail: string): PlcError {
  return new PlcError('bad-request', `bad PLC request: ${detail}`);
}
