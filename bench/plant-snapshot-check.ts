/**
 * The old middleware's test of whether one read of a READ slot "looks valid"
 * (../shared/plant/README.md §5 step 1). It decides how often the plant re-reads
 * a slot, so the naive read pattern in naive-plant-io.ts depends on it. Bench
 * only: the app itself reads strictly and never guesses (README §6.2).
 */
import { SLOT_COUNT } from '../shared/domain';
import { plcMemoryMap } from '../electron/plc/memory-map';
import { decodeText } from '../electron/plc/word-codec';

export interface SnapshotVerdict {
  /** All checks pass: the plant stops re-reading the slot. */
  strictValid: boolean;
  /** Checks passed (0..3): among failed attempts the plant keeps the best-scoring one. */
  score: number;
  /** The failed checks, for test messages. */
  problems: string[];
}

/** The plant's MO pattern: a two-letter warehouse prefix, "/MO/", 4–8 digits (pitfall P11: "KJB/MO/…" yields "JB/MO/…"). */
const PLANT_MO_PATTERN = /[A-Z]{2}\/MO\/\d{4,8}/;
/** Fragments the plant saw in torn or byte-swapped reads; a name containing one is rejected. */
const TORN_READ_MARKS = ['HW/M/O', 'PP', '0HW', '@@'];

export function judgePlantSnapshot(words: readonly number[]): SnapshotVerdict {
  const { named } = plcMemoryMap.read;
  const text = (field: { offset: number; words: number }): string => decodeText(words.slice(field.offset, field.offset + field.words));
  const problems: string[] = [];
  const batchWord = words[named.batch.offset] ?? 0;
  if (!isSlotNumber(batchWord) && !isSlotNumber(swapBytes(batchWord))) problems.push(`BATCH word ${batchWord} is no slot number`);
  const moText = text(named.mo_no).toUpperCase();
  if (!PLANT_MO_PATTERN.test(moText)) problems.push(`NO-MO "${moText}" has no XX/MO/dddd`);
  const bomText = text(named.bom_text);
  const finishedGoods = text(named.finished_goods);
  if (!looksLikeProductName(bomText) && !looksLikeProductName(finishedGoods)) {
    problems.push(`neither NO-BoM "${bomText}" nor finished_goods "${finishedGoods}" looks like a product name`);
  }
  return { strictValid: problems.length === 0, score: 3 - problems.length, problems };
}

/**
 * ≥ 6 characters, ≥ 5 alphanumerics, ≥ 2 letters and ≥ 2 digits, no torn-read
 * marks. The digit rule is why a product such as "JF PLUS KUR" is always read
 * four times.
 */
export function looksLikeProductName(text: string): boolean {
  const count = (pattern: RegExp): number => (text.match(pattern) ?? []).length;
  return (
    text.length >= 6 &&
    count(/[A-Za-z0-9]/g) >= 5 &&
    count(/[A-Za-z]/g) >= 2 &&
    count(/[0-9]/g) >= 2 &&
    !TORN_READ_MARKS.some((mark) => text.includes(mark))
  );
}

function isSlotNumber(word: number): boolean {
  return word >= 1 && word <= SLOT_COUNT;
}

function swapBytes(word: number): number {
  return ((word & 0xff) << 8) | (word >> 8);
}
