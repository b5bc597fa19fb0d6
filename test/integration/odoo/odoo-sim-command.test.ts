import { afterEach, describe, expect, it } from 'vitest';
import { runOdooSimCommand } from '../../../electron/host/cli/odoo-sim-command';
import { OdooClient } from '../../../electron/odoo/odoo-client';
import { startOdooSimulator, type OdooSimulator } from '../../../electron/odoo/odoo-simulator';

/** Collects output and resolves `firstLine` as soon as the command prints. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  let announce: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => (announce = resolve));
  return {
    io: {
      out: (line: string) => {
        out.push(line);
        announce(line);
      },
      err: (line: string) => err.push(line),
    },
    out,
    err,
    firstLine,
  };
}

let running: { stop: AbortController; done: Promise<number> } | null = null;
let blocker: OdooSimulator | null = null;

afterEach(async () => {
  running?.stop.abort();
  await running?.done;
  running = null;
  await blocker?.stop();
  blocker = null;
});

describe('odoo-sim command', () => {
  it('serves the requested number of MOs until stopped, printing URL and credentials as JSON', async () => {
    const output = capture();
    const stop = new AbortController();
    running = { stop, done: runOdooSimCommand(['--port', '0', '--mos', '30', '--json'], output.io, stop.signal) };

    const started = JSON.parse(await output.firstLine) as { url: string; db: string; username: string; password: string; mos: number };
    expect(started).toMatchObject({ db: 'plant', username: 'admin', password: 'admin', mos: 30 });
    const client = new OdooClient({ baseUrl: started.url, db: started.db, username: started.username, password: started.password });
    expect(await client.listMos(10, 20)).toHaveLength(10);

    stop.abort();
    expect(await running.done).toBe(0);
    expect(output.out).toHaveLength(1);
  });

  it('tells a person where it listens and when it stopped', async () => {
    const output = capture();
    const stop = new AbortController();
    running = { stop, done: runOdooSimCommand(['--port', '0'], output.io, stop.signal) };
    expect(await output.firstLine).toMatch(/^Odoo simulator on http:\/\/127\.0\.0\.1:\d+ — database "plant", login "admin", password "admin"; 10 open MOs; Ctrl\+C stops it$/);
    stop.abort();
    expect(await running.done).toBe(0);
    expect(output.out.at(-1)).toBe('Odoo simulator stopped');
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number 0..65535, got "abc"'],
    [['--mos', '1.5'], '--mos must be a whole number 0..100000, got "1.5"'],
    [['--colour'], "Unknown option '--colour'"],
  ])('rejects %j with exit 2', async (args, message) => {
    const output = capture();
    expect(await runOdooSimCommand(args, output.io, AbortSignal.abort())).toBe(2);
    expect(output.err).toEqual([expect.stringContaining(`odoo-sim: ${message}`)]);
  });

  it('exits 1 when the port is taken', async () => {
    blocker = await startOdooSimulator({ port: 0 });
    const output = capture();
    expect(await runOdooSimCommand(['--port', String(blocker.port)], output.io, AbortSignal.abort())).toBe(1);
    expect(output.err).toEqual([expect.stringContaining(`cannot start the Odoo simulator on 127.0.0.1:${blocker.port}`)]);
  });
});
