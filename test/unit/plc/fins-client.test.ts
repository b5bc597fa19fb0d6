import { describe, expect, it, vi } from 'vitest';
import { FinsClient, type FinsClientOptions } from '../../../electron/plc/fins-client';
import { decodeCommand, type FinsCommand } from '../../../electron/plc/fins-frame';
import { PlcError } from '../../../electron/plc/fins-plc-error';
import { FinsLinkError } from '../../../electron/plc/fins-transport';
import { fakePlcTransport, type FakePlc } from '../../support/fins-fake-plc';
import { ManualClock } from '../../support/manual-clock';

const ENDPOINT = '192.168.1.2:9600/udp';

function setup(options: Partial<FinsClientOptions> = {}): { client: FinsClient; plc: FakePlc; clock: ManualClock } {
  const clock = new ManualClock(0);
  const fake = fakePlcTransport(clock);
  const client = new FinsClient({ host: '192.168.1.2', clock, transport: fake.transport, ...options });
  return { client, plc: fake.plc(), clock };
}

/** Moves the manual clock in small steps until `promise` settles (timers fire at their exact due time). */
async function settled<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let elapsed = 0; elapsed < 120_000; elapsed += 50) {
    await clock.advance(0);
    if (done) break;
    await clock.advance(50);
  }
  return promise;
}

async function failure(clock: ManualClock, promise: Promise<unknown>): Promise<PlcError> {
  const error = await settled(clock, promise).then(
    () => new Error('expected the request to fail'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof PlcError)) throw error;
  return error;
}

function sentCommands(plc: FakePlc): FinsCommand[] {
  return plc.sent.map((frame) => {
    const decoded = decodeCommand(frame);
    if (decoded.kind !== 'command') throw new Error(`client sent a bad frame: ${frame.toString('hex')}`);
    return decoded.command;
  });
}

/** The normal answer with one byte changed. */
function patched(answer: Buffer | null, offset: number, value: number): Buffer {
  const copy = Buffer.from(answer ?? Buffer.alloc(0));
  copy[offset] = value;
  return copy;
}

describe('FinsClient reads and writes DM words', () => {
  it('round-trips words through FINS frames addressed to the PLC node with a fresh SID each', async () => {
    const { client, plc } = setup();
    await client.writeDm(7076, [1, 0xffff]);
    expect(plc.memory.read(7076, 2)).toEqual([1, 0xffff]);
    expect(await client.readDm(7075, 3)).toEqual([0, 1, 0xffff]);
    const [write, read] = sentCommands(plc);
    expect(write).toMatchObject({ kind: 'write', address: 7076, words: [1, 0xffff], header: { da1: 2, sa1: 1, sid: 0 } });
    expect(read).toMatchObject({ kind: 'read', address: 7075, count: 3, header: { sid: 1 } });
    expect(client.health()).toMatchObject({ state: 'ok', roundTrips: 2, lastOkAt: 0 });
  });

  it('wraps the SID from 255 back to 0', async () => {
    const { client, plc } = setup();
    for (let i = 0; i < 257; i++) await client.readDm(0, 1);
    expect(sentCommands(plc).map((command) => command.header.sid).slice(254)).toEqual([254, 255, 0]);
  });

  it('keeps one request in flight: queued requests wait for the answer before them', async () => {
    const { client, plc, clock } = setup();
    plc.script.push('drop');
    const requests = [client.readDm(100, 1), client.writeDm(200, [7]), client.readDm(200, 1)];
    await clock.advance(1_999);
    expect(plc.sent).toHaveLength(1);
    const results = await settled(clock, Promise.all(requests));
    expect(results).toEqual([[0], undefined, [7]]);
    expect(sentCommands(plc).map((command) => `${command.kind} D${command.address}`)).toEqual([
      'read D100',
      'read D100',
      'write D200',
      'read D200',
    ]);
  });

  it('sends the words as they were when writeDm was called', async () => {
    const { client, plc, clock } = setup();
    plc.script.push('drop');
    const first = client.readDm(0, 1);
    const words = [1, 2, 3];
    const write = client.writeDm(10, words);
    words.fill(9);
    await settled(clock, Promise.all([first, write]));
    expect(plc.memory.read(10, 3)).toEqual([1, 2, 3]);
  });

  it('splits requests larger than maxReadWords / maxWriteWords into consecutive frames', async () => {
    const { client, plc } = setup({ maxReadWords: 100, maxWriteWords: 120 });
    const words = Array.from({ length: 250 }, (_, i) => (i * 257) & 0xffff);
    await client.writeDm(7000, words);
    expect(await client.readDm(7000, 250)).toEqual(words);
    expect(sentCommands(plc).map((c) => [c.kind, c.address, c.kind === 'read' ? c.count : c.words.length])).toEqual([
      ['write', 7000, 120],
      ['write', 7120, 120],
      ['write', 7240, 10],
      ['read', 7000, 100],
      ['read', 7100, 100],
      ['read', 7200, 50],
    ]);
  });

  it('uses the FINS maxima by default: 2500 words are three frames each way', async () => {
    const { client, plc } = setup();
    await client.writeDm(0, new Array<number>(2500).fill(1));
    expect(await client.readDm(0, 2500)).toHaveLength(2500);
    expect(sentCommands(plc).map((c) => (c.kind === 'read' ? c.count : c.words.length))).toEqual([997, 997, 506, 999, 999, 502]);
  });
});

