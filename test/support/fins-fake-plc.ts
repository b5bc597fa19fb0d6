import type { Clock } from '../../electron/engine/clock';
import { DmMemory } from '../../electron/plc/dm-memory';
import { executeFinsCommand, type FinsEndCodeFault } from '../../electron/plc/fins-command-executor';
import type { FinsRoute, FinsTransport, FinsTransportFactory, FinsTransportListener } from '../../electron/plc/fins-transport';

/**
 * What the fake PLC does with one received frame. `answer` executes it like a
 * CPU unit; `drop` stays silent; a function gets the frame and the normal
 * answer and returns the frames to deliver instead (duplicates, garbage...).
 */
export type FakePlcBehaviour = 'answer' | 'drop' | ((frame: Buffer, normalAnswer: Buffer | null) => Buffer[]);

/**
 * An in-memory FINS transport backed by a DmMemory, for client unit tests
 * under a ManualClock: no sockets, answers arrive on the next tick.
 */
export class FakePlc implements FinsTransport {
  readonly endpoint = '192.168.1.2:9600/udp';
  readonly memory = new DmMemory();
  readonly sent: Buffer[] = [];
  /** Clock time of each sent frame. */
  readonly sentAt: number[] = [];
  /** Behaviours for the next frames, consumed in order; 'answer' once empty. */
  readonly script: FakePlcBehaviour[] = [];
  endCodeFaults: FinsEndCodeFault[] = [];
  route: FinsRoute = { plcNode: 2, clientNode: 1 };
  opens = 0;
  closed = false;

  constructor(
    private readonly listener: FinsTransportListener,
    private readonly clock: Clock,
  ) {}

  async open(): Promise<FinsRoute> {
    this.opens++;
    return this.route;
  }

  async send(frame: Buffer): Promise<void> {
    this.sent.push(Buffer.from(frame));
    this.sentAt.push(this.clock.now());
    const behaviour = this.script.shift() ?? 'answer';
    if (behaviour === 'drop') return;
    const execution = executeFinsCommand(frame, { memory: this.memory, node: this.route.plcNode, endCodeFaults: this.endCodeFaults });
    const normal = execution.kind === 'answered' ? execution.response : null;
    const replies = behaviour === 'answer' ? (normal ? [normal] : []) : behaviour(frame, normal);
    setImmediate(() => replies.forEach((reply) => this.listener.frame(reply)));
  }

  /** Lets a test break the link the way a closed TCP connection would. */
  breakLink(reason: string): void {
    this.listener.broken(reason);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A transport factory for FinsClient plus access to the fake it created. */
export function fakePlcTransport(clock: Clock): { transport: FinsTransportFactory; plc(): FakePlc } {
  let created: FakePlc | null = null;
  return {
    transport: (listener) => (created = new FakePlc(listener, clock)),
    plc: () => {
      if (created === null) throw new Error('the FinsClient has not created its transport yet');
      return created;
    },
  };
}
