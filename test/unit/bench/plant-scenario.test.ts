import { describe, expect, it } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { decodeReadArea, decodeWriteArea } from '../../../electron/plc/wave-area';
import { capturedWave, nextWave, plantPartWayThrough, restorePlantImage, withoutProductCodes } from '../../../bench/plant-scenario';

describe('the bench plant', () => {
  it('stages the ten captured MOs in slots 1..10, and the next ten after them', () => {
    expect(capturedWave().map((r) => [r.batchNo, r.moId])).toEqual(
      Array.from({ length: 10 }, (_, i) => [i + 1, `WH/MO/${String(11 + i).padStart(5, '0')}`]),
    );
    expect(nextWave().map((r) => r.moId)).toEqual(Array.from({ length: 10 }, (_, i) => `WH/MO/${String(21 + i).padStart(5, '0')}`));
  });

  it('drops only the "[code] " prefix from product names', () => {
    expect(withoutProductCodes(capturedWave()).map((r) => r.finishedGoods).slice(0, 4)).toEqual([
      'JF SAPOT 1B', 'JF PLUS UVP', 'JF SAPOT 2', 'JF PLUS KUR',
    ]);
  });

  it('freezes the PLC with the wave taken, 4 slots finished and unacknowledged, the 5th dosing', async () => {
    const image = await plantPartWayThrough(capturedWave(), 4);
    const memory = new DmMemory();
    restorePlantImage(memory, image);
    const writeArea = decodeWriteArea(memory.read(7000, 977));
    const readArea = decodeReadArea(memory.read(6000, 977));

    expect(writeArea.handshake).toBe(1);
    expect(readArea.slots.map((s) => s.moId)).toEqual(capturedWave().map((r) => r.moId));
    expect(readArea.slots.map((s) => s.statusManufacturing)).toEqual([true, true, true, true, false, false, false, false, false, false]);
    expect(readArea.slots.every((s) => !s.statusReadData)).toBe(true);
    expect(readArea.slots[4]?.equipment[103].kg).toBeGreaterThan(0);
    expect(readArea.slots[5]?.equipment[103].kg).toBe(0);
  });
});