describe('FinsClient retries', () => {
  it('retries a timed-out request after a growing backoff and counts every frame sent', async () => {
    const { client, plc, clock } = setup();
    plc.memory.write(7000, [42]);
    plc.script.push('drop', 'drop');
    expect(await settled(clock, client.readDm(7000, 1))).toEqual([42]);
    // 2000 ms timeout, then 100 ms and 200 ms backoff (fins.md §7.5 defaults, growing).
    expect(plc.sentAt).toEqual([0, 2_100, 4_300]);
    expect(client.stats()).toMatchObject({ roundTrips: 3, retries: 2, timeouts: 2 });
    expect(client.health()).toMatchObject({ state: 'ok', roundTrips: 3, lastOkAt: 4_300 });
  });

  it('gives up after the configured attempts with a timeout error naming the PLC and the words', async () => {
    const { client, plc, clock } = setup({ attempts: 2, timeoutMs: 500 });
    plc.script.push('drop', 'drop');
    const error = await failure(clock, client.readDm(7000, 77));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`PLC did not answer (${ENDPOINT}) reading D7000+77: no response within 500 ms (2 attempts)`);
    expect(plc.sent).toHaveLength(2);
  });

  it('fails at once on an error end code, with the readable meaning and the range', async () => {
    const { client, plc, clock } = setup();
    plc.endCodeFaults = [{ from: 7000, to: 7099, code: 0x1103 }];
    const error = await failure(clock, client.readDm(7000, 77));
    expect(error).toMatchObject({ kind: 'end-code', endCode: 0x1103, message: 'FINS end code 0x1103 (address range error) reading D7000+77' });
    expect(plc.sent).toHaveLength(1);
    const write = await failure(clock, client.writeDm(7050, [1]));
    expect(write.message).toBe('FINS end code 0x1103 (address range error) writing D7050+1');
  });

  it('names an end code it does not know', async () => {
    const { client, plc, clock } = setup();
    plc.endCodeFaults = [{ from: 0, to: 0, code: 0x3001 }];
    expect((await failure(clock, client.readDm(0, 1))).message).toBe('unknown FINS end code 0x3001 reading D0+1');
  });

  it("reads the old middleware's mysterious 9005 as header error 1005 with the relay-error flag", async () => {
    const onWarning = vi.fn();
    const { client, plc, clock } = setup({ onWarning });
    plc.endCodeFaults = [{ from: 0, to: 0, code: 0x9005 }];
    expect(await failure(clock, client.readDm(0, 1))).toMatchObject({ endCode: 0x1005, message: 'FINS end code 0x1005 (header error) reading D0+1' });
    expect(onWarning).toHaveBeenCalledWith(expect.stringContaining('network relay error'));
  });

  it('retries at once when its own answer is malformed instead of waiting for the timeout', async () => {
    const { client, plc, clock } = setup();
    plc.memory.write(5, [5]);
    plc.script.push((_frame, answer) => [answer!.subarray(0, answer!.length - 1)]);
    expect(await settled(clock, client.readDm(5, 1))).toEqual([5]);
    expect(plc.sentAt).toEqual([0, 100]);
    expect(client.stats()).toMatchObject({ retries: 1, timeouts: 0, discarded: { malformed: 1 } });
  });

  it('discards late, duplicate, foreign and malformed frames and keeps waiting for its answer', async () => {
    const { client, plc, clock } = setup();
    plc.memory.write(9, [99]);
    plc.script.push((_frame, answer) => [
      Buffer.from('garbage'),
      patched(answer, 9, 200), // another SID: an earlier attempt's answer
      patched(answer, 7, 5), // answered by node 5, not the PLC we asked
      answer!,
      answer!, // a duplicate
    ]);
    expect(await settled(clock, client.readDm(9, 1))).toEqual([99]);
    await clock.advance(10);
    expect(client.stats()).toEqual({ roundTrips: 1, retries: 0, timeouts: 0, discarded: { late: 2, foreign: 1, malformed: 1 } });
  });

  it('retries when the link breaks while waiting, and reports a link failure if it keeps breaking', async () => {
    const { client, plc, clock } = setup({ attempts: 2 });
    plc.script.push('drop', 'drop');
    const request = client.readDm(0, 1);
    await clock.advance(10);
    plc.breakLink('PLC closed the FINS/TCP connection');
    await clock.advance(100);
    expect(plc.sentAt).toEqual([0, 110]); // broken at 10 ms, retried after the 100 ms backoff
    plc.breakLink('PLC closed the FINS/TCP connection');
    const error = await failure(clock, request);
    expect(error).toMatchObject({ kind: 'transport', message: `PLC link failed (${ENDPOINT}) reading D0+1: PLC closed the FINS/TCP connection (2 attempts)` });
  });
});

