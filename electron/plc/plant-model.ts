/**
 * A simulated PLC program over DM memory: it takes a wave when the app flips
 * the WRITE handshake, doses the taken slots one after another and reports
 * actuals in the READ area (../shared/plant/README.md §2, §14). Time comes from
 * the injected Clock, randomness from `random`, so a test replays it exactly.
 */
import { SLOT_COUNT, type EquipmentId } from '../../shared/domain';
import type { Clock } from '../engine/clock';
import type { DmMemory } from './dm-memory';
import { encodeFailureBlock, plantLocalTimestamp } from './failure-block';
import { assertSlot, plcMemoryMap, slotBase, type MapField, type SlotArea, type SlotEquipmentFields } from './memory-map';
import { decodeWriteSlot } from './slot-codec';
import { decodeBool, decodeUint32, encodeBool, encodeUint32 } from './word-codec';

export interface PlantModelOptions {
  memory: DmMemory;
  clock: Clock;
  /** Time multiplier: 100 runs a 30 s batch in 0.3 s. */
  speed?: number;
  /** Dosing time of one batch at speed 1. */
  batchSeconds?: number;
  /** How often the ramp advances (clock time). */
  tickMs?: number;
  /** 0 ≤ r < 1; defaults to Math.random. Pass seededRandom(seed) for a replayable run. */
  random?: () => number;
  /** Slots whose next run fails midway (each failure is used once). */
  failSlots?: number[];
}

export interface PlantStats {
  running: boolean;
  wavesTaken: number;
  /** Slots of the current wave, in dosing order. */
  takenSlots: number[];
  /** The slot being dosed now, null when idle. */
  activeSlot: number | null;
  finishedSlots: number[];
  failedSlots: number[];
  /** Slots of the current wave whose READ status_read_data the app has set to 1. */
  acknowledgedSlots: number[];
  /** Slots whose next run will fail. */
  armedFailures: number[];
  failureEventsRaised: number;
}

interface DosingTarget {
  /** READ field that receives the actual kg. */
  actualField: MapField;
  /** Target in raw PLC units (kg × scale). */
  targetRaw: number;
  /** Final actual / target: the plant never doses exactly (±1–3 %). */
  accuracy: number;
}

interface SlotRun {
  slot: number;
  startedAt: number;
  fails: boolean;
  targets: DosingTarget[];
}

const write = plcMemoryMap.write;
const read = plcMemoryMap.read;

/** Fields the PLC copies from a WRITE slot into its READ slot when it takes a recipe (README §14.2). */
const HEADER_FIELDS: readonly { from: MapField; to: MapField }[] = [
  ...(['batch', 'mo_no', 'bom_text', 'finished_goods', 'quantity_goods'] as const).map((key) => ({ from: write.named[key], to: read.named[key] })),
  ...write.equipment.map((e) => ({ from: e.idField, to: equipmentFields(read, e.id).idField })),
];

export class PlantModel {
  private readonly memory: DmMemory;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly tickMs: number;
  private readonly batchMs: number;
  private readonly armed: Set<number>;
  private cancelTick: (() => void) | null = null;
  private queue: number[] = [];
  private active: SlotRun | null = null;
  private wavesTaken = 0;
  private takenSlots: number[] = [];
  private finished: number[] = [];
  private failed: number[] = [];
  private acknowledged = new Set<number>();
  private failureEventsRaised = 0;

  constructor(options: PlantModelOptions) {
    const speed = options.speed ?? 1;
    const batchSeconds = options.batchSeconds ?? 30;
    const tickMs = options.tickMs ?? 200;
    for (const [name, value] of [['speed', speed], ['batchSeconds', batchSeconds], ['tickMs', tickMs]] as const) {
      if (!Number.isFinite(value) || value <= 0) throw new RangeError(`plant model: ${name} must be a positive number, got ${value}`);
    }
    options.failSlots?.forEach(assertSlot);
    this.memory = options.memory;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.tickMs = tickMs;
    this.batchMs = (batchSeconds * 1000) / speed;
    this.armed = new Set(options.failSlots);
  }

  /** Boots the PLC ready for a wave (D7076 = 1) and starts the program cycle. */
  start(): void {
    if (this.cancelTick) return;
    this.memory.write(plcMemoryMap.handshake.writeAreaAck, [encodeBool(true)]);
    this.scheduleTick();
  }

  stop(): void {
    this.cancelTick?.();
    this.cancelTick = null;
  }

  /** Hook for the FINS server's onWrite: react to a handshake at once instead of at the next tick. */
  notifyWrite(_address: number, _count: number): void {
    if (this.cancelTick) this.step();
  }

  /** The next run of `slot` stops midway with status_operation = 1. */
  failSlot(slot: number): void {
    assertSlot(slot);
    this.armed.add(slot);
  }

  /** Writes a new event into the failure block (D8022 := 0) stamped with the plant's local time (README §14.5). */
  raiseEquipmentFailure(equipmentCode: string, info: string): void {
    const words = encodeFailureBlock({ equipmentCode, info, occurredAt: plantLocalTimestamp(this.clock.now()), acknowledged: false });
    this.memory.write(plcMemoryMap.failure.firstAddress, words);
    this.failureEventsRaised++;
  }

  stats(): PlantStats {
    return {
      running: this.cancelTick !== null,
      wavesTaken: this.wavesTaken,
      takenSlots: [...this.takenSlots],
      activeSlot: this.active?.slot ?? null,
      finishedSlots: [...this.finished],
      failedSlots: [...this.failed],
      acknowledgedSlots: [...this.acknowledged].sort((a, b) => a - b),
      armedFailures: [...this.armed].sort((a, b) => a - b),
      failureEventsRaised: this.failureEventsRaised,
    };
  }

