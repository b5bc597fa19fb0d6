/**
 * The CLI commands that run the engine: `serve` (headless host), and the
 * one-shots `sync --once`, `run <task> --once`, `status`, `history`, `alarms`,
 * `wave resolve`, `waves pause|resume`. One-shots
 * start the engine without timers, act through the same path as the console
 * (same lock, same run records, same audit trail, as the --user who runs them)
 * and print the result.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { requests } from '../../../shared/contract';
import { TASK_NAMES, WAVE_RESOLUTIONS, type TaskName } from '../../../shared/domain';
import { startEngine, type StartedEngine } from '../../engine/start-engine';
import { startHeadlessHost } from '../http-host';
import { parseFlags } from './cli-flags';
import { EXIT, UsageError, untilSignal, type CliIo } from './cli-io';
import { newWavesPausedReason } from '../../engine/tasks/mo-sync/new-waves-pause';
import { formatRun } from './format-run';
import { auditedTaskRun } from './cli-audited-run';
import { cliCredentials, type CliUser } from './cli-user';

const ENGINE_OPTIONS = {
  json: { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  'env-file': { type: 'string' },
  station: { type: 'string' },
  verbose: { type: 'boolean', default: false },
} as const;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], extra: T) {
  const options: typeof ENGINE_OPTIONS & T = { ...ENGINE_OPTIONS, ...extra };
  return parseFlags(args, options, true);
}

export async function withEngine<R>(args: string[], verbose: boolean, work: (started: StartedEngine) => Promise<R>): Promise<R> {
  const started = await startEngine({ argv: args, schedule: false, logToStderr: verbose });
  try {
    return await work(started);
  } finally {
    await started.stop();
  }
}

export async function runServe(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    bind: { type: 'string' },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    speed: { type: 'string' },
  } as const);
  const rendererDir = findRendererDir();
  const started = await startEngine({ argv: args, logToStderr: values.verbose === true });
  try {
    const host = await startHeadlessHost({
      backend: started.backend,
      rendererDir,
      log: started.log.child({ part: 'bridge' }),
      host: started.config.host.bind,
      port: started.config.host.port,
      ...(started.config.host.token ? { token: started.config.host.token } : {}),
    });
    if (values.json) io.out(JSON.stringify({ url: host.url, engine: started.describe() }));
    else io.out(`Smart MO Sync console: ${host.url}\n${started.describe()}`);
    await untilSignal();
    await host.stop();
  } finally {
    await started.stop();
  }
  return EXIT.ok;
}

export async function runSyncOnce(args: string[], io: CliIo, who: CliUser): Promise<number> {
  const { values } = parse(args, { once: { type: 'boolean', default: false } } as const);
  if (!values.once) throw new UsageError('sync runs one Task 1 pass: use `sync --once` (the timer belongs to `serve` and the desktop app)');
  return runTaskOnce('mo-sync', args, io, who, values.json === true, values.verbose === true);
}

export async function runTaskCommand(args: string[], io: CliIo, who: CliUser): Promise<number> {
  const { values, positionals } = parse(args, { once: { type: 'boolean', default: false } } as const);
  const task = positionals[0];
  if (!task || !(TASK_NAMES as readonly string[]).includes(task)) {
    throw new UsageError(`run needs a task: ${TASK_NAMES.join(', ')}`);
  }
  if (!values.once) throw new UsageError(`use \`run ${task} --once\``);
  return runTaskOnce(task as TaskName, args, io, who, values.json === true, values.verbose === true);
}

async function runTaskOnce(task: TaskName, args: string[], io: CliIo, who: CliUser, json: boolean, verbose: boolean): Promise<number> {
  const run = await withEngine(args, verbose, (started) => auditedTaskRun(started, who.user, task, io));
  io.out(json ? JSON.stringify(run) : formatRun(run));
  // skipped, busy, idle, fetched… are answers; an error, or a run the authority could not even record (id 0), is not.
  return run.outcome === 'error' || run.id === 0 ? EXIT.failed : EXIT.ok;
}

export async function runStatus(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {});
  const { snapshot, autoSync } = await withEngine(args, values.verbose === true, async (started) => ({
    snapshot: await started.engine.snapshot(),
    autoSync: started.config.autoSync,
  }));
  if (values.json) {
    io.out(JSON.stringify(snapshot));
    return EXIT.ok;
  }
  const { offlineSince, mirror } = snapshot.authority;
  if (offlineSince) {
    io.out(`authority: PostgreSQL offline since ${offlineSince}; the queue and runs below are this station's mirror, last caught up ${mirror?.lastSyncAt ?? 'never'}`);
  }
  io.out(`queue: ${snapshot.queue.count} batch(es) in the PLC`);
  for (const b of snapshot.queue.batches) {
    const state = b.statusManufacturing ? 'finished' : b.statusOperation ? 'failed' : 'in PLC';
    io.out(`  slot ${String(b.batchNo).padStart(2)}  ${b.moId.padEnd(16)} ${b.finishedGoods.padEnd(28)} ${b.quantityKg} kg  ${state}`);
  }
  io.out(`automatic sync (ENABLE_AUTO_SYNC): ${autoSync ? 'on' : 'off'}`);
  const paused = newWavesPausedReason(snapshot.newWaves);
  if (paused) io.out(paused);
  for (const [name, c] of Object.entries(snapshot.connections)) io.out(`${name}: ${c.state} — ${c.detail}`);
  io.out(`last sync: ${snapshot.lastSync ? formatRun(snapshot.lastSync) : 'none yet'}`);
  for (const warning of snapshot.warnings) io.out(`warning (${warning.kind}): ${warning.message}`);
  return EXIT.ok;
}

/** `wave resolve <hand-over|withdraw> --reason TEXT`: the console's Hand over / Withdraw of a wave-unconfirmed warning. */
export async function runWaveCommand(args: string[], io: CliIo, who: CliUser): Promise<number> {
  const { values, positionals } = parse(args, { reason: { type: 'string' } } as const);
  const [verb, action] = positionals;
  if (verb !== 'resolve' || !(WAVE_RESOLUTIONS as readonly (string | undefined)[]).includes(action)) {
    throw new UsageError(`use \`wave resolve <${WAVE_RESOLUTIONS.join('|')}> --reason TEXT\``);
  }
  const input = requests.resolveWave.input.safeParse({ action, reason: values.reason ?? '' });
  if (!input.success) throw new UsageError(`--reason: ${input.error.issues.map((issue) => issue.message).join('; ')}`);
  const run = await withEngine(args, values.verbose === true, (started) => started.backend.handlers.resolveWave(input.data, cliCredentials(who.user)));
  io.out(values.json ? JSON.stringify(run) : formatRun(run));
  // Only a resolved wave is done: refused, busy or still unconfirmed means the gate is still closed.
  return run.outcome === 'recovered' ? EXIT.ok : EXIT.failed;
}