describe('FinsClient writeDmOnce: exactly one frame, for writes that must not be repeated', () => {
  it('an answered write is one frame, like writeDm', async () => {
    const { client, plc } = setup();
    await client.writeDmOnce(7076, [0]);
    expect(plc.memory.read(7076, 1)).toEqual([0]);
    expect(sentCommands(plc)).toHaveLength(1);
  });

  it('a lost REPLY: the PLC executed it, and no second frame follows, even long after the timeout → unanswered', async () => {
    const { client, plc, clock } = setup();
    plc.memory.write(7076, [1]);
    plc.script.push(() => []); // executed by the PLC, answer lost on the way back
    const error = await failure(clock, client.writeDmOnce(7076, [0]));
    await clock.advance(60_000);

    expect(plc.memory.read(7076, 1)).toEqual([0]);
    expect(plc.sent).toHaveLength(1);
    expect(error).toMatchObject({
      kind: 'unanswered',
      message: `PLC did not confirm (${ENDPOINT}) writing D7076+1: no response within 2000 ms; sent once and not repeated, so the PLC may or may not have executed it`,
    });
    expect(client.stats()).toMatchObject({ roundTrips: 1, retries: 0, timeouts: 1 });
  });

  it('a lost request looks the same from here (the fate is unknown) and is not repeated either', async () => {
    const { client, plc, clock } = setup();
    plc.script.push('drop');
    expect((await failure(clock, client.writeDmOnce(7076, [0]))).kind).toBe('unanswered');
    expect(plc.sent).toHaveLength(1);
  });

  it('a link that breaks while waiting, or a malformed answer, is unanswered too: never a retry', async () => {
    const { client, plc, clock } = setup();
    plc.script.push((_frame, answer) => [answer!.subarray(0, answer!.length - 1)]);
    expect((await failure(clock, client.writeDmOnce(7076, [0]))).kind).toBe('unanswered');
    plc.script.push('drop');
    const broken = client.writeDmOnce(7076, [0]);
    await clock.advance(10);
    plc.breakLink('PLC closed the FINS/TCP connection');
    expect((await failure(clock, broken)).message).toContain('PLC closed the FINS/TCP connection; sent once and not repeated');
    expect(plc.sent).toHaveLength(2);
  });

  it('a frame that could not be sent at all → transport error: the PLC certainly did not get it', async () => {
    const { client, plc, clock } = setup();
    plc.send = async () => {
      throw new FinsLinkError('send failed: EHOSTUNREACH');
    };
    expect(await failure(clock, client.writeDmOnce(7076, [0]))).toMatchObject({
      kind: 'transport',
      message: `PLC link failed (${ENDPOINT}) writing D7076+1: send failed: EHOSTUNREACH; nothing was sent`,
    });
  });

  it('an error end code is an answer: end-code, one frame', async () => {
    const { client, plc, clock } = setup();
    plc.endCodeFaults = [{ from: 7076, to: 7076, code: 0x2101 }];
    expect((await failure(clock, client.writeDmOnce(7076, [0]))).kind).toBe('end-code');
    expect(plc.sent).toHaveLength(1);
  });

  it('goes through the queue and the circuit breaker like every request', async () => {
    const { client, plc, clock } = setup({ attempts: 1 });
    plc.script.push('drop', 'drop', 'drop');
    const first = client.readDm(0, 1);
    const once = client.writeDmOnce(7076, [0]);
    await clock.advance(1_000);
    expect(plc.sent).toHaveLength(1); // waits behind the read in flight
    await failure(clock, first);
    await failure(clock, once);
    await failure(clock, client.readDm(0, 1));
    expect(await failure(clock, client.writeDmOnce(7076, [0]))).toMatchObject({ kind: 'circuit-open' });
    expect(plc.sent).toHaveLength(3);
  });

  it('refuses more words than one frame carries instead of splitting them', async () => {
    const { client, plc } = setup({ maxWriteWords: 10 });
    await expect(client.writeDmOnce(7000, new Array<number>(11).fill(0))).rejects.toMatchObject({ kind: 'bad-request' });
    expect(plc.sent).toHaveLength(0);
  });
});

