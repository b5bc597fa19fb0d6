import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { FinsClient } from '../../../electron/plc/fins-client';
import { FinsServer } from '../../../electron/plc/fins-server';
import { asciiWords } from '../../support/fins-hex';
import { OmronFinsPeer } from '../../support/fins-omron-peer';

/** Words a slot really holds: text, a 32-bit quantity high word first (1000.00 kg), the top of the range. */
const SLOT_WORDS = [1, ...asciiWords('WH/MO/00011', 8), 0x0001, 0x86a0, 0xffff, 0x8000, 0x7fff, 0];

describe.each(['udp', 'tcp'] as const)('cross-check with the independent omron-fins package over %s', (protocol) => {
  let memory: DmMemory;
  let server: FinsServer;
  let ours: FinsClient;
  let theirs: OmronFinsPeer;

  beforeEach(async () => {
    memory = new DmMemory();
    server = new FinsServer({ memory, ...(protocol === 'udp' ? { udpPort: 0 } : { tcpPort: 0 }) });
    const ports = await server.start();
    const port = (protocol === 'udp' ? ports.udpPort : ports.tcpPort) ?? 0;
    ours = new FinsClient({ host: '127.0.0.1', port, protocol, timeoutMs: 2_000 });
    theirs = await OmronFinsPeer.open(port, protocol);
  });

  afterEach(async () => {
    theirs.close();
    await ours.close();
    await server.stop();
  });

  it('our client writes, omron-fins reads the same words back', async () => {
    await ours.writeDm(7001, SLOT_WORDS);
    expect(await theirs.read('D7001', SLOT_WORDS.length)).toEqual(SLOT_WORDS);
  });

  it('omron-fins writes, our client reads the same words back', async () => {
    await theirs.write('D100', SLOT_WORDS);
    expect(await ours.readDm(100, SLOT_WORDS.length)).toEqual(SLOT_WORDS);
    expect(server.stats()).toMatchObject({ writes: 1, reads: 1, dropped: 0 });
  });
});
