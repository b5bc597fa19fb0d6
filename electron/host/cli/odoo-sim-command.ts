/**
 * `odoo-sim`: runs the simulated Odoo SCADA API until SIGINT/SIGTERM, for demos
 * and for pointing the app (or curl) at a "real" Odoo.
 */
import { startOdooSimulator, type OdooSimulator } from '../../odoo/odoo-simulator';
import { integerIn, parseFlags } from './cli-flags';
import { EXIT, stopRequested, UsageError, type CliIo } from './cli-io';

const USAGE = 'usage: odoo-sim [--port N] [--host H] [--mos N] [--json]';
/** Odoo's own default port, used when no port is given. */
const DEFAULT_PORT = 8069;
/** The captured plant MOs WH/MO/00011 … 00020. */
const DEFAULT_MO_COUNT = 10;
const MAX_MO_COUNT = 100_000;

interface SimFlags {
  port: number;
  host: string;
  moCount: number;
  json: boolean;
}

/**
 * Exit codes: 0 after a clean stop, 1 when the simulator cannot start (e.g. port
 * in use), 2 for bad flags. `until` ends the run instead of a signal (tests).
 */
export async function runOdooSimCommand(args: string[], io: CliIo, until?: AbortSignal): Promise<number> {
  let flags: SimFlags;
  try {
    flags = simFlags(args);
  } catch (error) {
    io.err(`odoo-sim: ${(error as Error).message} (${USAGE})`);
    return EXIT.usage;
  }

  let simulator: OdooSimulator;
  try {
    simulator = await startOdooSimulator({ port: flags.port, host: flags.host, moCount: flags.moCount });
  } catch (error) {
    io.err(`odoo-sim: cannot start the Odoo simulator on ${flags.host}:${flags.port}: ${(error as Error).message}`);
    return EXIT.failed;
  }

  const { db, username, password } = simulator.state.credentials;
  if (flags.json) {
    io.out(JSON.stringify({ url: simulator.url, port: simulator.port, db, username, password, mos: flags.moCount }));
  } else {
    io.out(`Odoo simulator on ${simulator.url} — database "${db}", login "${username}", password "${password}"; ${flags.moCount} open MOs; Ctrl+C stops it`);
  }

  await stopRequested(until);
  await simulator.stop();
  if (!flags.json) io.out('Odoo simulator stopped');
  return EXIT.ok;
}

function simFlags(args: string[]): SimFlags {
  const { values } = parseFlags(args, FLAGS);
  if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host must not be empty');
  return {
    port: values.port === undefined ? DEFAULT_PORT : integerIn('--port', values.port, 0, 65535),
    host: values.host ?? '127.0.0.1',
    moCount: values.mos === undefined ? DEFAULT_MO_COUNT : integerIn('--mos', values.mos, 0, MAX_MO_COUNT),
    json: values.json,
  };
}

const FLAGS = {
    port: { type: 'string' },
    host: { type: 'string' },
    mos: { type: 'string' },
    json: { type: 'boolean', default: false },
  } as const;