describe('FinsClient circuit breaker and health', () => {
  it('opens after 3 failed requests, fails fast, then a probe after the cool-down closes it again', async () => {
    const { client, plc, clock } = setup({ attempts: 1 });
    expect(client.health()).toMatchObject({ state: 'unknown', lastOkAt: null });
    plc.script.push('drop', 'drop', 'drop');
    for (let i = 0; i < 3; i++) expect((await failure(clock, client.readDm(7000, 77))).kind).toBe('timeout');
    const expected = `PLC unreachable (${ENDPOINT}): circuit open after 3 failed requests, next probe in 10 s`;
    const fast = await failure(clock, client.readDm(7000, 77));
    expect(fast).toMatchObject({ kind: 'circuit-open', message: expected });
    expect(plc.sent).toHaveLength(3);
    expect(client.health()).toEqual({ state: 'down', detail: expected, lastOkAt: null, roundTrips: 3 });

    await clock.advance(10_000);
    expect(await client.readDm(7000, 1)).toEqual([0]);
    expect(client.health()).toMatchObject({ state: 'ok', lastOkAt: 16_000, roundTrips: 4 });
  });

  it('stays down while the probe after the cool-down is on its way (a probe is not an answer)', async () => {
    const { client, plc, clock } = setup({ attempts: 1, breakerThreshold: 2, breakerCoolDownMs: 5_000, timeoutMs: 300 });
    plc.script.push('drop', 'drop', 'drop');
    for (let i = 0; i < 2; i++) await failure(clock, client.readDm(0, 1));
    await clock.advance(5_000);

    const probe = client.readDm(0, 1).catch((error: unknown) => error);
    await clock.advance(100);

    expect(client.health()).toMatchObject({ state: 'down', detail: `PLC unreachable (${ENDPOINT}): probing after 2 failed requests` });
    await clock.advance(300);
    expect(await probe).toBeInstanceOf(PlcError);
    expect(client.health().state).toBe('down');
  });

  it('re-opens for another cool-down when the probe fails', async () => {
    const { client, plc, clock } = setup({ attempts: 1, breakerThreshold: 2, breakerCoolDownMs: 5_000 });
    plc.script.push('drop', 'drop', 'drop');
    for (let i = 0; i < 2; i++) await failure(clock, client.readDm(0, 1));
    await clock.advance(5_000);
    expect((await failure(clock, client.readDm(0, 1))).kind).toBe('timeout');
    expect((await failure(clock, client.readDm(0, 1))).message).toContain('circuit open after 3 failed requests, next probe in 5 s');
  });

  it('does not count end codes against the circuit: the PLC answered', async () => {
    const { client, plc, clock } = setup();
    plc.endCodeFaults = [{ from: 0, to: 0, code: 0x1104 }];
    for (let i = 0; i < 5; i++) expect((await failure(clock, client.readDm(0, 1))).kind).toBe('end-code');
    expect(client.health().state).toBe('ok');
  });

  it('reports degraded with the last failure while failures stay below the threshold', async () => {
    const { client, plc, clock } = setup({ attempts: 1, timeoutMs: 300 });
    plc.script.push('drop');
    await failure(clock, client.readDm(6000, 77));
    expect(client.health()).toMatchObject({
      state: 'degraded',
      detail: `1 failed request(s) in a row; last: PLC did not answer (${ENDPOINT}) reading D6000+77: no response within 300 ms (1 attempt)`,
    });
    await client.readDm(6000, 77);
    expect(client.health().state).toBe('ok');
  });

  it('keeps working on a PLC flagging a non-fatal CPU error, warns once and shows it in health', async () => {
    const onWarning = vi.fn();
    const { client, plc } = setup({ onWarning });
    plc.memory.write(1, [11]);
    const lowBattery = (_frame: Buffer, answer: Buffer | null) => [patched(answer, 13, 0x40)];
    plc.script.push(lowBattery, lowBattery);
    expect(await client.readDm(1, 1)).toEqual([11]);
    await client.readDm(1, 1);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning).toHaveBeenCalledWith(expect.stringContaining('non-fatal CPU error'));
    expect(client.health()).toMatchObject({ state: 'degraded', detail: expect.stringContaining('low battery') });
    await client.readDm(1, 1);
    expect(client.health().state).toBe('ok');
  });
});

