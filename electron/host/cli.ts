/**
 * smart-mo-sync — the command-line host. Every command that touches the
 * queue goes through the engine (same lock, same rules, same run records as
 * the console); the simulators and PLC diagnostics are for engineers.
 */
import { ConfigError } from '../engine/config';
import { EXIT, UsageError, type CliIo } from './cli/cli-io';
import { runAlarms, runHistory, runServe, runStatus, runSyncOnce, runTaskCommand, runWaveCommand, runWavesCommand } from './cli/engine-commands';
import { runOdooSimCommand } from './cli/odoo-sim-command';
import { runPlcCommand } from './cli/plc-command';
import { runPlcSimCommand } from './cli/plc-sim-command';
import { runReport } from './cli/report-command';
import { runAudit } from './cli/audit-command';
import { takeUser, type CliUser } from './cli/cli-user';

const COMMANDS: Record<string, { summary: string; run(args: string[], io: CliIo, who: CliUser): Promise<number> }> = {
  serve: {
    summary:
      'serve [--port N] [--bind ADDR --token-file PATH] [--demo]   console for any browser (headless host); the token also from\n' +
      '                                          SMS_HOST_TOKEN(_FILE); --token T works too but other users see it in the process list',
    run: runServe,
  },
  sync: { summary: 'sync --once [--json]                    one Task 1 pass (fetch only when the queue is empty)', run: runSyncOnce },
  run: { summary: 'run <task> --once [--json]              one pass of any task', run: runTaskCommand },
  status: { summary: 'status [--json]                         queue, scheduler, connections, last sync', run: runStatus },
  history: {
    summary: 'history [--limit N] [--task T] [--mo ID] [--from ISO] [--to ISO] [--json]   recent runs with outcome and reason',
    run: runHistory,
  },
  report: { summary: 'report --from ISO --to ISO [--json]     shift report: MOs, waves, kg per silo and tank, failures', run: runReport },
  alarms: { summary: 'alarms [--json]                         the alarms every station shows (state, priority, cause)', run: runAlarms },
  audit: {
    summary:
      'audit [--limit N] [--user NAME] [--action NAME] [--outcome done|refused|failed] [--from ISO] [--to ISO] [--json]\n' +
      '                                          the audit trail, newest first (here --user picks whose lines)',
    run: runAudit,
  },
  wave: {
    summary: 'wave resolve <hand-over|withdraw> --reason TEXT [--json]   an operator hands over or withdraws a wave the PLC did not confirm',
    run: runWaveCommand,
  },
  waves: {
    summary: 'waves <pause|resume> --reason TEXT [--json]   stop or restart fetching new waves, plant-wide (PLC reading and Odoo booking go on)',
    run: runWavesCommand,
  },
  plc: { summary: 'plc read D7000 77 | plc write D7076 1  PLC diagnostics (--host --port --protocol)', run: runPlcCommand },
  'plc-sim': { summary: 'plc-sim --udp-port N [--tcp-port N] [--speed X]   simulated PLC', run: (args, io) => runPlcSimCommand(args, io) },
  'odoo-sim': { summary: 'odoo-sim --port N                       simulated Odoo SCADA API', run: (args, io) => runOdooSimCommand(args, io) },
};

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * A run that ends skipped, busy or with nothing to fetch is an answer (0); a run that ends in
 * error, or a command that cannot reach what it needs, did not do its job (1).
 */
const EXIT_CODES = [
  'exit codes: 0 done — a sync that skipped (queue not empty, PLC busy) or found nothing to fetch is an answer too;',
  '            1 the command could not do its job (a run ended in error, a peer or the database did not answer): one line says why;',
  '            2 the command line or the configuration is wrong.',
];

function usage(): string {
  return [
    'usage: smart-mo-sync <command> [options]   (common: --data-dir DIR --env-file PATH --demo --verbose',
    '       --user NAME: who acts, for the audit trail; default the OS user)',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    '',
    ...EXIT_CODES,
  ].join('\n');
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
    const { rest, ...who } = takeUser(args);
    return await command.run(rest, io, who);
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

let answered = false;
// Last line of defence: if nothing keeps the process alive while a command still waits (a timer
// that does not hold the process, a promise nobody settles), Node would exit 0 in silence.
process.once('beforeExit', () => {
  if (answered) return;
  io.err(`${process.argv[2] ?? 'smart-mo-sync'} failed: it stopped before finishing (nothing was left to wait on); this is a bug, please report it`);
  process.exitCode = EXIT.failed;
});

main(process.argv.slice(2)).then(
  (code) => {
    answered = true;
    process.exitCode = code;
  },
  (error: unknown) => {
    answered = true;
    io.err(String(error));
    process.exitCode = EXIT.failed;
  },
);
