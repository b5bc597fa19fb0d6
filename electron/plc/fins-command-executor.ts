import type { DmMemory } from './dm-memory';
import { NORMAL_COMPLETION } from './fins-end-codes';
import { commandCodeOf, decodeCommand, encodeResponse, wantsReply, wordCountOf, type FinsHeader } from './fins-frame';

/** A fault: DM range → this end code instead of executing (optionally only for reads or writes). */
export interface FinsEndCodeFault {
  from: number;
  to: number;
  code: number;
  command?: 'read' | 'write';
}

export interface ExecutionContext {
  memory: DmMemory;
  /** This PLC's node: commands for another node are not ours to answer. */
  node: number;
  endCodeFaults: readonly FinsEndCodeFault[];
}

export type Execution =
  | { kind: 'ignored'; reason: string }
  | {
      kind: 'answered';
      /** Null when the command asked for no reply (ICF bit 0). */
      response: Buffer | null;
      /** The DM access actually made; null when answered with an error end code. */
      access: { kind: 'read' | 'write'; address: number; count: number } | null;
    };

/** DA1 0 means "the local node" in FINS, so a PLC answers it as well as its own number. */
const LOCAL_NODE = 0;

/** What a CPU unit does with one FINS frame: the PLC simulator's command side. */
export function executeFinsCommand(frame: Uint8Array, context: ExecutionContext): Execution {
  const decoded = decodeCommand(frame);
  if (decoded.kind === 'ignored') return decoded;
  const header = decoded.kind === 'command' ? decoded.command.header : decoded.header;
  if (header.da1 !== context.node && header.da1 !== LOCAL_NODE) {
    return { kind: 'ignored', reason: `addressed to node ${header.da1}, this PLC is node ${context.node}` };
  }
  if (decoded.kind === 'rejected') return answer(header, decoded.commandCode, decoded.endCode);

  const { command } = decoded;
  const count = wordCountOf(command);
  const fault = context.endCodeFaults.find(
    (candidate) =>
      (candidate.command === undefined || candidate.command === command.kind) &&
      command.address <= candidate.to &&
      candidate.from <= command.address + count - 1,
  );
  if (fault !== undefined) return answer(header, commandCodeOf(command), fault.code);

  const access = { kind: command.kind, address: command.address, count };
  if (command.kind === 'read') {
    return { ...answer(header, commandCodeOf(command), NORMAL_COMPLETION, context.memory.read(command.address, count)), access };
  }
  context.memory.write(command.address, command.words);
  return { ...answer(header, commandCodeOf(command), NORMAL_COMPLETION), access };
}

function answer(to: FinsHeader, commandCode: number, endCode: number, words?: number[]): Extract<Execution, { kind: 'answered' }> {
  const response = wantsReply(to) ? encodeResponse({ to, commandCode, endCode, words }) : null;
  return { kind: 'answered', response, access: null };
}
