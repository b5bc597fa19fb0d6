/**
 * Run history at 10 k / 100 k / 1 M run records (a month at the demo's timers is ~2 M): the CLI's
 * `status` and `history` (the real bundled CLI, spawned), and in-process the bridge's listRuns
 * page, search by MO and getSnapshot — ours, the naive way (OFFSET + COUNT, a LIKE over the log, a
 * snapshot rebuilt from ten run queries) and the minimum (the same on a fresh store).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { startEngine, type StartedEngine } from '../../electron/engine/start-engine';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import { runCli } from '../../test/support/cli-bundle';
import { formatMs, ratio } from '../bench-report';
import type { SectionResult } from '../bench-section';
import { median } from '../measure-contender';
import { fillRunLog } from '../run-log-fill';

const SIZES = [10_000, 100_000, 1_000_000];
const CLI_RUNS = 5;
const CALLS = 60;
const NAIVE_CALLS = 8;
const PAGE = 25;
const DB_FILE = 'smart-mo-sync.db';

interface Figures {
  status: number;
  history: number;
  page: number[];
  snapshot: number[];
  naivePage: number[];
  naiveSnapshot: number[];
  moSearch: number[];
  naiveMoSearch: number[];
}

export async function benchRunHistory(): Promise<SectionResult> {
  const title = 'Run history: CLI status/history, listRuns page, getSnapshot (ms)';
  try {
    const fresh = await measure(0);
    const sized = [];
    for (const runs of SIZES) sized.push({ runs, figures: await measure(runs) });
    const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? 0;
    const rows: string[][] = [
      ['fresh store (minimum): CLI status / history', formatMs(fresh.status), formatMs(fresh.history), '', '', '', ''],
      ['fresh store (minimum): listRuns page / getSnapshot p50, p95', formatMs(p(fresh.page, 0.5)), formatMs(p(fresh.page, 0.95)), '', formatMs(p(fresh.snapshot, 0.5)), formatMs(p(fresh.snapshot, 0.95)), ''],
      ['fresh store (minimum): search by MO p50, p95', formatMs(p(fresh.moSearch, 0.5)), formatMs(p(fresh.moSearch, 0.95)), '', '', '', ''],
    ];
    for (const { runs, figures: f } of sized) {
      const label = runs.toLocaleString('en');
      rows.push(
        [`${label} runs: CLI status / history`, formatMs(f.status), formatMs(f.history), `${ratio(f.status, fresh.status)} / ${ratio(f.history, fresh.history)}`, '', '', ''],
        [`${label} runs: ours listRuns page / getSnapshot p50, p95`, formatMs(p(f.page, 0.5)), formatMs(p(f.page, 0.95)), ratio(p(f.page, 0.95), p(fresh.page, 0.95)), formatMs(p(f.snapshot, 0.5)), formatMs(p(f.snapshot, 0.95)), ratio(p(f.snapshot, 0.95), p(fresh.snapshot, 0.95))],
        [`${label} runs: naive (OFFSET + COUNT / ten run queries)`, formatMs(p(f.naivePage, 0.5)), formatMs(p(f.naivePage, 0.95)), ratio(p(f.naivePage, 0.95), p(fresh.page, 0.95)), formatMs(p(f.naiveSnapshot, 0.5)), formatMs(p(f.naiveSnapshot, 0.95)), ratio(p(f.naiveSnapshot, 0.95), p(fresh.snapshot, 0.95))],
        [`${label} runs: search by MO, ours p50, p95`, formatMs(p(f.moSearch, 0.5)), formatMs(p(f.moSearch, 0.95)), ratio(p(f.moSearch, 0.95), p(fresh.moSearch, 0.95)), '', '', ''],
        [`${label} runs: search by MO, naive (LIKE over mo_ids)`, formatMs(p(f.naiveMoSearch, 0.5)), formatMs(p(f.naiveMoSearch, 0.95)), ratio(p(f.naiveMoSearch, 0.95), p(fresh.moSearch, 0.95)), '', '', ''],
      );
    }
    return {
      kind: 'table',
      title,
      header: ['p50 / status', 'p95 / history', 'ratio', 'snap p50', 'snap p95', 'ratio'],
      rows,
      notes: [
        `CLI = the bundled CLI spawned on the data directory (median of ${CLI_RUNS}; node start-up included), ratios against a fresh store. Goal: ≤ 1.3×.`,
        `listRuns page = the bridge's handler, ${PAGE} mo-sync runs, alternately the newest and one from the middle of the log (keyset: before = a run id); naive = the old COUNT(*) + LIMIT/OFFSET to the same page. Goal p95 ≤ 10 ms.`,
        `search by MO = the bridge's listRuns with moId (${PAGE} runs), alternately an MO of the newest wave and one from the middle of the log (the runs of that MO, sync_run_mos); naive = the same page with mo_ids LIKE '%"MO"%', which reads the log from the newest run back to that MO's. Goal p95 ≤ 10 ms.`,
        `getSnapshot = the bridge's handler right after another process recorded a run (so the run log changed every time); naive = the ten run look-ups the old snapshot made (outcome IN (...)) plus its queue, outbox and intent reads. ${CALLS} calls (naive ${NAIVE_CALLS}).`,
        'The log is filled with one INSERT … SELECT in one transaction (a million runs in ~4 s); the store then migrates and builds its indexes once per size.',
      ],
    };
  } catch (error) {
    return { kind: 'failed', title, reason: (error as Error).message };
  }
}

async function measure(runs: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-bench-runs-'));
  try {
    const file = join(dir, DB_FILE);
    await new SqliteStore({ file, lockFile: join(dir, 'sync-gate.lock') }).close();
    if (runs > 0) fillRunLog(file, runs, Date.now());
    const env = { HOME: dir };
    const status = median(await repeat(CLI_RUNS, () => runCli(['status', '--data-dir', dir], env)));
    const history = median(await repeat(CLI_RUNS, () => runCli(['history', '--limit', '20', '--data-dir', dir], env)));
    const started = await startEngine({ argv: ['--data-dir', dir], env, schedule: false });
    const peer = new SqliteStore({ file, lockFile: join(dir, 'sync-gate.lock') });
    const raw = new Database(file, { readonly: true });
    try {
      return { status, history, ...(await inProcess(started, peer, raw, runs)) };
    } finally {
      raw.close();
      await peer.close();
      await started.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function inProcess(started: StartedEngine, peer: SqliteStore, raw: Database.Database, runs: number) {
  const { handlers } = started.backend;
  const middle = Math.max(1, Math.floor(runs / 2));
  const page = await repeat(CALLS, (i) => handlers.listRuns({ pageSize: PAGE, task: 'mo-sync', ...(i % 2 ? { before: middle } : {}) }));
  // The old listRuns: counts every match, then skips to the page.
  const offset = Math.floor(runs / 10);
  const naivePage = await repeat(NAIVE_CALLS, async () => {
    raw.prepare(`SELECT COUNT(*) AS n FROM sync_runs WHERE finished_at IS NOT NULL AND task = ?`).get('mo-sync');
    raw.prepare(`SELECT * FROM sync_runs WHERE finished_at IS NOT NULL AND task = ? ORDER BY id DESC LIMIT ? OFFSET ?`).all('mo-sync', PAGE, offset);
  });
  // fillRunLog names one MO in every 500th run (a fetched wave): WH/MO/<run number>.
  const moOf = (i: number) => `WH/MO/${Math.max(500, Math.floor((i % 2 ? runs / 2 : runs) / 500) * 500)}`;
  const moSearch = await repeat(CALLS, (i) => handlers.listRuns({ pageSize: PAGE, moId: moOf(i) }));
  const naiveMoSearch = await repeat(NAIVE_CALLS, async (i) => {
    raw.prepare(`SELECT * FROM sync_runs WHERE finished_at IS NOT NULL AND mo_ids LIKE ? ORDER BY id DESC LIMIT ?`).all(`%"${moOf(i)}"%`, PAGE);
  });
  const snapshot: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const id = await peer.startRun({ task: 'plc-read', trigger: 'cli', station: 'bench', pid: 1, startedAt: new Date().toISOString() });
    await peer.finishRun(id, { outcome: 'idle', reason: 'nothing to read back', finishedAt: new Date().toISOString() });
    snapshot.push(...(await repeat(1, () => handlers.getSnapshot())));
  }
  const naiveSnapshot = await repeat(NAIVE_CALLS, () => naiveRebuild(peer, raw));
  return { page, snapshot, naivePage, naiveSnapshot, moSearch, naiveMoSearch };
}

/** The old snapshot's reads: every task's last run, the last sync, good PLC read and dispatch (IN lists), queue, outbox, intents. */
async function naiveRebuild(store: SqliteStore, raw: Database.Database): Promise<void> {
  const last = (task: string, outcomes: string[] = []) =>
    raw
      .prepare(`SELECT * FROM sync_runs WHERE task = ? AND finished_at IS NOT NULL ${outcomes.length ? `AND outcome IN (${outcomes.map(() => '?').join(',')})` : ''} ORDER BY id DESC LIMIT 1`)
      .get(task, ...outcomes);
  for (const task of ['mo-sync', 'plc-read', 'complete', 'health', 'equipment-failure', 'log-cleanup']) last(task);
  last('mo-sync');
  last('plc-read', ['done', 'idle']);
  last('mo-sync', ['fetched', 'recovered']);
  await Promise.all([store.listQueue(), store.listOutbox(['pending', 'sending']), store.listOutbox(['quarantined']), store.unresolvedIntents()]);
}

async function repeat(times: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work(i);
    ms.push(performance.now() - started);
  }
  return ms;
}
