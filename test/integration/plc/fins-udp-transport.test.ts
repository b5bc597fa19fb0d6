import dgram from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { FinsClient } from '../../../electron/plc/fins-client';
import { executeFinsCommand } from '../../../electron/plc/fins-command-executor';

const EVENTUALLY = { timeout: 5_000, interval: 20 };

/** Per received frame: what to send back, from the PLC's socket and from an intruder's. */
type Reaction = (answer: Buffer) => { fromPlc: Buffer[]; fromIntruder: Buffer[] };

async function bound(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return socket;
}

describe('FINS over UDP', () => {
  let plc: dgram.Socket;
  let intruder: dgram.Socket;
  let client: FinsClient;
  let memory: DmMemory;
  let clientPorts: number[];
  let reactions: Reaction[];

  beforeEach(async () => {
    memory = new DmMemory();
    clientPorts = [];
    reactions = [];
    plc = await bound();
    intruder = await bound();
    plc.on('message', (frame, from) => {
      clientPorts.push(from.port);
      const execution = executeFinsCommand(frame, { memory, node: 2, endCodeFaults: [] });
      if (execution.kind !== 'answered' || execution.response === null) return;
      const reaction = reactions.shift() ?? ((answer) => ({ fromPlc: [answer], fromIntruder: [] }));
      const { fromPlc, fromIntruder } = reaction(execution.response);
      fromIntruder.forEach((datagram) => intruder.send(datagram, from.port, from.address));
      fromPlc.forEach((datagram) => plc.send(datagram, from.port, from.address));
    });
    client = new FinsClient({ host: '127.0.0.1', port: plc.address().port, timeoutMs: 300, backoffMs: 10 });
  });

  afterEach(async () => {
    await client.close();
    await Promise.all([plc, intruder].map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  });

  it('keeps one bound socket for every request and retry', async () => {
    reactions.push(() => ({ fromPlc: [], fromIntruder: [] })); // first request unanswered: a retry follows
    for (let i = 0; i < 4; i++) await client.writeDm(100 + i, [i]);
    expect(clientPorts).toHaveLength(5);
    expect(new Set(clientPorts).size).toBe(1);
    expect(memory.read(100, 4)).toEqual([0, 1, 2, 3]);
  });

  it('takes its answer among foreign, malformed, late and duplicate datagrams, and counts each', async () => {
    memory.write(7076, [1]);
    reactions.push((answer) => {
      const otherSid = Buffer.from(answer);
      otherSid[9] = (answer[9]! + 100) & 0xff;
      return { fromPlc: [Buffer.from('not FINS'), otherSid, answer, answer], fromIntruder: [answer] };
    });
    expect(await client.readDm(7076, 1)).toEqual([1]);
    await vi.waitFor(() => expect(client.stats().discarded).toEqual({ late: 2, foreign: 1, malformed: 1 }), EVENTUALLY);
    expect(client.stats()).toMatchObject({ retries: 0, roundTrips: 1 });
    expect(await client.readDm(7076, 1)).toEqual([1]);
  });

  it('an answer from the intruder alone is not taken: the request times out', async () => {
    reactions.push((answer) => ({ fromPlc: [], fromIntruder: [answer] }));
    reactions.push((answer) => ({ fromPlc: [], fromIntruder: [answer] }));
    const quick = new FinsClient({ host: '127.0.0.1', port: plc.address().port, timeoutMs: 200, attempts: 2, backoffMs: 10 });
    await expect(quick.readDm(0, 1)).rejects.toMatchObject({ kind: 'timeout' });
    expect(quick.stats().discarded.foreign).toBe(2);
    await quick.close();
  });
});
