/**
 * The old plant middleware's FINS I/O pattern, re-implemented over a PlcLink
 * only so `npm run bench` can count its frames and time them against ours
 * (../shared/plant/README.md §4 steps 5–7, §5 steps 1–7). Nothing in the app
 * depends on it.
 *
 * What is reproduced is which words travel in which frames, in which order.
 * Values come from this project's codec (rounded kg, pitfall P3 fixed), and the
 * plant's text-repair heuristics (README §6.2) are left out: neither changes a
 * single frame.
 */
import { SLOT_COUNT, type BatchRecipe } from '../shared/domain';
import { errorText } from '../electron/plc/fins-transport';
import { plcMemoryMap, slotBase, type MapField } from '../electron/plc/memory-map';
import type { PlcLink } from '../electron/plc/plc-link';
import { decodeReadSlot, encodeWriteSlot, type DecodedSlot } from '../electron/plc/slot-codec';
import { decodeText, encodeBool } from '../electron/plc/word-codec';
import { judgePlantSnapshot } from './plant-snapshot-check';

/** README §5 step 1: a slot is read up to 4 times until it "looks valid" (each read with its own transport retries). */
export const PLANT_READ_ATTEMPTS = 4;

const { write, read, handshake } = plcMemoryMap;

/**
 * One FINS write per field in offset order, so status_read_data (+76) comes
 * last — for slot 1 that is D7076 := 0 itself (pitfall P2). D7x72 is never
 * written: the plant's writer looks for "manufacturing", the label says
 * "manufaturing" (pitfall P1). 38 fields, 38 frames per slot.
 */
export const PLANT_WRITE_FIELDS: readonly MapField[] = write.fields
  .filter((field) => field !== write.named.status_manufacturing)
  .sort((a, b) => a.offset - b.offset);

export class PlantWriteError extends Error {
  override name = 'PlantWriteError';
}

/**
 * README §4 step 5, once per wave: D7076 = 1 → ready. D7076 = 0 → ready only
 * when no WRITE slot flag is 1 and no slot holds NO-MO text, one read per word
 * or string. A failed D7076 read means "not ready"; failed per-slot reads count
 * as 0 / empty, which can wrongly say "ready" (the plant's behaviour, kept).
 */
export async function plantWriteAreaReady(link: PlcLink): Promise<boolean> {
  const flag = await link.readDm(handshake.writeAreaAck, 1).then(
    ([word]) => word,
    () => undefined,
  );
  if (flag === 1) return true;
  if (flag !== 0) return false;
  const flags: number[] = [];
  for (const address of handshake.writeSlotFlags) flags.push((await readOr(link, address, 1))[0] ?? 0);
  const moTexts: string[] = [];
  for (let slot = 1; slot <= SLOT_COUNT; slot++) {
    moTexts.push(decodeText(await readOr(link, slotBase('write', slot) + write.named.mo_no.offset, write.named.mo_no.words)));
  }
  return flags.every((word) => word !== 1) && moTexts.every((text) => text === '');
}

/**
 * README §4 steps 5–8: readiness check, then every slot field by field in
 * batch order, then D7076 := 0 as soon as at least one slot went out — even if
 * a later one failed (pitfall P4). A failed slot does not stop the loop; the
 * wave fails at the end when fewer slots were written than staged.
 */
export async function naiveWriteWave(link: PlcLink, recipes: readonly BatchRecipe[]): Promise<void> {
  if (!(await plantWriteAreaReady(link))) {
    throw new PlantWriteError(`WRITE area not ready: D${handshake.writeAreaAck} is not 1 and the area is not empty`);
  }
  const ordered = [...recipes].sort((a, b) => a.batchNo - b.batchNo);
  let written = 0;
  const failures: string[] = [];
  for (const recipe of ordered) {
    try {
      await writeSlotFieldByField(link, recipe);
      written++;
    } catch (error) {
      failures.push(`slot ${recipe.batchNo}: ${errorText(error)}`);
    }
  }
  if (written > 0) await link.writeDm(handshake.writeAreaAck, [encodeBool(false)]);
  if (written < ordered.length) {
    throw new PlantWriteError(`Partial PLC write detected: ${written} of ${ordered.length} slots written (${failures.join('; ')})`);
  }
}

