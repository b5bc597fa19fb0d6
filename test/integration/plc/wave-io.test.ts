import { afterEach, describe, expect, it } from 'vitest';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { FinsClient } from '../../../electron/plc/fins-client';
import { PlcError } from '../../../electron/plc/fins-plc-error';
import { FinsServer } from '../../../electron/plc/fins-server';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { handOverWave, readFeedback, readWriteArea, writeWave } from '../../../electron/plc/wave-io';
import { sampleWave } from '../../unit/plc/sample-recipes';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bare FINS server over DM memory (no plant model), and our client on UDP. */
async function serverAndClient() {
  const memory = new DmMemory();
  memory.write(plcMemoryMap.handshake.writeAreaAck, [1]);
  const server = new FinsServer({ memory, udpPort: 0 });
  const { udpPort } = await server.start();
  cleanups.push(() => server.stop());
  if (udpPort === undefined) throw new Error('the FINS server bound no UDP port');
  // A long timeout: a retry on a busy machine would blur the frame count this file is about.
  const client = new FinsClient({ host: '127.0.0.1', port: udpPort, protocol: 'udp', timeoutMs: 5000 });
  cleanups.push(() => client.close());
  return { memory, server, client };
}

describe('wave I/O over a real FINS client', () => {
  it('moves a 10-MO wave in 1 read + 2 writes + 1 verify read + 1 hand-over write', async () => {
    const { memory, server, client } = await serverAndClient();
    await writeWave(client, sampleWave(10), await readWriteArea(client));
    await handOverWave(client);

    expect(server.stats()).toMatchObject({ requests: 5, reads: 2, writes: 3 });
    expect(memory.read(plcMemoryMap.handshake.writeAreaAck, 1)).toEqual([0]);
    expect((await readWriteArea(client)).slots.map((s) => s.moId)).toEqual(sampleWave(10).map((r) => r.moId));
  });

  it('reads all ten READ slots in one frame', async () => {
    const { server, client } = await serverAndClient();
    const feedback = await readFeedback(client);
    expect(feedback.slots).toHaveLength(10);
    expect(server.stats()).toMatchObject({ requests: 1, reads: 1 });
  });

  it('passes the PLC’s refusal through with its readable FINS message', async () => {
    const { server, client } = await serverAndClient();
    const current = await readWriteArea(client);
    server.faults.endCodes.push({ from: 7077, to: 7976, code: 0x2101, command: 'write' });

    const error = await writeWave(client, sampleWave(3), current).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlcError);
    expect(error).toMatchObject({ kind: 'end-code', endCode: 0x2101 });
    expect((error as Error).message).toMatch(/0x2101.*D7077/);
  });
});
