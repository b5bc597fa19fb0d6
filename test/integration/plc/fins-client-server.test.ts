import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { FinsClient, type FinsClientOptions } from '../../../electron/plc/fins-client';
import { PlcError } from '../../../electron/plc/fins-plc-error';
import { FinsServer } from '../../../electron/plc/fins-server';
import { seededRandom } from '../../../electron/plc/plant-model';
import { asciiWords } from '../../support/fins-hex';
import { ShiftedClock } from '../../support/fins-shifted-clock';

/** Generous upper bound for event-driven waits; success never depends on it being tight. */
const EVENTUALLY = { timeout: 5_000, interval: 20 };

describe.each(['udp', 'tcp'] as const)('FinsClient ⇄ FinsServer over %s', (protocol) => {
  let memory: DmMemory;
  let server: FinsServer;
  let port: number;
  let random: () => number;
  let writesSeen: [number, number][];
  const clients: FinsClient[] = [];

  beforeEach(async () => {
    memory = new DmMemory();
    random = seededRandom(1);
    writesSeen = [];
    server = new FinsServer({
      memory,
      ...(protocol === 'udp' ? { udpPort: 0 } : { tcpPort: 0 }),
      random: () => random(),
      onWrite: (address, count) => writesSeen.push([address, count]),
    });
    const ports = await server.start();
    port = (protocol === 'udp' ? ports.udpPort : ports.tcpPort) ?? 0;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await server.stop();
  });

  function connect(options: Partial<FinsClientOptions> = {}): FinsClient {
    const client = new FinsClient({ host: '127.0.0.1', port, protocol, timeoutMs: 250, backoffMs: 10, ...options });
    clients.push(client);
    return client;
  }

  async function failureOf(request: Promise<unknown>): Promise<PlcError> {
    const outcome = await request.then(
      () => new Error('expected the request to fail'),
      (error: unknown) => error,
    );
    if (!(outcome instanceof PlcError)) throw outcome;
    return outcome;
  }

  it('writes a slot and reads it back; the server reports the write', async () => {
    const client = connect();
    const slot = [1, ...asciiWords('WH/MO/00011', 8), ...Array.from({ length: 68 }, (_, i) => i * 900)];
    await client.writeDm(7000, slot);
    expect(memory.read(7000, 77)).toEqual(slot);
    expect(await client.readDm(7000, 77)).toEqual(slot);
    expect(writesSeen).toEqual([[7000, 77]]);
    expect(server.stats()).toEqual({ requests: 2, reads: 1, writes: 1, dropped: 0 });
    expect(client.health()).toMatchObject({ state: 'ok', roundTrips: 2 });
  });

  it('splits a large request into several frames and concatenates the result in order', async () => {
    const client = connect({ maxReadWords: 500 });
    const words = Array.from({ length: 2500 }, (_, i) => (i * 31) & 0xffff);
    await client.writeDm(1000, words);
    expect(server.stats().writes).toBe(3); // 997 + 997 + 506
    expect(await client.readDm(1000, 2500)).toEqual(words);
    expect(server.stats().reads).toBe(5); // 5 × 500
    expect(client.health().roundTrips).toBe(8);
  });

  it('works with latency below the timeout', async () => {
    server.faults.latencyMs = 30;
    const client = connect({ timeoutMs: 2_000 });
    memory.write(6076, [1]);
    expect(await client.readDm(6076, 1)).toEqual([1]);
    expect(client.stats()).toMatchObject({ retries: 0, timeouts: 0 });
  });

  it('times out while latency exceeds the timeout, then succeeds once it is gone; late answers are discarded', async () => {
    server.faults.latencyMs = 1_200;
    const client = connect({ timeoutMs: 300, attempts: 2 });
    const error = await failureOf(client.readDm(7076, 1));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`PLC did not answer (127.0.0.1:${port}/${protocol}) reading D7076+1: no response within 300 ms (2 attempts)`);

    server.faults.latencyMs = 0;
    memory.write(7076, [1]);
    expect(await client.readDm(7076, 1)).toEqual([1]);
    await vi.waitFor(() => expect(client.stats().discarded.late).toBe(2), EVENTUALLY);
    expect(client.health().state).toBe('ok');
  });

  it('retries dropped requests until they get through', async () => {
    random = seededRandom(20260601);
    server.faults.dropProbability = 0.5;
    const client = connect({ timeoutMs: 150, attempts: 8 });
    memory.write(6000, [1, 2, 3]);
    for (let i = 0; i < 6; i++) expect(await client.readDm(6000, 3)).toEqual([1, 2, 3]);
    const { dropped, requests } = server.stats();
    expect(dropped).toBeGreaterThan(0);
    // Every frame sent reached the server; every extra one was a retry. (A real answer slower than
    // the timeout on a loaded machine would only add retries, never break these equalities.)
    const { roundTrips, retries, timeouts } = client.stats();
    expect(roundTrips).toBe(requests);
    expect(retries).toBe(roundTrips - 6);
    expect(timeouts).toBeGreaterThanOrEqual(dropped);
  });

  it('fails at once with a readable error when the PLC answers an end code for the range', async () => {
    server.faults.endCodes = [{ from: 7000, to: 7076, code: 0x1103, command: 'read' }];
    const client = connect();
    const error = await failureOf(client.readDm(7000, 77));
    expect(error).toMatchObject({ kind: 'end-code', endCode: 0x1103, message: 'FINS end code 0x1103 (address range error) reading D7000+77' });
    expect(server.stats().requests).toBe(1);
    await client.writeDm(7000, [5]);
    expect(memory.read(7000, 1)).toEqual([5]);
  });

  it('discards garbage answers and retries until a real one arrives', async () => {
    random = seededRandom(77);
    server.faults.garbageProbability = 0.5;
    const client = connect({ timeoutMs: 150, attempts: 8 });
    memory.write(6100, [0x5748, 0x2f4d]);
    for (let i = 0; i < 4; i++) expect(await client.readDm(6100, 2)).toEqual([0x5748, 0x2f4d]);
    const { requests, reads } = server.stats();
    const garbageReplies = requests - reads;
    expect(garbageReplies).toBeGreaterThan(0);
    const { discarded, retries, roundTrips } = client.stats();
    expect(discarded.late + discarded.foreign + discarded.malformed).toBeGreaterThanOrEqual(garbageReplies);
    expect(roundTrips).toBe(requests);
    expect(retries).toBe(roundTrips - 4);
  });

  it('opens the circuit on a silent PLC, fails fast, and recovers by itself once the PLC answers again', async () => {
    const clock = new ShiftedClock();
    const client = connect({ timeoutMs: 300, attempts: 1, clock });
    server.faults.silent = true;
    for (let i = 0; i < 3; i++) expect((await failureOf(client.readDm(6000, 77))).kind).toBe('timeout');

    const requestsBefore = server.stats().requests;
    const fast = await failureOf(client.readDm(6000, 77));
    expect(fast.kind).toBe('circuit-open');
    expect(fast.message).toBe(`PLC unreachable (127.0.0.1:${port}/${protocol}): circuit open after 3 failed requests, next probe in 10 s`);
    expect(server.stats().requests).toBe(requestsBefore);
    expect(client.health().state).toBe('down');

    server.faults.silent = false;
    expect((await failureOf(client.readDm(6000, 77))).kind).toBe('circuit-open');
    clock.jump(10_000);
    memory.write(6000, [1]);
    expect((await client.readDm(6000, 77))[0]).toBe(1);
    expect(client.health().state).toBe('ok');
  });

  it('recovers after the server is stopped and started again, without a new client', async () => {
    const client = connect({ timeoutMs: 300 });
    memory.write(7076, [1]);
    expect(await client.readDm(7076, 1)).toEqual([1]);

    await server.stop();
    const error = await failureOf(client.readDm(7076, 1));
    expect(['timeout', 'transport']).toContain(error.kind);

    const ports = await server.start();
    expect(protocol === 'udp' ? ports.udpPort : ports.tcpPort).toBe(port);
    await client.writeDm(7076, [0]);
    expect(await client.readDm(7076, 1)).toEqual([0]);
    expect(client.health().state).toBe('ok');
  });
});