export interface PlantSlotRead {
  slot: number;
  /** Reads spent on this slot (1..4). */
  attempts: number;
  /** False when all 4 reads failed the check and the best-scoring one was kept. */
  strictValid: boolean;
  snapshot: DecodedSlot;
}

export interface PlantFeedback {
  slots: PlantSlotRead[];
  /** Slots whose read failed; the plant records them and goes on with the next slot. */
  failures: { slot: number; reason: string }[];
}

/** README §5 step 1: one slot, re-read until it looks valid, at most 4 times. */
export async function naiveReadSlot(link: PlcLink, slot: number): Promise<PlantSlotRead> {
  const readOnce = async () => {
    const words = await link.readDm(slotBase('read', slot), read.slotWords);
    return { words, ...judgePlantSnapshot(words) };
  };
  let best = await readOnce();
  let attempts = 1;
  while (!best.strictValid && attempts < PLANT_READ_ATTEMPTS) {
    attempts++;
    const next = await readOnce();
    if (next.score > best.score) best = next;
  }
  return { slot, attempts, strictValid: best.strictValid, snapshot: decodeReadSlot(best.words) };
}

/** All ten READ slots, one after another, each with the re-read rule. */
export async function naiveReadFeedback(link: PlcLink): Promise<PlantFeedback> {
  return readEachSlot(link, async () => undefined);
}

export interface PlantReadCycle extends PlantFeedback {
  /** Slots whose READ status_read_data was set to 1 this cycle. */
  acknowledged: number[];
}

/**
 * One Task 2 cycle (README §5): per slot, read it, match it to the queued batch
 * of that slot by MO, and if the PLC reports it finished write its
 * status_read_data := 1 — every cycle while it stays finished, acknowledged
 * before or not (step 7).
 */
export async function naiveReadCycle(link: PlcLink, queue: readonly BatchRecipe[]): Promise<PlantReadCycle> {
  const acknowledged: number[] = [];
  const feedback = await readEachSlot(link, async ({ slot, snapshot }) => {
    const moId = snapshot.moId.trim().toUpperCase();
    const matched = queue.some((batch) => batch.batchNo === slot && batch.moId === moId);
    if (!matched || !snapshot.statusManufacturing) return;
    await link.writeDm(handshake.readSlotAcks[slot - 1] ?? -1, [encodeBool(true)]);
    acknowledged.push(slot);
  });
  return { ...feedback, acknowledged };
}

async function readEachSlot(link: PlcLink, afterRead: (slotRead: PlantSlotRead) => Promise<void>): Promise<PlantFeedback> {
  const feedback: PlantFeedback = { slots: [], failures: [] };
  for (let slot = 1; slot <= SLOT_COUNT; slot++) {
    let slotRead: PlantSlotRead;
    try {
      slotRead = await naiveReadSlot(link, slot);
    } catch (error) {
      feedback.failures.push({ slot, reason: errorText(error) });
      continue;
    }
    feedback.slots.push(slotRead);
    await afterRead(slotRead);
  }
  return feedback;
}

async function writeSlotFieldByField(link: PlcLink, recipe: BatchRecipe): Promise<void> {
  const words = encodeWriteSlot(recipe.batchNo, recipe);
  const base = slotBase('write', recipe.batchNo);
  for (const field of PLANT_WRITE_FIELDS) {
    await link.writeDm(base + field.offset, words.slice(field.offset, field.offset + field.words));
  }
}

/** A failed read counts as zeros, as the plant's per-slot readiness reads do. */
async function readOr(link: PlcLink, address: number, count: number): Promise<number[]> {
  return link.readDm(address, count).catch(() => new Array<number>(count).fill(0));
}
