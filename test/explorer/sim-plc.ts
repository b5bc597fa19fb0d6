/**
 * The simulated PLC: the real FINS command executor over DM memory, driven by
 * the plant model (takes a wave when D7076 becomes 0, sets it back to 1, does
 * NOT clear the WRITE slots, doses, may fail a slot). It watches what the PLC
 * program really does, so the invariants judge the plant, not the app's
 * opinion of it.
 */
import { SLOT_COUNT } from '../../shared/domain';
import { DmMemory } from '../../electron/plc/dm-memory';
import { executeFinsCommand } from '../../electron/plc/fins-command-executor';
import { areaSpan, decodeReadArea } from '../../electron/plc/wave-area';
import { PlantModel } from '../../electron/plc/plant-model';
import type { Chooser } from './chooser';
import type { SimClock } from './sim-clock';
import type { Trace } from './trace';

export const PLC_NODE = 2;
export const CLIENT_NODE = 1;

export class SimPlc {
  readonly memory = new DmMemory();
  readonly plant: PlantModel;
  /** MO id → the times (virtual ms) the PLC program took it. */
  readonly takes = new Map<string, number[]>();
  /** MOs whose batch the PLC finished (status_manufacturing = 1). */
  readonly finished = new Set<string>();
  readonly failed = new Set<string>();
  private wavesSeen = 0;
  private endedSeen = 0;

  constructor(
    private readonly clock: SimClock,
    choose: Chooser,
    private readonly trace: Trace,
  ) {
    this.plant = new PlantModel({
      memory: this.memory,
      clock,
      batchSeconds: choose.int(15, 40),
      tickMs: 2_000,
      random: choose.next,
    });
    this.plant.start();
  }

  /**
   * A FINS frame arrives at the PLC `copies` times within one program scan
   * (a duplicated datagram); returns an answer per copy (none when ignored).
   */
  execute(frame: Buffer, copies: number): Buffer[] {
    const replies: Buffer[] = [];
    let wrote: { address: number; count: number } | null = null;
    for (let i = 0; i < copies; i++) {
      const execution = executeFinsCommand(frame, { memory: this.memory, node: PLC_NODE, endCodeFaults: [] });
      if (execution.kind === 'ignored') continue;
      if (execution.access?.kind === 'write') wrote = execution.access;
      if (execution.response) replies.push(execution.response);
    }
    if (wrote) this.plant.notifyWrite(wrote.address, wrote.count);
    this.observe();
    return replies;
  }

  /** The next run of a slot fails midway (status_operation = 1). */
  armFailure(slot: number): void {
    this.plant.failSlot(slot);
    this.trace.add('plc', `slot ${slot} will fail on its next run`);
  }

  /** Records what the PLC program did since the last look: waves taken, batches finished or failed. */
  observe(): void {
    const stats = this.plant.stats();
    const ended = stats.finishedSlots.length + stats.failedSlots.length;
    if (stats.wavesTaken === this.wavesSeen && ended === this.endedSeen) return;
    this.endedSeen = ended;
    const slots = this.readSlots();
    if (stats.wavesTaken > this.wavesSeen) {
      this.wavesSeen = stats.wavesTaken;
      const taken = stats.takenSlots.map((slot) => slots[slot - 1]?.moId ?? '?');
      for (const moId of taken) this.takes.set(moId, [...(this.takes.get(moId) ?? []), this.clock.now()]);
      this.trace.add('plc', `took a wave: ${taken.join(', ') || '(no recipes)'}`);
    }
    for (const slot of stats.finishedSlots) this.note(this.finished, slots[slot - 1]?.moId, 'finished');
    for (const slot of stats.failedSlots) this.note(this.failed, slots[slot - 1]?.moId, 'failed');
  }

  /** The READ slots, straight from memory. */
  private readSlots(): { moId: string }[] {
    const span = areaSpan('read');
    return decodeReadArea(this.memory.read(span.first, span.count)).slots.slice(0, SLOT_COUNT);
  }

  private note(set: Set<string>, moId: string | undefined, what: string): void {
    if (!moId || set.has(moId)) return;
    set.add(moId);
    this.trace.add('plc', `${moId} ${what}`);
  }
}
