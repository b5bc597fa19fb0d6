import { describe, expect, it } from 'vitest';
import { encodeFailureBlock } from '../../../electron/plc/failure-block';
import { fieldAddress, plcMemoryMap, slotBase } from '../../../electron/plc/memory-map';
import { decodeWriteSlot, encodeWriteSlot } from '../../../electron/plc/slot-codec';
import {
  acknowledgeFailure, acknowledgeFinished, clearWave, handOverWave, readFailureBlock, readFeedback, readWriteArea, WaveVerifyError,
  writeAreaReadiness, writeWave,
} from '../../../electron/plc/wave-io';
import { MemoryPlcLink } from '../../support/memory-plc-link';
import { sampleRecipe, sampleWave } from './sample-recipes';

const ACK = plcMemoryMap.handshake.writeAreaAck;

/** Unused words +77..+99 of slots 1..9: the map does not define them, so a wave must leave them alone. */
const GAP_WORDS = Array.from({ length: 9 }, (_, i) => slotBase('write', i + 1) + 77 + (i % 23));

function linkWithGaps(): MemoryPlcLink {
  const link = new MemoryPlcLink();
  GAP_WORDS.forEach((address, i) => link.memory.write(address, [0xbe00 + i]));
  link.memory.write(ACK, [1]);
  return link;
}

describe('writing a wave', () => {
  it('costs 1 read + 2 writes + 1 verify read, plus 1 handshake write to hand it over', async () => {
    const link = linkWithGaps();
    const current = await readWriteArea(link);
    await writeWave(link, sampleWave(10), current);
    await handOverWave(link);

    expect(link.requests).toEqual([
      { kind: 'read', address: 7000, count: 977 },
      { kind: 'write', address: 7000, count: 76 },
      { kind: 'write', address: 7077, count: 900 },
      { kind: 'read', address: 7000, count: 977 },
      { kind: 'write', address: ACK, count: 1, once: true },
    ]);
    expect(link.health().roundTrips).toBe(5);
  });

  it('puts each recipe in the slot of its batch number', async () => {
    const link = linkWithGaps();
    await writeWave(link, sampleWave(10), await readWriteArea(link));
    const area = await readWriteArea(link);
    expect(area.slots.map((s) => [s.slot, s.batch, s.moId])).toEqual(sampleWave(10).map((r) => [r.batchNo, r.batchNo, r.moId]));
    expect(area.slots[9]?.equipment[115].kg).toBe(33.3);
  });

  it('never writes D7076 itself: the PLC sees "new data" only at hand-over (pitfall P2)', async () => {
    const link = linkWithGaps();
    await writeWave(link, sampleWave(10), await readWriteArea(link));
    expect(link.writesTouching(ACK)).toEqual([]);
    expect(link.memory.read(ACK, 1)).toEqual([1]);

    await handOverWave(link);
    // Sent once: a repeat after a lost reply would make the PLC take the wave twice.
    expect(link.writesTouching(ACK)).toEqual([{ kind: 'write', address: ACK, count: 1, once: true }]);
    expect(link.memory.read(ACK, 1)).toEqual([0]);
  });

  it('leaves the unused gap words as they were', async () => {
    const link = linkWithGaps();
    const before = GAP_WORDS.map((a) => link.memory.read(a, 1)[0]);
    await writeWave(link, sampleWave(10), await readWriteArea(link));
    expect(GAP_WORDS.map((a) => link.memory.read(a, 1)[0])).toEqual(before);
  });

  it('empties slots 4..10 when the wave has 3 MOs (pitfall P5)', async () => {
    const link = linkWithGaps();
    await writeWave(link, sampleWave(10), await readWriteArea(link));
    await writeWave(link, sampleWave(3).map((r) => ({ ...r, moId: r.moId.replace('WH', 'KJ') })), await readWriteArea(link));

    const area = await readWriteArea(link);
    expect(area.slots.slice(0, 3).map((s) => s.moId)).toEqual(['KJ/MO/00011', 'KJ/MO/00012', 'KJ/MO/00013']);
    for (const slot of area.slots.slice(3)) expect(slot.raw).toEqual(new Array(77).fill(0));
  });

  it('detects a word the PLC did not store as written, naming slot and field', async () => {
    const link = linkWithGaps();
    link.corruptWord = { address: fieldAddress('write', 3, 'mo_no'), value: 0x4142 };
    const written = writeWave(link, sampleWave(10), await readWriteArea(link));
    await expect(written).rejects.toThrow(WaveVerifyError);
    await expect(written).rejects.toThrow('WRITE area verify failed: WRITE slot 3 NO-MO (D7201) reads 0x4142 but 0x5748 was written');
  });

  it('lists every mismatching word', async () => {
    const link = linkWithGaps();
    link.corruptWord = { address: fieldAddress('write', 7, 'batch'), value: 9 };
    const error = await writeWave(link, sampleWave(10), await readWriteArea(link)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaveVerifyError);
    expect((error as WaveVerifyError).mismatches).toEqual([{ address: 7600, where: 'WRITE slot 7 BATCH (D7600)', wrote: 7, readBack: 9 }]);
  });

  it.each([
    [[], 'a wave needs at least one recipe; use clearWave to empty the WRITE area'],
    [[sampleRecipe(1), sampleRecipe(3)], 'wave batch numbers must be 1..2 without gaps (slot = batch number); got 1, 3'],
    [[sampleRecipe(1), sampleRecipe(1, { moId: 'WH/MO/00099' })], 'batch 1 appears twice in the wave (WH/MO/00011 and WH/MO/00099)'],
    [Array.from({ length: 11 }, (_, i) => sampleRecipe(i + 1)), 'a wave holds at most 10 batches (the PLC has 10 slots); got 11'],
  ])('refuses a malformed wave before writing anything (%#)', async (recipes, message) => {
    const link = linkWithGaps();
    const current = await readWriteArea(link);
    await expect(writeWave(link, recipes, current)).rejects.toThrow(message);
    expect(link.requests.filter((r) => r.kind === 'write')).toEqual([]);
  });

  it('passes link errors through unchanged', async () => {
    const link = linkWithGaps();
    const current = await readWriteArea(link);
    const unreachable = new Error('PLC unreachable (127.0.0.1:9600/udp): circuit open after 3 failed requests, next probe in 10 s');
    link.failNext = unreachable;
    await expect(writeWave(link, sampleWave(2), current)).rejects.toBe(unreachable);
  });
});

