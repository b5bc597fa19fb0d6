/**
 * What a sync costs when Odoo still lists thousands of MOs produced here ahead of the new ones (pitfall P8):
 * the whole Task 1 run — gate, Odoo list, PLC write — against the Odoo simulator over real HTTP with 20 ms
 * per request, the PLC in memory. Ours resumes Odoo's list at the remembered known prefix (wave-scan.ts);
 * the naive way reads the list from its start on every sync, as Task 1 did before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../electron/engine/clock';
import { RunRecorder, type TaskBody } from '../../electron/engine/task-runner';
import { createMoSyncTask } from '../../electron/engine/tasks/mo-sync/mo-sync-task';
import { toRecipe } from '../../electron/odoo/mo-recipe';
import { OdooClient } from '../../electron/odoo/odoo-client';
import type { OdooMo } from '../../electron/odoo/odoo-replies';
import { seedMos } from '../../electron/odoo/odoo-seed-mos';
import { startOdooSimulator, type OdooSimulator } from '../../electron/odoo/odoo-simulator';
import { DmMemory } from '../../electron/plc/dm-memory';
import { plcMemoryMap } from '../../electron/plc/memory-map';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import { MemoryPlcLink } from '../../test/support/memory-plc-link';
import { MemoryLog } from '../../test/support/silent-log';
import { formatMs, ratio } from '../bench-report';
import type { SectionResult } from '../bench-section';
import { median } from '../measure-contender';

const TITLE = 'Odoo listing: a sync with N produced MOs listed ahead of 10 new (Odoo sim, 20 ms/request)';
const LATENCY_MS = 20;
const NEW_MOS = 10;
const BACKLOGS = [1_000, 10_000] as const;
/** Timed syncs per row, after untimed ones (the first also lets ours learn the prefix); the naive ones take seconds each. */
const REPETITIONS = { fast: 10, naive: 3 } as const;
const WARM_UP = { fast: 3, naive: 1 } as const;

interface Measured {
  label: string;
  requests: number;
  bytes: number;
  ms: number;
}

export async function benchOdooListing(): Promise<SectionResult> {
  try {
    const minimum = await withPlant(0, (plant) => measure(plant, 'minimum: nothing ahead, one page of 10 MOs', false, 'fast'));
    const rows: Measured[] = [minimum];
    for (const backlog of BACKLOGS) {
      await withPlant(backlog, async (plant) => {
        const ahead = backlog.toLocaleString('en');
        rows.push(await measure(plant, `ours: ${ahead} ahead`, false, 'fast'));
        rows.push(await measure(plant, `naive (from the start): ${ahead} ahead`, true, 'naive'));
      });
    }
    const sorted = [minimum, ...rows.slice(1).filter((r) => r.label.startsWith('ours')), ...rows.slice(1).filter((r) => r.label.startsWith('naive'))];
    return {
      kind: 'table',
      title: TITLE,
      header: ['requests', 'KB', 'ratio', 'wall ms', 'ratio'],
      rows: sorted.map((r) => [r.label, String(r.requests), (r.bytes / 1024).toFixed(0), ratio(r.bytes, minimum.bytes), formatMs(r.ms), ratio(r.ms, minimum.ms)]),
      notes: [
        `Wall time = median of ${REPETITIONS.fast} syncs (naive: ${REPETITIONS.naive}) after ${WARM_UP.fast} untimed ones (naive: ${WARM_UP.naive}), each a whole Task 1 run (gate lock, queue count, PLC handshake, Odoo list, dispatch intent, wave write, hand-over, commit) on a SQLite authority, the PLC in memory. Requests and KB = mo-list-detailed requests and reply bytes of one sync.`,
        'The MOs produced here are archived in mo_histories and still listed by Odoo ahead of the new ones (P8). Between syncs the wave is taken out of the queue again, so every sync dispatches the same 10 new MOs.',
        "Ours reads one page starting 3 MOs before the remembered prefix's end (to check they are still there) — once per process it reads the whole list like the naive way, and again when Odoo's list changed before the prefix or ten minutes have passed.",
        'Naive = the same scan without the remembered prefix; its pages overlap by 3 MOs, so 104 requests for 10,000 where the scan before the prefix made 100.',
      ],
    };
  } catch (error) {
    return { kind: 'failed', title: TITLE, reason: (error as Error).message };
  }
}

