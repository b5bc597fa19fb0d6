import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPlcCommand } from '../../../electron/host/cli/plc-command';
import { DmMemory } from '../../../electron/plc/dm-memory';
import { FinsServer } from '../../../electron/plc/fins-server';
import { asciiWords } from '../../support/fins-hex';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPlcCommand(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('plc diagnostics command against a FINS server', () => {
  let memory: DmMemory;
  let server: FinsServer;
  let ports: { udp: string; tcp: string };

  beforeEach(async () => {
    memory = new DmMemory();
    server = new FinsServer({ memory, udpPort: 0, tcpPort: 0 });
    const bound = await server.start();
    ports = { udp: String(bound.udpPort), tcp: String(bound.tcpPort) };
  });

  afterEach(async () => {
    await server.stop();
  });

  it('reads words as a table of address, decimal, hex and ASCII pair', async () => {
    memory.write(7000, [1, ...asciiWords('WH/MO', 3)]);
    const { code, out, err } = await run(['read', 'D7000', '4', '--port', ports.udp]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toEqual([
      'address  decimal  hex     ascii',
      'D7000          1  0x0001  ..',
      'D7001      22344  0x5748  WH',
      'D7002      12109  0x2F4D  /M',
      'D7003      20224  0x4F00  O.',
    ]);
  });

  it('reads as JSON over TCP, accepting a bare address', async () => {
    memory.write(6076, [1, 2]);
    const { code, out } = await run(['read', '6076', '2', '--port', ports.tcp, '--protocol', 'tcp', '--json']);
    expect(code).toBe(0);
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([{ address: 6076, count: 2, words: [1, 2] }]);
  });

  it('writes decimal and hex words', async () => {
    const { code, out } = await run(['write', 'D7076', '1', '0x86A0', '--port', ports.udp]);
    expect(code).toBe(0);
    expect(out).toEqual(['wrote 2 words to D7076..D7077']);
    expect(memory.read(7076, 2)).toEqual([1, 0x86a0]);
    expect((await run(['write', 'D7076', '0', '--port', ports.udp, '--json'])).out).toEqual(['{"address":7076,"count":1,"words":[0]}']);
  });

  it('reports a PLC error end code as one line and exit code 1', async () => {
    server.faults.endCodes = [{ from: 7000, to: 7000, code: 0x1103 }];
    const { code, out, err } = await run(['read', 'D7000', '1', '--port', ports.udp]);
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual(['plc read failed: FINS end code 0x1103 (address range error) reading D7000+1']);
  });

  it('reports a PLC that does not answer within --timeout', async () => {
    server.faults.silent = true;
    const { code, err } = await run(['write', 'D7076', '1', '--port', ports.udp, '--timeout', '0.1']);
    expect(code).toBe(1);
    expect(err).toEqual([`plc write failed: PLC did not answer (127.0.0.1:${ports.udp}/udp) writing D7076+1: no response within 100 ms (3 attempts)`]);
  });
});
