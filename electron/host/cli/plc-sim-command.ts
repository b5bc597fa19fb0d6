/**
 * `plc-sim`: runs the simulated plant PLC (FINS over UDP and/or TCP) until
 * SIGINT/SIGTERM, for demos and for testing the app against a "real" PLC.
 */
import { SLOT_COUNT } from '../../../shared/domain';
import { startPlcSimulator, type PlcSimulator, type PlcSimulatorOptions } from '../../plc/plc-simulator';
import { integerIn, parseFlags, positiveNumber } from './cli-flags';
import { EXIT, stopRequested, UsageError, type CliIo } from './cli-io';

const USAGE =
  'usage: plc-sim [--udp-port N] [--tcp-port N] [--host H] [--speed X] [--batch-seconds S] [--fail-slot N]... [--seed N] [--json]';
/** The plant's FINS port (../shared/plant/fins.md §1), used when no port is given. */
const DEFAULT_UDP_PORT = 9600;

/**
 * Exit codes: 0 after a clean stop, 1 when the simulator cannot start (e.g. port
 * in use), 2 for bad flags. `until` ends the run instead of a signal (tests).
 */
export async function runPlcSimCommand(args: string[], io: CliIo, until?: AbortSignal): Promise<number> {
  let options: PlcSimulatorOptions & { json: boolean };
  try {
    options = simOptions(args);
  } catch (error) {
    io.err(`plc-sim: ${(error as Error).message} (${USAGE})`);
    return EXIT.usage;
  }

  const { json, ...simulatorOptions } = options;
  let simulator: PlcSimulator;
  try {
    simulator = await startPlcSimulator(simulatorOptions);
  } catch (error) {
    io.err(`plc-sim: cannot start the PLC simulator: ${(error as Error).message}`);
    return EXIT.failed;
  }

  const { host, speed, batchSeconds } = simulator.settings;
  const { udpPort, tcpPort } = simulator.ports;
  if (json) {
    io.out(JSON.stringify({ host, udpPort: udpPort ?? null, tcpPort: tcpPort ?? null, speed, batchSeconds }));
  } else {
    const endpoints = [udpPort === undefined ? null : `FINS/UDP ${udpPort}`, tcpPort === undefined ? null : `FINS/TCP ${tcpPort}`];
    io.out(`PLC simulator on ${host}: ${endpoints.filter(Boolean).join(', ')} (speed ${speed}×, ${batchSeconds} s per batch); Ctrl+C stops it`);
  }

  await stopRequested(until);
  await simulator.stop();
  if (!json) io.out('PLC simulator stopped');
  return EXIT.ok;
}

function simOptions(args: string[]): PlcSimulatorOptions & { json: boolean } {
  const { values } = parseFlags(args, FLAGS);
  const port = (flag: string, text: string | undefined): number | undefined =>
    text === undefined ? undefined : integerIn(flag, text, 0, 65535);
  const udpPort = port('--udp-port', values['udp-port']);
  const tcpPort = port('--tcp-port', values['tcp-port']);
  const host = values.host;
  if (host !== undefined && host.trim() === '') throw new UsageError('--host must not be empty');
  return {
    udpPort: udpPort === undefined && tcpPort === undefined ? DEFAULT_UDP_PORT : udpPort,
    tcpPort,
    host,
    speed: values.speed === undefined ? undefined : positiveNumber('--speed', values.speed),
    batchSeconds: values['batch-seconds'] === undefined ? undefined : positiveNumber('--batch-seconds', values['batch-seconds']),
    failSlots: (values['fail-slot'] ?? []).map((text) => integerIn('--fail-slot', text, 1, SLOT_COUNT)),
    seed: values.seed === undefined ? undefined : integerIn('--seed', values.seed, 0, 0xffffffff),
    json: values.json,
  };
}

const FLAGS = {
    'udp-port': { type: 'string' },
    'tcp-port': { type: 'string' },
    host: { type: 'string' },
    speed: { type: 'string' },
    'batch-seconds': { type: 'string' },
    'fail-slot': { type: 'string', multiple: true },
    seed: { type: 'string' },
    json: { type: 'boolean', default: false },
  } as const;




