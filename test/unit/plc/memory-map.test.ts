import { describe, expect, it } from 'vitest';
import { EQUIPMENT_IDS } from '../../../shared/domain';
import {
  assertSlot, describeSlotWord, fieldAddress, loadMemoryMap, MemoryMapError, plcMemoryMap, slotBase,
} from '../../../electron/plc/memory-map';
import rawMap from '../../../electron/plc/plc-memory-map.json';

/** A deep copy of the map document to break on purpose. */
function mapCopy(): { areas: Record<string, unknown>[] } & Record<string, unknown> {
  return structuredClone(rawMap) as unknown as { areas: Record<string, unknown>[] } & Record<string, unknown>;
}

function areaOf(doc: ReturnType<typeof mapCopy>, id: string): Record<string, unknown> & { fields: Record<string, unknown>[] } {
  const area = doc.areas.find((a) => a.id === id);
  if (!area) throw new Error(`no area ${id}`);
  return area as Record<string, unknown> & { fields: Record<string, unknown>[] };
}

describe('the PLC memory map', () => {
  it('places slots at base + 100·(n−1) in both batch areas', () => {
    expect(slotBase('write', 1)).toBe(7000);
    expect(slotBase('write', 10)).toBe(7900);
    expect(slotBase('read', 3)).toBe(6200);
    expect(plcMemoryMap.write.slotWords).toBe(77);
  });

  it('spans D7000..D7976 and D6000..D6976, unused gap words included', () => {
    expect([plcMemoryMap.write.firstAddress, plcMemoryMap.write.lastAddress]).toEqual([7000, 7976]);
    expect([plcMemoryMap.read.firstAddress, plcMemoryMap.read.lastAddress]).toEqual([6000, 6976]);
  });

  it('finds field addresses by name', () => {
    expect(fieldAddress('write', 1, 'mo_no')).toBe(7001);
    expect(fieldAddress('write', 1, 'quantity_goods')).toBe(7025);
    expect(fieldAddress('read', 2, 'status_read_data')).toBe(6176);
    expect(fieldAddress('read', 10, 'status_manufacturing')).toBe(6972);
  });

  it('gives every equipment an id word and a kg value, in equipment order', () => {
    const write = plcMemoryMap.write.equipment;
    expect(write.map((e) => e.id)).toEqual([...EQUIPMENT_IDS]);
    const lq114 = write.find((e) => e.id === 114);
    expect([lq114?.idField.offset, lq114?.kgField.offset, lq114?.kgField.scale]).toEqual([66, 67, 100]);
  });

  it('derives the handshake words from the slots', () => {
    const { handshake } = plcMemoryMap;
    expect(handshake.writeAreaAck).toBe(7076);
    expect(handshake.writeSlotFlags).toEqual([7076, 7176, 7276, 7376, 7476, 7576, 7676, 7776, 7876, 7976]);
    expect(handshake.readSlotAcks[9]).toBe(6976);
    expect(handshake.failureAck).toBe(8022);
    expect(handshake.manualWeighingAck).toBe(9012);
  });

  it('describes the failure and manual-weighing blocks', () => {
    expect([plcMemoryMap.failure.firstAddress, plcMemoryMap.failure.lastAddress]).toEqual([8000, 8022]);
    expect(plcMemoryMap.manualWeighing.lastAddress).toBe(9012);
    expect(plcMemoryMap.failure.fields.find((f) => f.key === 'year')?.bcdDigits).toBe(4);
  });

  it('names a word for operators, with the plant’s own labels', () => {
    expect(describeSlotWord('write', 7201)).toBe('WRITE slot 3 NO-MO (D7201)');
    expect(describeSlotWord('write', 7272)).toBe('WRITE slot 3 status manufaturing (D7272)');
    expect(describeSlotWord('write', 7280)).toBe('WRITE unused word D7280');
  });

  it('refuses slots outside 1..10', () => {
    expect(() => assertSlot(0)).toThrow('slot 0 does not exist; the PLC has slots 1..10');
    expect(() => slotBase('read', 11)).toThrow(/slot 11 does not exist/);
  });
});

describe('loading a map document', () => {
  it('loads the plant file as shipped', () => {
    expect(() => loadMemoryMap(rawMap)).not.toThrow();
  });

  it('rejects a listed address that contradicts base, stride and offset', () => {
    const doc = mapCopy();
    const field = areaOf(doc, 'write_batch').fields.find((f) => f.key === 'silo_102_id');
    (field?.dm_by_slot as number[])[3] = 7240;
    expect(() => loadMemoryMap(doc)).toThrow('area write_batch field "silo_102_id" slot 4 is listed at D7240 but base/stride/offset give D7330');
  });

  it('rejects overlapping fields', () => {
    const doc = mapCopy();
    const field = areaOf(doc, 'read_batch').fields.find((f) => f.key === 'lq_115_consumption');
    if (field) {
      field.offset = 69;
      delete field.dm_by_slot;
    }
    expect(() => loadMemoryMap(doc)).toThrow(/fields "lq_115_id" and "lq_115_consumption" overlap at word \+69/);
  });

  it('rejects a malformed field with the path of the problem', () => {
    const doc = mapCopy();
    const field = areaOf(doc, 'read_batch').fields[0];
    if (field) field.offset = 'zero';
    expect(() => loadMemoryMap(doc)).toThrow(MemoryMapError);
    expect(() => loadMemoryMap(doc)).toThrow(/area read_batch is malformed:[\s\S]*fields\[0\]\.offset/);
  });

  it('rejects a handshake word that disagrees with its area', () => {
    const doc = mapCopy();
    const words = areaOf(doc, 'handshake').words as { key: string; dm?: number }[];
    const ack = words.find((w) => w.key === 'manual_weighing_ack');
    if (ack) ack.dm = 9013;
    expect(() => loadMemoryMap(doc)).toThrow('handshake "manual_weighing_ack" is D9013 but its area puts it at D9012');
  });

  it('rejects a map without a required area or field', () => {
    const noFailure = mapCopy();
    noFailure.areas = noFailure.areas.filter((a) => a.id !== 'equipment_failure');
    expect(() => loadMemoryMap(noFailure)).toThrow('memory map: area "equipment_failure" is missing');

    const noWeight = mapCopy();
    const read = areaOf(noWeight, 'read_batch');
    read.fields = read.fields.filter((f) => f.key !== 'weight_finished_good');
    expect(() => loadMemoryMap(noWeight)).toThrow('area read_batch lacks field "weight_finished_good"');
  });
});
