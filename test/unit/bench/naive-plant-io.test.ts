import { beforeAll, describe, expect, it } from 'vitest';
import { fieldAddress, plcMemoryMap, slotBase } from '../../../electron/plc/memory-map';
import { decodeWriteSlot } from '../../../electron/plc/slot-codec';
import { naiveReadCycle, naiveReadFeedback, naiveReadSlot, naiveWriteWave, PlantWriteError } from '../../../bench/naive-plant-io';
import { capturedWave, nextWave, plantPartWayThrough, restorePlantImage, type PlantImage } from '../../../bench/plant-scenario';
import { MemoryPlcLink } from '../../support/memory-plc-link';
import { sampleRecipe } from '../plc/sample-recipes';

const ACK = plcMemoryMap.handshake.writeAreaAck;
const { write, read } = plcMemoryMap;

function linkWithAck(value: number): MemoryPlcLink {
  const link = new MemoryPlcLink();
  link.memory.write(ACK, [value]);
  return link;
}

describe('the old middleware writing a wave', () => {
  it('costs 1 readiness read, 38 one-field writes per slot and D7076 := 0 at the end', async () => {
    const link = linkWithAck(1);
    await naiveWriteWave(link, nextWave());

    expect(link.requests[0]).toEqual({ kind: 'read', address: ACK, count: 1 });
    expect(link.requests.slice(1).every((r) => r.kind === 'write')).toBe(true);
    expect(link.requests).toHaveLength(1 + 38 * 10 + 1);
    expect(link.requests.at(-1)).toEqual({ kind: 'write', address: ACK, count: 1 });
  });

  it('writes each slot field by field in the plant order and never writes status manufacturing (P1)', async () => {
    const link = linkWithAck(1);
    await naiveWriteWave(link, [sampleRecipe(1)]);

    const slotWrites = link.requests.slice(1, -1);
    const expectedOffsets = write.fields.map((f) => f.offset).filter((offset) => offset !== write.named.status_manufacturing.offset);
    expect(slotWrites.map((r) => r.address - slotBase('write', 1))).toEqual(expectedOffsets);
    expect(slotWrites.slice(0, 5).map((r) => r.count)).toEqual([1, 8, 8, 8, 2]); // BATCH, NO-MO, NO-BoM, finished_goods, Quantity
    expect(link.writesTouching(fieldAddress('write', 1, 'status_manufacturing'))).toEqual([]);
  });

  it('already says "new data" (D7076 := 0) after slot 1, before slot 2 is written (P2)', async () => {
    const link = linkWithAck(1);
    await naiveWriteWave(link, nextWave().slice(0, 2));

    const firstAckWrite = link.requests.findIndex((r) => r.kind === 'write' && r.address === ACK);
    const firstSlot2Write = link.requests.findIndex((r) => r.kind === 'write' && r.address >= slotBase('write', 2));
    expect(firstAckWrite).toBeGreaterThan(0);
    expect(firstAckWrite).toBeLessThan(firstSlot2Write);
  });

  it('leaves the recipes readable in the WRITE slots', async () => {
    const link = linkWithAck(1);
    const wave = nextWave();
    await naiveWriteWave(link, wave);
    const slot3 = decodeWriteSlot(link.memory.read(slotBase('write', 3), write.slotWords));
    expect([slot3.batch, slot3.moId, slot3.finishedGoods]).toEqual([3, wave[2]?.moId, wave[2]?.finishedGoods.slice(0, 16).trim()]);
  });

  it('on an empty area with D7076 = 0 reads every slot flag and NO-MO once (21 reads), then writes', async () => {
    const link = linkWithAck(0);
    await naiveWriteWave(link, [sampleRecipe(1)]);
    expect(link.requests.filter((r) => r.kind === 'read')).toHaveLength(21);
    expect(link.requests.filter((r) => r.kind === 'write')).toHaveLength(39);
  });

  it('refuses a wave while the PLC has not taken the previous one, without writing', async () => {
    const link = linkWithAck(1);
    await naiveWriteWave(link, [sampleRecipe(1)]);
    const before = link.requests.length;

    await expect(naiveWriteWave(link, [sampleRecipe(1)])).rejects.toThrow(PlantWriteError);
    expect(link.requests.slice(before).every((r) => r.kind === 'read')).toBe(true);
  });

  it('takes a failed D7076 read for "not ready"', async () => {
    const link = linkWithAck(1);
    link.failNext = new Error('PLC did not answer');
    await expect(naiveWriteWave(link, [sampleRecipe(1)])).rejects.toThrow('WRITE area not ready');
    expect(link.requests).toHaveLength(1);
  });

  it('still hands over the slots it wrote when one slot fails, then reports the partial write (P4)', async () => {
    const link = linkWithAck(1);
    const wave = [sampleRecipe(1), sampleRecipe(2, { moId: '' }), sampleRecipe(3)];

    await expect(naiveWriteWave(link, wave)).rejects.toThrow(/Partial PLC write detected: 2 of 3 slots written \(slot 2: .*MO id is empty/);
    expect(link.requests.at(-1)).toEqual({ kind: 'write', address: ACK, count: 1 });
    expect(link.memory.read(ACK, 1)).toEqual([0]);
    expect(link.writesTouching(slotBase('write', 3))).toHaveLength(1);
  });
});

describe('the old middleware reading the READ slots', () => {
  let plant: PlantImage;
  beforeAll(async () => {
    plant = await plantPartWayThrough(capturedWave(), 4);
  });

  function plantLink(): MemoryPlcLink {
    const link = new MemoryPlcLink();
    restorePlantImage(link.memory, plant);
    return link;
  }

  it('reads a slot with a coded product name once', async () => {
    const link = plantLink();
    const slot = await naiveReadSlot(link, 1);
    expect(slot).toMatchObject({ slot: 1, attempts: 1, strictValid: true });
    expect(slot.snapshot.moId).toBe('WH/MO/00011');
    expect(link.requests).toEqual([{ kind: 'read', address: slotBase('read', 1), count: read.slotWords }]);
  });

  it('reads "JF PLUS KUR" four times and keeps what it read', async () => {
    const link = plantLink();
    const slot = await naiveReadSlot(link, 4);
    expect(slot).toMatchObject({ slot: 4, attempts: 4, strictValid: false });
    expect(slot.snapshot.finishedGoods).toBe('JF PLUS KUR');
    expect(link.requests).toHaveLength(4);
  });

  it('reads the captured wave in 13 frames, slot after slot', async () => {
    const link = plantLink();
    const feedback = await naiveReadFeedback(link);
    expect(feedback.slots.map((s) => s.attempts)).toEqual([1, 1, 1, 4, 1, 1, 1, 1, 1, 1]);
    expect(link.requests).toHaveLength(13);
    expect(feedback.failures).toEqual([]);
  });

  it('records a slot whose read fails and goes on with the next', async () => {
    const link = plantLink();
    link.failNext = new Error('PLC did not answer');
    const feedback = await naiveReadFeedback(link);
    expect(feedback.failures).toEqual([{ slot: 1, reason: 'PLC did not answer' }]);
    expect(feedback.slots.map((s) => s.slot)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('acknowledges each finished slot right after reading it, and again next cycle', async () => {
    const link = plantLink();
    const cycle = await naiveReadCycle(link, capturedWave());
    expect(cycle.acknowledged).toEqual([1, 2, 3, 4]);
    const ackWrites = link.requests.flatMap((r, i) => (r.kind === 'write' ? [[i, r.address]] : []));
    // read slot 1, ack 1, read 2, ack 2, read 3, ack 3, read 4 (×4), ack 4
    expect(ackWrites).toEqual([[1, 6076], [3, 6176], [5, 6276], [10, 6376]]);
    expect(link.memory.read(fieldAddress('read', 4, 'status_read_data'), 1)).toEqual([1]);

    const again = await naiveReadCycle(link, capturedWave());
    expect(again.acknowledged).toEqual([1, 2, 3, 4]);
  });

  it('does not acknowledge a finished slot whose MO is not the one queued in that slot', async () => {
    const link = plantLink();
    const queue = capturedWave().map((recipe) => (recipe.batchNo === 2 ? { ...recipe, moId: 'WH/MO/00099' } : recipe));
    const cycle = await naiveReadCycle(link, queue);
    expect(cycle.acknowledged).toEqual([1, 3, 4]);
  });
});