describe('withdrawing a wave', () => {
  it('empties every slot in the same two frames, keeping gap words and D7076', async () => {
    const link = linkWithGaps();
    await writeWave(link, sampleWave(10), await readWriteArea(link));
    const gapsBefore = GAP_WORDS.map((a) => link.memory.read(a, 1)[0]);
    link.requests.length = 0;

    await clearWave(link, await readWriteArea(link));
    const area = await readWriteArea(link);
    expect(area.slots.every((s) => s.moId === '' && s.batch === 0)).toBe(true);
    expect(GAP_WORDS.map((a) => link.memory.read(a, 1)[0])).toEqual(gapsBefore);
    expect(link.writesTouching(ACK)).toEqual([]);
    expect(link.requests.filter((r) => r.kind === 'write').map((r) => [r.address, r.count])).toEqual([[7000, 76], [7077, 900]]);
  });
});

describe('reading the WRITE area', () => {
  it('returns decoded slots, the handshake, per-slot flags and raw words in one read', async () => {
    const link = linkWithGaps();
    link.memory.write(slotBase('write', 2), encodeWriteSlot(2, sampleRecipe(2)));
    link.memory.write(plcMemoryMap.handshake.writeSlotFlags[1] ?? -1, [1]);
    link.memory.write(ACK, [0]);

    const area = await readWriteArea(link);
    expect(link.roundTrips).toBe(1);
    expect(area.handshake).toBe(0);
    expect(area.slotFlags).toEqual([false, true, false, false, false, false, false, false, false, false]);
    expect(area.slots[1]?.moId).toBe('WH/MO/00012');
    expect(area.raw).toHaveLength(977);
    expect(area.raw[(GAP_WORDS[0] ?? 0) - 7000]).toBe(0xbe00);
    expect(writeAreaReadiness(area).free).toBe(false);
  });
});

describe('feedback and acknowledgements', () => {
  it('reads all ten READ slots in one frame', async () => {
    const link = new MemoryPlcLink();
    link.memory.write(slotBase('read', 5), encodeWriteSlot(5, sampleRecipe(5)));
    link.memory.write(fieldAddress('read', 5, 'status_manufacturing'), [1]);

    const feedback = await readFeedback(link);
    expect(link.requests).toEqual([{ kind: 'read', address: 6000, count: 977 }]);
    expect(feedback.slots).toHaveLength(10);
    expect(feedback.slots[4]).toMatchObject({ slot: 5, moId: 'WH/MO/00015', statusManufacturing: true });
    expect(feedback.slots[3]).toMatchObject({ slot: 4, moId: '', statusManufacturing: false });
  });

  it('acknowledges a finished slot with one word at D6076 + 100·(slot − 1)', async () => {
    const link = new MemoryPlcLink();
    link.memory.write(slotBase('read', 4), encodeWriteSlot(4, sampleRecipe(4)));
    const before = link.memory.read(slotBase('read', 4), 77);

    await acknowledgeFinished(link, 4);
    expect(link.requests).toEqual([{ kind: 'write', address: 6376, count: 1 }]);
    const after = link.memory.read(slotBase('read', 4), 77);
    expect(decodeWriteSlot(after).statusReadData).toBe(true);
    expect(after.slice(0, 76)).toEqual(before.slice(0, 76));
  });

  it('refuses to acknowledge a slot that does not exist', async () => {
    await expect(acknowledgeFinished(new MemoryPlcLink(), 11)).rejects.toThrow(/slot 11 does not exist/);
  });

  it('reads the failure block in one frame and acknowledges it at D8022', async () => {
    const link = new MemoryPlcLink();
    link.memory.write(8000, encodeFailureBlock({ equipmentCode: 'silo105', info: 'SENSOR_ERROR', occurredAt: '2026-11-28 09:15:00', acknowledged: false }));

    const reading = await readFailureBlock(link);
    expect(reading).toMatchObject({ kind: 'event', event: { equipmentCode: 'silo105', info: 'SENSOR_ERROR', acknowledged: false } });
    await acknowledgeFailure(link);
    expect(link.requests).toEqual([
      { kind: 'read', address: 8000, count: 23 },
      { kind: 'write', address: 8022, count: 1 },
    ]);
    expect(await readFailureBlock(link)).toMatchObject({ kind: 'event', event: { acknowledged: true } });
  });
});
