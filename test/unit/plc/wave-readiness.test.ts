import { describe, expect, it } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { plcMemoryMap, slotBase } from '../../../electron/plc/memory-map';
import { encodeWriteSlot } from '../../../electron/plc/slot-codec';
import { areaSpan, decodeWriteArea } from '../../../electron/plc/wave-area';
import { writeAreaReadiness } from '../../../electron/plc/wave-readiness';
import { sampleRecipe } from './sample-recipes';

const { handshake } = plcMemoryMap;

/** A WRITE area holding recipes in `slots`, D7076 = `ack`, and per-slot flags set in `flagged`. */
function writeArea(options: { ack: number; slots?: number[]; flagged?: number[] }) {
  const memory = new DmMemory();
  for (const slot of options.slots ?? []) memory.write(slotBase('write', slot), encodeWriteSlot(slot, sampleRecipe(slot)));
  for (const slot of options.flagged ?? []) memory.write(handshake.writeSlotFlags[slot - 1] ?? -1, [1]);
  memory.write(handshake.writeAreaAck, [options.ack]);
  const span = areaSpan('write');
  return decodeWriteArea(memory.read(span.first, span.count));
}

describe('writeAreaReadiness', () => {
  it('is free when the PLC has taken the previous wave (D7076 = 1)', () => {
    const readiness = writeAreaReadiness(writeArea({ ack: 1, slots: [1, 2, 3], flagged: [2, 3] }));
    expect(readiness).toEqual({ free: true, reason: 'WRITE area free: the PLC has taken the previous wave (D7076 = 1)' });
  });

  it('is free on the very first start: D7076 = 0 but nothing was ever written', () => {
    expect(writeAreaReadiness(writeArea({ ack: 0 }))).toEqual({ free: true, reason: 'WRITE area free: it is empty (D7076 = 0, first start)' });
  });

  it('is not free while recipes wait for the PLC, and says which', () => {
    const readiness = writeAreaReadiness(writeArea({ ack: 0, slots: [1, 2, 3, 4] }));
    expect(readiness).toEqual({
      free: false,
      reason: 'PLC has not taken the previous wave yet (D7076 = 0; slots 1–4 hold WH/MO/00011, WH/MO/00012, WH/MO/00013, …)',
    });
  });

  it('is not free when a per-slot flag is set although no MO text is left', () => {
    const readiness = writeAreaReadiness(writeArea({ ack: 0, flagged: [3, 5, 6, 7] }));
    expect(readiness).toEqual({ free: false, reason: 'PLC has not taken the previous wave yet (D7076 = 0; read flags set in slots 3, 5–7)' });
  });

  it('names a single waiting slot', () => {
    expect(writeAreaReadiness(writeArea({ ack: 0, slots: [2] })).reason).toBe(
      'PLC has not taken the previous wave yet (D7076 = 0; slot 2 holds WH/MO/00012)',
    );
  });

  it('is not free when D7076 holds neither 0 nor 1', () => {
    expect(writeAreaReadiness(writeArea({ ack: 2 }))).toEqual({
      free: false,
      reason: 'WRITE area handshake D7076 holds 2, neither 0 nor 1; the PLC program must be checked',
    });
  });
});