  private scheduleTick(): void {
    this.cancelTick = this.clock.setTimer(this.tickMs, () => {
      this.step();
      if (this.cancelTick) this.scheduleTick();
    });
  }

  private step(): void {
    this.takeWaveIfHandedOver();
    this.noteAcknowledgements();
    this.advance(this.clock.now());
  }

  /** D7076 = 0 means "new data": take every slot holding a recipe, then D7076 := 1. */
  private takeWaveIfHandedOver(): void {
    const { handshake } = plcMemoryMap;
    if (this.readWord(handshake.writeAreaAck) !== 0) return;
    const taken: number[] = [];
    for (let slot = 1; slot <= SLOT_COUNT; slot++) {
      const recipe = decodeWriteSlot(this.memory.read(slotBase('write', slot), write.slotWords));
      // Empty marker (pitfall P5): no batch number or no MO means "no recipe".
      if (recipe.batch === 0 || recipe.moId === '') continue;
      this.copyHeaderToReadSlot(slot);
      taken.push(slot);
    }
    // The PLC owns the per-slot WRITE flags (decision Q4); slot 1's flag is D7076 itself.
    for (const slot of taken) this.memory.write(handshake.writeSlotFlags[slot - 1] ?? -1, [encodeBool(true)]);
    this.memory.write(handshake.writeAreaAck, [encodeBool(true)]);

    // A new wave replaces whatever was still running: the app only hands one over
    // when it wants the PLC to run exactly these recipes.
    this.wavesTaken++;
    this.takenSlots = taken;
    this.queue = [...taken];
    this.active = null;
    this.finished = [];
    this.failed = [];
    this.acknowledged.clear();
    this.startNextSlot(this.clock.now());
  }

  /** Header copied, actuals/status/weight zeroed, READ status_read_data 0. Untaken slots keep stale data, like the real PLC. */
  private copyHeaderToReadSlot(slot: number): void {
    const source = this.memory.read(slotBase('write', slot), write.slotWords);
    const target = new Array<number>(read.slotWords).fill(0);
    for (const { from, to } of HEADER_FIELDS) {
      target.splice(to.offset, to.words, ...source.slice(from.offset, from.offset + from.words));
    }
    this.memory.write(slotBase('read', slot), target);
  }

  private noteAcknowledgements(): void {
    for (const slot of this.takenSlots) {
      if (decodeBool(this.readWord(plcMemoryMap.handshake.readSlotAcks[slot - 1] ?? -1))) this.acknowledged.add(slot);
    }
  }

  private startNextSlot(at: number): void {
    const slot = this.queue.shift();
    if (slot === undefined) {
      this.active = null;
      return;
    }
    const fails = this.armed.delete(slot);
    const base = slotBase('write', slot);
    const targets = write.equipment.map((e): DosingTarget => {
      const [high = 0, low = 0] = this.memory.read(base + e.kgField.offset, e.kgField.words);
      const sign = this.random() < 0.5 ? -1 : 1;
      return {
        actualField: equipmentFields(read, e.id).kgField,
        targetRaw: decodeUint32(high, low),
        accuracy: 1 + sign * (0.01 + 0.02 * this.random()),
      };
    });
    this.active = { slot, startedAt: at, fails, targets };
  }

  /**
   * Brings the dosing up to `now`. A slot ends at startedAt + batch time (half
   * of it for a failing slot) and the next starts at that very instant, so the
   * run does not depend on how often ticks come.
   */
  private advance(now: number): void {
    while (this.active) {
      const run = this.active;
      const endsAt = run.startedAt + (run.fails ? this.batchMs / 2 : this.batchMs);
      if (now < endsAt) {
        this.writeActuals(run, (now - run.startedAt) / this.batchMs);
        return;
      }
      const total = this.writeActuals(run, run.fails ? 0.5 : 1);
      const statusWords = run.fails
        ? { manufacturing: false, operation: true, weight: 0 }
        : { manufacturing: true, operation: false, weight: total };
      this.writeStatus(run.slot, statusWords);
      (run.fails ? this.failed : this.finished).push(run.slot);
      this.startNextSlot(endsAt);
    }
  }

  /** Writes each actual at `fraction` of its final value; returns their sum (raw units). */
  private writeActuals(run: SlotRun, fraction: number): number {
    const base = slotBase('read', run.slot);
    let total = 0;
    for (const t of run.targets) {
      const actual = Math.round(t.targetRaw * t.accuracy * Math.min(1, fraction));
      this.memory.write(base + t.actualField.offset, encodeUint32(actual, t.actualField.label));
      total += actual;
    }
    return total;
  }

  private writeStatus(slot: number, s: { manufacturing: boolean; operation: boolean; weight: number }): void {
    const base = slotBase('read', slot);
    const { named } = read;
    this.memory.write(base + named.weight_finished_good.offset, encodeUint32(s.weight, named.weight_finished_good.label));
    this.memory.write(base + named.status_operation.offset, [encodeBool(s.operation)]);
    this.memory.write(base + named.status_manufacturing.offset, [encodeBool(s.manufacturing)]);
  }

  private readWord(address: number): number {
    return this.memory.read(address, 1)[0] ?? 0;
  }
}

function equipmentFields(area: SlotArea, id: EquipmentId): SlotEquipmentFields {
  const found = area.equipment.find((e) => e.id === id);
  if (!found) throw new Error(`memory map: no fields for equipment ${id}`);
  return found;
}

/** A small, fast, seedable PRNG (mulberry32): the same seed replays the same plant run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
