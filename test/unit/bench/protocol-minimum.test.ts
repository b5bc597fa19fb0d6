import { beforeAll, describe, expect, it } from 'vitest';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { handOverWave, readWriteArea, writeWave } from '../../../electron/plc/wave-io';
import { minimumFrames, minimumReadCycle, minimumReadFeedback, minimumWriteWave } from '../../../bench/protocol-minimum';
import { capturedWave, nextWave, plantPartWayThrough, restorePlantImage, type PlantImage } from '../../../bench/plant-scenario';
import { MemoryPlcLink } from '../../support/memory-plc-link';

const ACK = plcMemoryMap.handshake.writeAreaAck;

let plant: PlantImage;
beforeAll(async () => {
  plant = await plantPartWayThrough(capturedWave(), 4);
});

function plantLink(onWrite?: (address: number, count: number) => void): MemoryPlcLink {
  const link = new MemoryPlcLink(undefined, onWrite);
  restorePlantImage(link.memory, plant);
  return link;
}

describe('the protocol minimum for a wave', () => {
  it('is 1 read, 1 block write, 1 verify read and the hand-over, as the arithmetic says', async () => {
    const link = plantLink();
    await minimumWriteWave(link, nextWave());
    expect(link.requests).toEqual([
      { kind: 'read', address: 7000, count: 977 },
      { kind: 'write', address: 7000, count: 977 },
      { kind: 'read', address: 7000, count: 977 },
      { kind: 'write', address: ACK, count: 1, once: true },
    ]);
    expect(minimumFrames().writeWave).toEqual({ reads: 2, writes: 2 });
  });

  it('keeps D7076 at 1 until the hand-over, so the PLC never sees "new data" early', async () => {
    const ackAfterEachWrite: number[] = [];
    const link = plantLink(() => ackAfterEachWrite.push(link.memory.read(ACK, 1)[0] ?? -1));
    await minimumWriteWave(link, nextWave());
    expect(ackAfterEachWrite).toEqual([1, 0]);
  });

  it('leaves the PLC holding exactly what Smart MO Sync would have written', async () => {
    const minimum = plantLink();
    await minimumWriteWave(minimum, nextWave());
    const ours = plantLink();
    await writeWave(ours, nextWave(), await readWriteArea(ours));
    await handOverWave(ours);
    expect(minimum.memory.read(7000, 977)).toEqual(ours.memory.read(7000, 977));
  });

  it('refuses to write while the PLC has not taken the previous wave', async () => {
    const link = plantLink();
    link.memory.write(ACK, [0]);
    await expect(minimumWriteWave(link, nextWave())).rejects.toThrow(/PLC has not taken the previous wave/);
    expect(link.requests).toEqual([{ kind: 'read', address: 7000, count: 977 }]);
  });
});

describe('the protocol minimum for reading', () => {
  it('reads the whole READ area in one frame', async () => {
    const link = plantLink();
    expect(await minimumReadFeedback(link)).toHaveLength(977);
    expect(link.requests).toEqual([{ kind: 'read', address: 6000, count: 977 }]);
    expect(minimumFrames().readFeedback).toEqual({ reads: 1, writes: 0 });
  });

  it('acknowledges each finished slot once, one word per frame', async () => {
    const link = plantLink();
    await minimumReadCycle(link);
    expect(link.requests.slice(1)).toEqual([6076, 6176, 6276, 6376].map((address) => ({ kind: 'write', address, count: 1 })));

    await minimumReadCycle(link);
    expect(link.requests.slice(5)).toEqual([{ kind: 'read', address: 6000, count: 977 }]);
  });
});
