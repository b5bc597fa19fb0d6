import { describe, expect, it } from 'vitest';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { encodeWriteSlot } from '../../../electron/plc/slot-codec';
import { judgePlantSnapshot, looksLikeProductName } from '../../../bench/plant-snapshot-check';
import { sampleRecipe } from '../plc/sample-recipes';

/** A READ slot as the PLC fills it: same layout as the WRITE slot it copied the header from. */
function slotWords(product: string, moId = 'WH/MO/00011'): number[] {
  return encodeWriteSlot(1, sampleRecipe(1, { finishedGoods: product, moId }));
}

describe('the old reader\'s product-name test', () => {
  it.each([
    ['[10092] JF SAPOT', true],
    ['[10002] JF PLUS', true],
    ['JF PLUS KUR', false], // no digits at all: the captured MO WH/MO/00014
    ['JF SAPOT 1B', false], // one digit is not enough
    ['AB 12', false], // shorter than 6 characters
    ['12345 / 6', false], // fewer than 2 letters
    ['[10092] @@ JF', false], // torn-read mark
    ['[10092] PP PLUS', false], // "PP" is taken for a torn read, even in a real name
  ])('%s → %s', (name, expected) => {
    expect(looksLikeProductName(name)).toBe(expected);
  });
});

describe('judging one read of a READ slot', () => {
  it('passes a slot with batch number, MO and a coded product name', () => {
    expect(judgePlantSnapshot(slotWords('[10092] JF SAPOT 1B'))).toEqual({ strictValid: true, score: 3, problems: [] });
  });

  it('fails a slot whose product name has no digits, with the name in the reason', () => {
    const verdict = judgePlantSnapshot(slotWords('JF PLUS KUR'));
    expect(verdict.strictValid).toBe(false);
    expect(verdict.score).toBe(2);
    expect(verdict.problems).toEqual([expect.stringContaining('"JF PLUS KUR"')]);
  });

  it('accepts a byte-swapped batch number, as the plant did', () => {
    const words = slotWords('[10092] JF SAPOT 1B');
    words[plcMemoryMap.read.named.batch.offset] = 0x0100;
    expect(judgePlantSnapshot(words).strictValid).toBe(true);
  });

  it('scores an empty slot 0 with all three checks failed', () => {
    const verdict = judgePlantSnapshot(new Array<number>(plcMemoryMap.read.slotWords).fill(0));
    expect(verdict).toMatchObject({ strictValid: false, score: 0 });
    expect(verdict.problems).toHaveLength(3);
  });
});
