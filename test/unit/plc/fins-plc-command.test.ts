import { describe, expect, it } from 'vitest';
import { runPlcCommand } from '../../../electron/host/cli/plc-command';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPlcCommand(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('plc command line', () => {
  it('prints usage for --help', async () => {
    const { code, out, err } = await run(['--help']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^usage: plc read <address> <count>/);
    expect(err).toEqual([]);
  });

  it.each([
    [[], 'missing action: read or write'],
    [['peek', 'D7000'], "unknown action 'peek': expected read or write"],
    [['read'], 'missing address for read'],
    [['read', 'X7000', '1'], "bad address 'X7000': expected D0..D32767 (e.g. D7000 or 7000)"],
    [['read', 'D32768', '1'], "bad address 'D32768'"],
    [['read', 'D7000'], 'missing word count for read'],
    [['read', 'D7000', '0'], "bad count '0': expected a whole number 1..25768"],
    [['read', 'D32767', '2'], "bad count '2': expected a whole number 1..1"],
    [['read', 'D7000', 'many'], "bad count 'many'"],
    [['read', 'D7000', '1', '2'], "unexpected '2' after the word count"],
    [['write', 'D7076'], 'missing words to write'],
    [['write', 'D7076', '70000'], "bad word '70000' for D7076: expected 0..65535 or 0x0000..0xFFFF"],
    [['write', 'D7076', '1', '0x1FFFF'], "bad word '0x1FFFF' for D7077"],
    [['write', 'D7076', '1.5'], "bad word '1.5' for D7076"],
    [['write', 'D7076', '-1'], "bad value '-1': negative numbers are not allowed"],
    [['write', 'D32767', '1', '2'], '2 words from D32767 run past D32767'],
    [['read', 'D7000', '1', '--protocol', 'serial'], "bad --protocol 'serial': expected udp or tcp"],
    [['read', 'D7000', '1', '--port', '70000'], "bad --port '70000': expected a whole number 1..65535"],
    [['read', 'D7000', '1', '--timeout', 'soon'], "bad --timeout 'soon': expected seconds, 0.001..60"],
    [['read', 'D7000', '1', '--timeout', '0'], "bad --timeout '0'"],
    [['read', 'D7000', '1', '--host', ''], 'bad --host: empty'],
    [['read', 'D7000', '1', '--verbose'], "Unknown option '--verbose'."],
    [['read', 'D7000', '1', '--host'], "Option '--host <value>' argument missing"],
  ])('rejects %j with one clear line and exit code 2', async (args, message) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
    expect(err[0]).toMatch(/^plc: .*\(see plc --help\)$/);
  });
});