interface Plant {
  sim: OdooSimulator;
  store: SqliteStore;
  memory: DmMemory;
  odoo: OdooClient;
  received: { bytes: number };
}

/** `backlog` MOs produced here and still listed, then the new ones; everything torn down afterwards. */
async function withPlant<T>(backlog: number, work: (plant: Plant) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-bench-listing-'));
  const mos = seedMos(backlog + NEW_MOS);
  const sim = await startOdooSimulator({ mos });
  const store = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
  try {
    const insert = store.connection.prepare(
      `INSERT INTO mo_histories (id, batch_no, mo_id, consumption, equipment_id_batch, status, archived_at)
       VALUES (?, 1, ?, 1000, 'PLC01', 'completed', '2026-11-01T00:00:00.000Z')`,
    );
    store.connection.transaction(() => mos.slice(0, backlog).forEach((mo, i) => insert.run(`earlier-${i}`, mo.mo_id)))();
    sim.faults.latencyMs = LATENCY_MS;
    const received = { bytes: 0 };
    const { db, username, password } = sim.state.credentials;
    const odoo = new OdooClient({ baseUrl: sim.url, db, username, password, fetch: countingFetch(received) });
    return await work({ sim, store, memory: new DmMemory(), odoo, received });
  } finally {
    await store.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(plant: Plant, label: string, naive: boolean, pace: keyof typeof REPETITIONS): Promise<Measured> {
  const { store, memory, sim } = plant;
  const task: TaskBody = createMoSyncTask<OdooMo>({
    store,
    plc: new MemoryPlcLink(memory),
    odoo: { listMos: (limit, offset) => plant.odoo.listMos(limit, offset) },
    toRecipe,
    clock: systemClock,
    station: 'bench',
    batchLimit: NEW_MOS,
    log: new MemoryLog(),
    listFromStart: naive,
  });
  const recorder = new RunRecorder({ store, clock: systemClock, station: 'bench', pid: process.pid, onRun: () => undefined });
  const times: number[] = [];
  let cost = { requests: 0, bytes: 0 };
  for (let i = 0; i < WARM_UP[pace] + REPETITIONS[pace]; i++) {
    // The queue empty and the PLC ready again: the same 10 new MOs are the next wave.
    store.connection.exec('DELETE FROM mo_batch; DELETE FROM dispatch_intents');
    memory.write(plcMemoryMap.handshake.writeAreaAck, [1]);
    const [requestsBefore, bytesBefore] = [sim.state.requestCount('mo-list-detailed'), plant.received.bytes];
    const started = performance.now();
    const run = await recorder.run('mo-sync', 'manual', task);
    const ms = performance.now() - started;
    if (run.outcome !== 'fetched' || run.moIds?.length !== NEW_MOS) throw new Error(`${label}: the sync did not fetch the ${NEW_MOS} new MOs (${run.outcome}: ${run.reason})`);
    if (i < WARM_UP[pace]) continue;
    times.push(ms);
    cost = { requests: sim.state.requestCount('mo-list-detailed') - requestsBefore, bytes: plant.received.bytes - bytesBefore };
  }
  return { label, ...cost, ms: median(times) };
}

/** Counts the reply bytes as the client reads them. */
function countingFetch(received: { bytes: number }): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        received.bytes += chunk.byteLength;
        out.enqueue(chunk);
      },
    });
    return new Response(response.body?.pipeThrough(counter) ?? null, response);
  }) as typeof fetch;
}
