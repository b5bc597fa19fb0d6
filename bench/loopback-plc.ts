/**
 * A FinsServer over DM memory and a FinsClient talking to it over real UDP on
 * 127.0.0.1: the wire every contender is measured on. The server counts the
 * frames; its `faults.latencyMs` stands in for a real plant network.
 */
import { DmMemory } from '../electron/plc/dm-memory';
import { FinsClient } from '../electron/plc/fins-client';
import { FinsServer } from '../electron/plc/fins-server';

export interface LoopbackPlc {
  memory: DmMemory;
  server: FinsServer;
  client: FinsClient;
  close(): Promise<void>;
}

export async function startLoopbackPlc(): Promise<LoopbackPlc> {
  const memory = new DmMemory();
  const server = new FinsServer({ memory, host: '127.0.0.1', udpPort: 0 });
  const { udpPort } = await server.start();
  if (udpPort === undefined) {
    await server.stop();
    throw new Error('the FINS server started without a UDP port');
  }
  const client = new FinsClient({ host: '127.0.0.1', port: udpPort, protocol: 'udp' });
  return {
    memory,
    server,
    client,
    async close() {
      await client.close();
      await server.stop();
    },
  };
}
