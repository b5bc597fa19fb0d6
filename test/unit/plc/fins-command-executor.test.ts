import { describe, expect, it, vi } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { executeFinsCommand, type ExecutionContext, type FinsEndCodeFault } from '../../../electron/plc/fins-command-executor';
import { commandHeader, decodeResponse, encodeCommand, type FinsCommand } from '../../../electron/plc/fins-frame';

function context(endCodeFaults: FinsEndCodeFault[] = []): ExecutionContext & { memory: DmMemory } {
  return { memory: new DmMemory(), node: 2, endCodeFaults };
}

function run(ctx: ExecutionContext, command: FinsCommand) {
  const execution = executeFinsCommand(encodeCommand(command), ctx);
  if (execution.kind !== 'answered' || execution.response === null) throw new Error(`no answer: ${JSON.stringify(execution)}`);
  const check = decodeResponse(execution.response, command);
  if (!check.ok) throw new Error(check.reason);
  return { execution, endCode: check.endCode.code, words: check.words };
}

const header = commandHeader({ sid: 42 });

describe('FINS command execution (the simulated CPU unit)', () => {
  it('writes words into DM and reads them back, reporting the access made', () => {
    const ctx = context();
    const written = run(ctx, { kind: 'write', header, address: 7076, words: [1, 0xffff] });
    expect(written.endCode).toBe(0);
    expect(written.execution).toMatchObject({ access: { kind: 'write', address: 7076, count: 2 } });
    expect(ctx.memory.read(7076, 2)).toEqual([1, 0xffff]);
    const read = run(ctx, { kind: 'read', header, address: 7075, count: 3 });
    expect(read).toMatchObject({ endCode: 0, words: [0, 1, 0xffff], execution: { access: { kind: 'read', address: 7075, count: 3 } } });
  });

  it('answers an injected end code for any command touching the faulty range, without executing it', () => {
    const ctx = context([{ from: 7000, to: 7076, code: 0x1103 }]);
    expect(run(ctx, { kind: 'read', header, address: 6990, count: 11 })).toMatchObject({ endCode: 0x1103, execution: { access: null } });
    expect(run(ctx, { kind: 'write', header, address: 7076, words: [9] }).endCode).toBe(0x1103);
    expect(ctx.memory.read(7076, 1)).toEqual([0]);
    expect(run(ctx, { kind: 'read', header, address: 6990, count: 10 }).endCode).toBe(0);
    expect(run(ctx, { kind: 'read', header, address: 7077, count: 1 }).endCode).toBe(0);
  });

  it('limits an injected end code to reads or writes when asked', () => {
    const ctx = context([{ from: 8022, to: 8022, code: 0x2101, command: 'write' }]);
    expect(run(ctx, { kind: 'read', header, address: 8022, count: 1 }).endCode).toBe(0);
    expect(run(ctx, { kind: 'write', header, address: 8022, words: [1] }).endCode).toBe(0x2101);
  });

  it('ignores commands for another node but answers its own node and the local node 0', () => {
    const ctx = context();
    const read = (da1: number) => executeFinsCommand(encodeCommand({ kind: 'read', header: commandHeader({ da1 }), address: 0, count: 1 }), ctx);
    expect(read(5)).toEqual({ kind: 'ignored', reason: 'addressed to node 5, this PLC is node 2' });
    expect(read(2).kind).toBe('answered');
    expect(read(0).kind).toBe('answered');
  });

  it('executes but does not answer a command that asks for no reply (ICF bit 0)', () => {
    const ctx = context();
    const execution = executeFinsCommand(encodeCommand({ kind: 'write', header: commandHeader({ icf: 0x81 }), address: 10, words: [5] }), ctx);
    expect(execution).toEqual({ kind: 'answered', response: null, access: { kind: 'write', address: 10, count: 1 } });
    expect(ctx.memory.read(10, 1)).toEqual([5]);
  });

  it('answers a malformed command with its end code and leaves DM alone', () => {
    const ctx = context();
    const write = vi.spyOn(ctx.memory, 'write');
    const frame = encodeCommand({ kind: 'write', header, address: 7000, words: [1, 2] }).subarray(0, 20); // 2 words announced, 1 sent
    const execution = executeFinsCommand(frame, ctx);
    if (execution.kind !== 'answered' || execution.response === null) throw new Error('expected an answer');
    expect(execution.response.readUInt16BE(12)).toBe(0x1003);
    expect(execution.response.readUInt8(9)).toBe(42);
    expect(write).not.toHaveBeenCalled();
  });
});
