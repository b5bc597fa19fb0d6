/**
 * smart-mo-sync — the command-line host. Every command that touches the
 * queue goes through the engine (same lock, same rules, same run records as
 * the console); the simulators and PLC diagnostics are for engineers.
 */
import { ConfigError } from '../engine/config';
import { EXIT, UsageError, type CliIo } from './cli/cli-io';
import { runHistory, runServe, runStatus, runSyncOnce, runTaskCommand } from './cli/engine-commands';
import { runOdooSimCommand } from './cli/odoo-sim-command';
import { runPlcCommand } from './cli/plc-command';
import { runPlcSimCommand } from './cli/plc-sim-command';

const COMMANDS: Record<string, { summary: string; run(args: string[], io: CliIo): Promise<number> }> = {
  serve: { summary: 'serve [--port N] [--bind ADDR --token T] [--demo]   console for any browser (headless host)', run: runServe },
  sync: { summary: 'sync --once [--json]                    one Task 1 pass (fetch only when the queue is empty)', run: runSyncOnce },
  run: { summary: 'run <task> --once [--json]              one pass of any task', run: runTaskCommand },
  status: { summary: 'status [--json]                         queue, scheduler, connections, last sync', run: runStatus },
  history: { summary: 'history [--limit N] [--task T] [--json] recent runs with outcome and reason', run: runHistory },
  plc: { summary: 'plc read D7000 77 | plc write D7076 1  PLC diagnostics (--host --port --protocol)', run: runPlcCommand },
  'plc-sim': { summary: 'plc-sim --udp-port N [--tcp-port N] [--speed X]   simulated PLC', run: runPlcSimCommand },
  'odoo-sim': { summary: 'odoo-sim --port N                       simulated Odoo SCADA API', run: runOdooSimCommand },
};

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function usage(): string {
  return ['usage: smart-mo-sync <command> [options]   (common: --data-dir DIR --demo --verbose)', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`unknown command "${name}"\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${name}: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(`configuration: ${error.message}`);
      return EXIT.usage;
    }
    io.err(`${name} failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.err(String(error));
    process.exitCode = EXIT.failed;
  },
);
