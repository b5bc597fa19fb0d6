import { DmMemory } from '../../electron/plc/dm-memory';
import { PlcError } from '../../electron/plc/fins-plc-error';
import type { PlcLink, PlcLinkHealth } from '../../electron/plc/plc-link';

/** FINS limits per frame (../shared/plant/fins.md §4): a request above them could not be one frame. */
const MAX_READ_WORDS = 999;
const MAX_WRITE_WORDS = 997;

export interface LinkRequest {
  kind: 'read' | 'write';
  address: number;
  count: number;
  /** A send-once write (writeDmOnce). */
  once?: true;
}

/**
 * A PlcLink over a DmMemory, without sockets. Each call counts as one FINS
 * round trip and is logged, so tests can assert how many frames an operation
 * costs and which words it wrote.
 */
export class MemoryPlcLink implements PlcLink {
  readonly requests: LinkRequest[] = [];
  /** When set, a write covering this address stores `value` there instead: a word corrupted on the way. */
  corruptWord: { address: number; value: number } | null = null;
  /** When set, the next request fails with this error before reaching the PLC (a lost request; then the link works again). */
  failNext: Error | null = null;
  /** When set, the next write reaches the PLC but its answer is lost: writeDm repeats it (as a retrying link does), writeDmOnce rejects 'unanswered'. */
  loseNextReply = false;

  constructor(
    readonly memory: DmMemory = new DmMemory(),
    /** Told of every executed write, as the FINS server tells the plant model (a PLC program reacting to the hand-over). */
    public onWrite?: (address: number, count: number) => void,
  ) {}

  get roundTrips(): number {
    return this.requests.length;
  }

  writesTouching(address: number): LinkRequest[] {
    return this.requests.filter((r) => r.kind === 'write' && address >= r.address && address < r.address + r.count);
  }

  async readDm(address: number, count: number): Promise<number[]> {
    this.begin({ kind: 'read', address, count }, MAX_READ_WORDS);
    return this.memory.read(address, count);
  }

  async writeDm(address: number, words: readonly number[]): Promise<void> {
    this.begin({ kind: 'write', address, count: words.length }, MAX_WRITE_WORDS);
    this.execute(address, words);
    if (this.loseNextReply) {
      // The answer was lost: a retrying link sends the same frame again, and the PLC executes it again.
      this.loseNextReply = false;
      this.requests.push({ kind: 'write', address, count: words.length });
      this.execute(address, words);
    }
  }

  async writeDmOnce(address: number, words: readonly number[]): Promise<void> {
    this.begin({ kind: 'write', address, count: words.length, once: true }, MAX_WRITE_WORDS);
    this.execute(address, words);
    if (this.loseNextReply) {
      this.loseNextReply = false;
      throw new PlcError('unanswered', `PLC did not confirm writing D${address}+${words.length} (in-memory link): sent once and not repeated`);
    }
  }

  health(): PlcLinkHealth {
    return { state: 'ok', detail: 'in-memory link', lastOkAt: null, roundTrips: this.roundTrips };
  }

  async close(): Promise<void> {}

  private execute(address: number, words: readonly number[]): void {
    const stored = [...words];
    const corrupt = this.corruptWord;
    if (corrupt && corrupt.address >= address && corrupt.address < address + words.length) {
      stored[corrupt.address - address] = corrupt.value;
    }
    this.memory.write(address, stored);
    this.onWrite?.(address, words.length);
  }

  private begin(request: LinkRequest, limit: number): void {
    this.requests.push(request);
    const failure = this.failNext;
    if (failure) {
      this.failNext = null;
      throw failure;
    }
    if (request.count < 1 || request.count > limit) {
      throw new RangeError(`${request.kind} of ${request.count} words does not fit one FINS frame (1..${limit})`);
    }
  }
}
