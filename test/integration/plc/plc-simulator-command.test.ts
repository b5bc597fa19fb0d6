import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runPlcSimCommand } from '../../../electron/host/cli/plc-sim-command';
import { FinsClient } from '../../../electron/plc/fins-client';
import { plcMemoryMap } from '../../../electron/plc/memory-map';
import { startPlcSimulator } from '../../../electron/plc/plc-simulator';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs the command in the background; resolves `ready` with its first output line. */
function runInBackground(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  let announce: (line: string) => void = () => {};
  const ready = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const exitCode = runPlcSimCommand(
    args,
    {
      out: (line) => {
        out.push(line);
        announce(line);
      },
      err: (line) => {
        err.push(line);
        announce(line);
      },
    },
    stop.signal,
  );
  cleanups.push(async () => {
    stop.abort();
    await exitCode;
  });
  return { out, err, ready, stop, exitCode };
}

const announcement = z.object({ host: z.string(), udpPort: z.number().int(), tcpPort: z.number().int(), speed: z.number(), batchSeconds: z.number() });

describe('plc-sim command', () => {
  it('prints the bound ports as JSON, serves FINS until stopped, then exits 0', async () => {
    const run = runInBackground(['--udp-port', '0', '--tcp-port', '0', '--speed', '50', '--json']);
    const ports = announcement.parse(JSON.parse(await run.ready));
    expect(ports).toMatchObject({ host: '127.0.0.1', speed: 50, batchSeconds: 30 });
    expect(ports.udpPort).toBeGreaterThan(0);

    for (const [protocol, port] of [['udp', ports.udpPort], ['tcp', ports.tcpPort]] as const) {
      const client = new FinsClient({ host: '127.0.0.1', port, protocol, timeoutMs: 2000 });
      cleanups.push(() => client.close());
      // The simulated PLC boots ready for a wave.
      expect(await client.readDm(plcMemoryMap.handshake.writeAreaAck, 1)).toEqual([1]);
    }

    run.stop.abort();
    expect(await run.exitCode).toBe(0);
    expect(run.err).toEqual([]);
  });

  it('prints one readable line in text mode', async () => {
    const run = runInBackground(['--udp-port', '0', '--fail-slot', '2', '--fail-slot', '5']);
    expect(await run.ready).toMatch(/^PLC simulator on 127\.0\.0\.1: FINS\/UDP \d+ \(speed 1×, 30 s per batch\); Ctrl\+C stops it$/);
    run.stop.abort();
    expect(await run.exitCode).toBe(0);
    expect(run.out.at(-1)).toBe('PLC simulator stopped');
  });

  it.each([
    [['--speed', 'fast'], '--speed must be a positive number, got "fast"'],
    [['--speed', '0'], '--speed must be a positive number, got "0"'],
    [['--udp-port', '70000'], '--udp-port must be a whole number 0..65535, got "70000"'],
    [['--fail-slot', '11'], '--fail-slot must be a whole number 1..10, got "11"'],
    [['--tcp-port=-1'], '--tcp-port must be a whole number 0..65535, got "-1"'],
    [['--tcp-port', '-1'], "Option '--tcp-port' argument is ambiguous"],
    [['--sped', '5'], "Unknown option '--sped'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('rejects %j with one clear line and exit code 2', async (args, message) => {
    const err: string[] = [];
    const code = await runPlcSimCommand(args, { out: () => {}, err: (line) => err.push(line) });
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    expect(err[0]).toContain(`plc-sim: ${message}`);
    expect(err[0]).toContain('usage: plc-sim');
  });

  it('exits 1 with the reason when the port is taken', async () => {
    const other = await startPlcSimulator({ udpPort: 0 });
    cleanups.push(() => other.stop());
    const err: string[] = [];
    const code = await runPlcSimCommand(['--udp-port', String(other.ports.udpPort)], { out: () => {}, err: (line) => err.push(line) });
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^plc-sim: cannot start the PLC simulator: .*EADDRINUSE/)]);
  });
});