/** `waves pause|resume --reason TEXT`: the console's Pause new waves, for the whole plant; PLC reading and booking go on. */
export async function runWavesCommand(args: string[], io: CliIo, who: CliUser): Promise<number> {
  const { values, positionals } = parse(args, { reason: { type: 'string' } } as const);
  const [verb] = positionals;
  if (verb !== 'pause' && verb !== 'resume') throw new UsageError('use `waves pause --reason TEXT` or `waves resume --reason TEXT`');
  const input = requests.setNewWavesPaused.input.safeParse({ paused: verb === 'pause', reason: values.reason ?? '' });
  if (!input.success) throw new UsageError(`--reason: ${input.error.issues.map((issue) => issue.message).join('; ')}`);
  const pause = await withEngine(args, values.verbose === true, (started) => started.backend.handlers.setNewWavesPaused(input.data, cliCredentials(who.user)));
  io.out(values.json ? JSON.stringify(pause) : (newWavesPausedReason(pause) ?? `New waves resumed at station ${pause.changedBy ?? '?'}: ${pause.reason ?? ''}`));
  return EXIT.ok;
}

export async function runHistory(args: string[], io: CliIo, who: CliUser): Promise<number> {
  const { values } = parse(args, {
    limit: { type: 'string', default: '20' },
    task: { type: 'string' },
    mo: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  } as const);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number 1..500');
  const task = values.task;
  if (task !== undefined && !(TASK_NAMES as readonly string[]).includes(task)) {
    throw new UsageError(`--task must be one of ${TASK_NAMES.join(', ')}`);
  }
  const filter = requests.listRuns.input.safeParse({
    pageSize: limit,
    ...(task ? { task } : {}),
    ...(values.mo !== undefined ? { moId: values.mo } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
  });
  if (!filter.success) throw new UsageError(filter.error.issues.map((issue) => `${flagOf(issue.path)}${issue.message}`).join('; '));
  const page = await withEngine(args, values.verbose === true, (started) => started.backend.handlers.listRuns(filter.data, cliCredentials(who.user)));
  if (values.json) io.out(JSON.stringify(page.items));
  else for (const run of page.items) io.out(formatRun(run));
  return EXIT.ok;
}

/** A contract field as the command line names it (moId is --mo), for a one-line mistake. */
export function flagOf(path: readonly PropertyKey[]): string {
  const [field] = path;
  if (field === undefined) return '';
  return `--${field === 'moId' ? 'mo' : String(field)}: `;
}

/** `alarms [--json]`: the alarms every station shows, in the console's order (the last known ones while the authority is away). */
export async function runAlarms(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {});
  const alarms = await withEngine(args, values.verbose === true, async (started) => (await started.engine.snapshot()).alarms);
  if (values.json) {
    io.out(JSON.stringify(alarms));
    return EXIT.ok;
  }
  if (alarms.length === 0) io.out('no alarms');
  for (const alarm of alarms) {
    const count = alarm.affected.length > 1 ? ` ×${alarm.affected.length}` : '';
    io.out(`${alarm.priority.padEnd(6)} ${alarm.state.padEnd(23)} ${alarm.key}${count}  raised ${alarm.lastRaisedAt}: ${alarm.message}`);
  }
  return EXIT.ok;
}

/** The built console: next to the bundled CLI (dist/cli.cjs → dist/renderer) or in the checkout's dist/. */
function findRendererDir(): string {
  const script = process.argv[1] ? dirname(resolve(process.argv[1])) : process.cwd();
  const candidates = [
    process.env.SMS_RENDERER_DIR,
    join(script, 'renderer'),
    join(script, '..', '..', 'dist', 'renderer'),
    join(process.cwd(), 'dist', 'renderer'),
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new UsageError('the console is not built yet: run `npm run build` first');
  return found;
}
