/**
 * The fewest FINS frames each job can take on this memory map within the frame
 * limits of ../shared/plant/fins.md §4 — run for real, so the bench counts
 * them on the server like every other contender. The assumptions that make
 * them the minimum are spelled out in `minimumAssumptions` and printed under
 * the tables.
 */
import type { BatchRecipe } from '../shared/domain';
import { MAX_READ_WORDS, MAX_WRITE_WORDS } from '../electron/plc/fins-frame';
import { plcMemoryMap, slotBase } from '../electron/plc/memory-map';
import type { PlcLink } from '../electron/plc/plc-link';
import { areaSpan, buildWaveImage, decodeWriteArea } from '../electron/plc/wave-area';
import { writeAreaReadiness } from '../electron/plc/wave-readiness';
import { encodeBool } from '../electron/plc/word-codec';

const { handshake } = plcMemoryMap;

export class MinimumPlanError extends Error {
  override name = 'MinimumPlanError';
}

/**
 * Readiness read of the whole WRITE area, the wave as one block (gap words and
 * D7076 re-written with the values just read), a verify read, then D7076 := 0
 * alone and last.
 */
export async function minimumWriteWave(link: PlcLink, recipes: readonly BatchRecipe[]): Promise<void> {
  const { first, count } = areaSpan('write');
  const current = decodeWriteArea(await link.readDm(first, count));
  const readiness = writeAreaReadiness(current);
  if (!readiness.free) throw new MinimumPlanError(readiness.reason);
  const image = buildWaveImage(recipes, current);
  // The handshake word rides along unchanged (the 1 just read), so the PLC still
  // sees "new data" only from the hand-over write below (pitfall P2).
  image[handshake.writeAreaAck - first] = current.handshake;
  await link.writeDm(first, image);
  const readBack = await link.readDm(first, count);
  const differing = image.findIndex((word, i) => readBack[i] !== word);
  if (differing >= 0) throw new MinimumPlanError(`verify read differs from the wave written at D${first + differing}`);
  // Sent once, as the engine does (wave-io.ts handOverWave): a repeated hand-over is a wave taken twice.
  await link.writeDmOnce(handshake.writeAreaAck, [encodeBool(false)]);
}

/** The whole READ area in as few reads as the frame limit allows. */
export async function minimumReadFeedback(link: PlcLink): Promise<number[]> {
  const { first, count } = areaSpan('read');
  return link.readDm(first, count);
}

/** The READ area, then one write per finished slot that is not acknowledged yet. */
export async function minimumReadCycle(link: PlcLink): Promise<void> {
  const raw = await minimumReadFeedback(link);
  const { first } = areaSpan('read');
  const { named } = plcMemoryMap.read;
  const wordOf = (slot: number, offset: number): number => raw[slotBase('read', slot) + offset - first] ?? 0;
  for (const [i, ackAddress] of handshake.readSlotAcks.entries()) {
    const slot = i + 1;
    if (wordOf(slot, named.status_manufacturing.offset) !== 0 && wordOf(slot, named.status_read_data.offset) === 0) {
      await link.writeDm(ackAddress, [encodeBool(true)]);
    }
  }
}

export interface MinimumFrames {
  reads: number;
  writes: number;
}

/** The arithmetic behind each plan, from the map and the frame limits. */
export function minimumFrames(): { writeWave: MinimumFrames; readFeedback: MinimumFrames } {
  const writeSpan = areaSpan('write').count;
  const readSpan = areaSpan('read').count;
  const readsOf = (words: number): number => Math.ceil(words / MAX_READ_WORDS);
  return {
    // readiness read + block write(s) + verify read + hand-over write
    writeWave: { reads: 2 * readsOf(writeSpan), writes: Math.ceil(writeSpan / MAX_WRITE_WORDS) + 1 },
    readFeedback: { reads: readsOf(readSpan), writes: 0 },
  };
}

/** Footnotes: how each minimum is counted and what it takes for granted. */
export function minimumAssumptions(): { writeWave: string[]; readFeedback: string[]; readCycle: string[] } {
  const { write, read } = plcMemoryMap;
  const writeSpan = areaSpan('write');
  const readSpan = areaSpan('read');
  const slotWords = write.slotWords * write.slotCount;
  const frames = minimumFrames();
  const ack = `D${handshake.writeAreaAck}`;
  return {
    writeWave: [
      `protocol minimum = 1 readiness read + ⌈${writeSpan.count}/${MAX_WRITE_WORDS}⌉ write + 1 verify read + 1 hand-over write` +
        ` = ${frames.writeWave.reads + frames.writeWave.writes} frames (≤ ${MAX_READ_WORDS} words per read, ≤ ${MAX_WRITE_WORDS} per write, fins.md §4).`,
      `It assumes: the ${slotWords} slot words fit one frame only because the ${writeSpan.count - slotWords} unused gap words between` +
        ` slots are re-written with the values just read (${describeSpan(writeSpan)}); ${ack} inside that block is re-written` +
        ` with the 1 just read; the wave is verified before ${ack} := 0, which goes last and alone (pitfall P2).`,
    ],
    readFeedback: [
      `protocol minimum = ⌈${readSpan.count}/${MAX_READ_WORDS}⌉ read of ${describeSpan(readSpan)} (${read.slotCount} slots of` +
        ` ${read.slotWords} words with the gaps between them).`,
    ],
    readCycle: [
      `protocol minimum = ⌈${readSpan.count}/${MAX_READ_WORDS}⌉ read + 1 write per finished, not yet acknowledged slot: the acks (D${handshake.readSlotAcks[0]},` +
        ` D${handshake.readSlotAcks[1]}, …) lie ${read.slotStride} words apart and the words between them belong to the PLC,` +
        ` so no frame can carry two of them.`,
    ],
  };
}

function describeSpan(span: { first: number; count: number }): string {
  return `D${span.first}..D${span.first + span.count - 1}, ${span.count} words`;
}