describe('FINS node numbers', () => {
  let server: FinsServer;
  const clients: FinsClient[] = [];

  beforeEach(async () => {
    server = new FinsServer({ memory: new DmMemory(), udpPort: 0, tcpPort: 0, node: 5 });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await server.stop();
  });

  function connect(options: FinsClientOptions): FinsClient {
    const client = new FinsClient({ timeoutMs: 300, ...options });
    clients.push(client);
    return client;
  }

  it('over UDP, addresses the configured PLC node; a PLC with another node number ignores the request', async () => {
    const { udpPort } = await server.start();
    await connect({ host: '127.0.0.1', port: udpPort, plcNode: 5, clientNode: 9 }).writeDm(0, [1]);
    const wrongNode = connect({ host: '127.0.0.1', port: udpPort, plcNode: 2, attempts: 1 });
    await expect(wrongNode.readDm(0, 1)).rejects.toMatchObject({ kind: 'timeout' });
    expect(server.stats()).toMatchObject({ writes: 1, reads: 0, dropped: 1 });
  });

  it('over TCP, uses the nodes from the handshake whatever is configured', async () => {
    const { tcpPort } = await server.start();
    const client = connect({ host: '127.0.0.1', port: tcpPort, protocol: 'tcp', plcNode: 2 });
    await client.writeDm(0, [1, 2]);
    expect(await client.readDm(0, 2)).toEqual([1, 2]);
  });
});
