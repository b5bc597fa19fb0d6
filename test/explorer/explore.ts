/**
 * `npm run explore -- --schedules N --seed S` runs N schedules (seeds S, S+1, …)
 * and ends with `explored N schedules: V invariant violations` (exit 1 if V > 0);
 * `--replay SEED` runs one schedule and prints its whole trace.
 * `--mutation NAME` removes one safety mechanism, to see the explorer catch it.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MUTATION_NAMES, type MutationName } from './mutations';
import { runSchedule, type ScheduleResult } from './world';

const { values } = parseArgs({
  options: {
    schedules: { type: 'string', default: '100' },
    seed: { type: 'string' },
    replay: { type: 'string' },
    mutation: { type: 'string', default: 'none' },
    'stop-on-violation': { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
  },
});

function integer(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number ≥ 0 (got "${text}")`);
    process.exit(2);
  }
  return value;
}

if (!(MUTATION_NAMES as readonly string[]).includes(values.mutation)) {
  console.error(`--mutation must be one of ${MUTATION_NAMES.join(', ')} (got "${values.mutation}")`);
  process.exit(2);
}
const mutation = values.mutation as MutationName;

type Totals = ScheduleResult['stats'];
/** How a worker hands its totals to the parent. */
const TOTALS_PREFIX = 'totals ';

function describe(result: ScheduleResult): string {
  const s = result.stats;
  return `seed ${result.seed}: ${result.minutes} min, ${s.waves} waves, ${s.crashes} crashes, ${s.cliRuns} CLI runs, ${s.operatorActions} operator actions`;
}

if (values.replay !== undefined) {
  const result = await runSchedule({ seed: integer('replay', values.replay), mutation });
  console.log(result.trace.join('\n'));
  console.log(describe(result));
  for (const v of result.violations) console.log(`${v.invariant}: ${v.message}`);
  console.log(`explored 1 schedules: ${result.violations.length > 0 ? 1 : 0} invariant violations`);
  process.exit(result.violations.length > 0 ? 1 : 0);
}

const schedules = integer('schedules', values.schedules);
const firstSeed = values.seed === undefined ? Math.floor(Math.random() * 1e9) : integer('seed', values.seed);
const workers = Math.max(1, Math.min(integer('workers', values.workers) || cpus().length, schedules));
const started = Date.now();
const totals: Totals = { waves: 0, crashes: 0, cliRuns: 0, operatorActions: 0 };
const violated = workers > 1 ? await inWorkers() : await inThisProcess(firstSeed, schedules);
if (process.env.SMS_EXPLORE_WORKER) console.log(`${TOTALS_PREFIX}${JSON.stringify(totals)}`);
console.log(
  `seeds ${firstSeed}…${firstSeed + schedules - 1} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${totals.waves} waves, ${totals.crashes} console crashes, ${totals.cliRuns} CLI runs, ${totals.operatorActions} operator actions`,
);
console.log(`explored ${schedules} schedules: ${violated} invariant violations`);
process.exit(violated > 0 ? 1 : 0);

async function inThisProcess(seed: number, count: number): Promise<number> {
  let found = 0;
  for (let i = 0; i < count; i++) {
    const result = await runSchedule({ seed: seed + i, mutation });
    for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += result.stats[key];
    if (result.violations.length === 0) continue;
    found++;
    const [first] = result.violations;
    console.log(
      `✗ ${describe(result)}\n  ${first?.invariant}: ${first?.message}\n  last steps:\n    ${result.trace.slice(-25).join('\n    ')}\n  replay: npm run explore -- --replay ${result.seed}${mutation === 'none' ? '' : ` --mutation ${mutation}`}`,
    );
    if (values['stop-on-violation']) break;
  }
  return found;
}

/** Splits the seeds among child processes (schedules are independent; each is single-threaded). */
async function inWorkers(): Promise<number> {
  const share = Math.ceil(schedules / workers);
  const running: ReturnType<typeof spawn>[] = [];
  const children = Array.from({ length: workers }, (_, w) => {
    const seed = firstSeed + w * share;
    const count = Math.min(share, schedules - w * share);
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--schedules', String(count), '--seed', String(seed), '--mutation', mutation, '--workers', '1'];
    if (values['stop-on-violation']) args.push('--stop-on-violation');
    return new Promise<number>((resolve) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SMS_EXPLORE_WORKER: '1' } });
      running.push(child);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // One violation is all a mutation test needs: the other workers may stop.
        if (values['stop-on-violation'] && output.includes('✗')) for (const other of running) if (other !== child) other.kill();
      });
      child.on('close', (code) => {
        const lines = output.trimEnd().split('\n');
        const summary = lines.pop() ?? '';
        const shares = lines.find((line) => line.startsWith(TOTALS_PREFIX));
        if (shares) {
          const share = JSON.parse(shares.slice(TOTALS_PREFIX.length)) as Totals;
          for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += share[key];
        }
        const story = lines.filter((line) => !line.startsWith(TOTALS_PREFIX) && !line.startsWith('seeds '));
        if (story.length > 0) console.log(story.join('\n'));
        const count = /: (\d+) invariant violations$/.exec(summary)?.[1];
        resolve(count === undefined ? (code === 0 ? 0 : 1) : Number(count));
      });
    });
  });
  return (await Promise.all(children)).reduce((a, b) => a + b, 0);
}
