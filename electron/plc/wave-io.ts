/**
 * Wave I/O over a PlcLink in as few FINS frames as the map allows: one read per
 * area, a wave in two writes around the handshake word plus one verify read,
 * one-word handshakes. Link errors propagate unchanged (they carry readable
 * messages); this module adds only the errors of its own checks.
 */
import type { BatchRecipe } from '../../shared/domain';
import { decodeFailureBlock, FAILURE_BLOCK_WORDS, type FailureBlockReading } from './failure-block';
import { describeSlotWord, fieldAddress, plcMemoryMap } from './memory-map';
import type { PlcLink } from './plc-link';
import { areaSpan, buildWaveImage, decodeReadArea, decodeWriteArea, type FeedbackSnapshot, type WriteAreaSnapshot } from './wave-area';
import { encodeBool } from './word-codec';

export type { FeedbackSnapshot, SlotSnapshot, WriteAreaSnapshot } from './wave-area';
export { writeAreaReadiness, type WriteAreaReadiness } from './wave-readiness';

export interface WordMismatch {
  address: number;
  /** e.g. "WRITE slot 3 NO-MO (D7201)". */
  where: string;
  wrote: number;
  readBack: number;
}

export class WaveVerifyError extends Error {
  override name = 'WaveVerifyError';
  constructor(readonly mismatches: readonly WordMismatch[]) {
    const [first] = mismatches;
    const more = mismatches.length > 1 ? ` (and ${mismatches.length - 1} more word${mismatches.length > 2 ? 's' : ''})` : '';
    super(
      first
        ? `WRITE area verify failed: ${first.where} reads ${hex(first.readBack)} but ${hex(first.wrote)} was written${more}`
        : 'WRITE area verify failed',
    );
  }
}

/** ONE read of D7000..D7976 (977 words). */
export async function readWriteArea(link: PlcLink): Promise<WriteAreaSnapshot> {
  const span = areaSpan('write');
  return decodeWriteArea(await link.readDm(span.first, span.count));
}

/**
 * Writes a wave (recipes in slots 1..N, slots N+1..10 emptied, gap words kept
 * from `current`) and verifies it by reading it back. Never touches D7076: the
 * PLC must not see "new data" before the whole wave is written and verified
 * (pitfall P2); the engine calls handOverWave afterwards.
 */
export async function writeWave(link: PlcLink, recipes: readonly BatchRecipe[], current: WriteAreaSnapshot): Promise<void> {
  if (recipes.length === 0) throw new RangeError('a wave needs at least one recipe; use clearWave to empty the WRITE area');
  await writeAndVerify(link, buildWaveImage(recipes, current));
}

/** Empties every WRITE slot (gap words and D7076 untouched) so an unverified or abandoned wave can never run. */
export async function clearWave(link: PlcLink, current: WriteAreaSnapshot): Promise<void> {
  await writeAndVerify(link, buildWaveImage([], current));
}

/**
 * D7076 := 0, "new data for the PLC". Only after a verified writeWave. Sent
 * ONCE: the PLC sets D7076 back to 1 when it takes the wave, so a repeat after
 * a lost reply would make it take the same wave again. An unanswered hand-over
 * rejects (PlcError 'unanswered') and is settled by reading the PLC.
 */
export async function handOverWave(link: PlcLink): Promise<void> {
  await link.writeDmOnce(plcMemoryMap.handshake.writeAreaAck, [encodeBool(false)]);
}

/** ONE read of D6000..D6976 (977 words). */
export async function readFeedback(link: PlcLink): Promise<FeedbackSnapshot> {
  const span = areaSpan('read');
  return decodeReadArea(await link.readDm(span.first, span.count));
}

/** READ status_read_data of `slot` := 1. One word: the rest of the READ area belongs to the PLC. */
export async function acknowledgeFinished(link: PlcLink, slot: number): Promise<void> {
  await link.writeDm(fieldAddress('read', slot, 'status_read_data'), [encodeBool(true)]);
}

/** ONE read of D8000..D8022. */
export async function readFailureBlock(link: PlcLink): Promise<FailureBlockReading> {
  return decodeFailureBlock(await link.readDm(plcMemoryMap.failure.firstAddress, FAILURE_BLOCK_WORDS));
}

/** D8022 := 1. */
export async function acknowledgeFailure(link: PlcLink): Promise<void> {
  await link.writeDm(plcMemoryMap.handshake.failureAck, [encodeBool(true)]);
}

/** Two frames around the handshake word, then one read-back compared word by word (the handshake excluded). */
async function writeAndVerify(link: PlcLink, image: readonly number[]): Promise<void> {
  const { first } = areaSpan('write');
  const ackIndex = plcMemoryMap.handshake.writeAreaAck - first;
  const before = image.slice(0, ackIndex);
  const after = image.slice(ackIndex + 1);
  if (before.length > 0) await link.writeDm(first, before);
  if (after.length > 0) await link.writeDm(first + ackIndex + 1, after);

  const readBack = await link.readDm(first, image.length);
  const mismatches: WordMismatch[] = [];
  image.forEach((wrote, i) => {
    const got = readBack[i];
    if (i !== ackIndex && got !== wrote) {
      mismatches.push({ address: first + i, where: describeSlotWord('write', first + i), wrote, readBack: got ?? -1 });
    }
  });
  if (mismatches.length > 0) throw new WaveVerifyError(mismatches);
}

function hex(word: number): string {
  return word < 0 ? 'nothing' : `0x${word.toString(16).toUpperCase().padStart(4, '0')}`;
}