describe('FinsClient input checks', () => {
  it.each([
    ['a negative address', (c: FinsClient) => c.readDm(-1, 1), 'bad PLC request: reading: DM address -1 is outside D0..D32767'],
    ['a zero count', (c: FinsClient) => c.readDm(7000, 0), 'bad PLC request: reading D7000: word count 0 is not a whole number ≥ 1'],
    ['a range past D32767', (c: FinsClient) => c.readDm(32767, 2), 'bad PLC request: reading D32767+2 runs past D32767'],
    ['no words', (c: FinsClient) => c.writeDm(7000, []), 'bad PLC request: writing D7000: no words given'],
    ['a word above 65535', (c: FinsClient) => c.writeDm(7000, [1, 70000]), 'bad PLC request: writing D7000+2: D7001 = 70000 is not a 16-bit word (0..65535)'],
    ['a fractional word', (c: FinsClient) => c.writeDm(7000, [0.5]), 'D7000 = 0.5 is not a 16-bit word'],
  ])('refuses %s without sending anything', async (_name, call, message) => {
    const { client, plc } = setup();
    await expect(call(client)).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringContaining(message) });
    expect(plc.sent).toHaveLength(0);
  });

  it('refuses options it cannot work with, naming each', () => {
    expect(() => new FinsClient({ host: '', port: 0 })).toThrow(/invalid FINS client options: host: host must not be empty; port: .*>=1/);
    expect(() => new FinsClient({ host: 'plc', maxReadWords: 1000 })).toThrow(/maxReadWords/);
    expect(() => new FinsClient({ host: 'plc', protocol: 'serial' as 'udp' })).toThrow(/protocol/);
  });

  it('after close(), the request in flight and later ones fail with a clear message', async () => {
    const { client, plc, clock } = setup();
    plc.script.push('drop');
    const inFlight = client.readDm(0, 1);
    await clock.advance(10);
    await client.close();
    expect(plc.closed).toBe(true);
    expect(await failure(clock, inFlight)).toMatchObject({ kind: 'transport', message: expect.stringContaining('client closed') });
    expect(await failure(clock, client.readDm(0, 1))).toMatchObject({ message: `FINS client for ${ENDPOINT} is closed` });
  });
});
