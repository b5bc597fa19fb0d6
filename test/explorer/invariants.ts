/**
 * The promises of the product, judged against the simulated plant (what the
 * PLC program and Odoo really did) rather than against the app's records:
 *
 * I1 the PLC takes each MO at most once;
 * I2 each MO's consumption is booked in Odoo at most once, and exactly once
 *    for every finished MO once the faults stop;
 * I3 no MO is both cancelled and booked; the archive says what Odoo got;
 * I4 once the faults stop, every MO Odoo lists is dispatched and the queue
 *    drains; a wave waiting for an operator says so at once;
 * I5 every run's reason is true of the state at that moment;
 * I6 the store and the PLC agree: the PLC never holds a handed-over wave the
 *    store does not know, and at the end every MO it ran is accounted for.
 */
import type { RunRecord } from '../../shared/domain';
import { plcMemoryMap } from '../../electron/plc/memory-map';
import { areaSpan, decodeWriteArea } from '../../electron/plc/wave-area';
import type { SimProcess } from './sim-process';
import type { World } from './world';

export interface Violation {
  invariant: 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6' | 'crash';
  message: string;
  at: number;
}

interface StoreView {
  queue: { moId: string; finished: boolean; failed: boolean; lastRead: string | null }[];
  history: Map<string, { status: string; notes: string | null }>;
  /** MO id → phase of the unresolved dispatch intent holding it. */
  intents: Map<string, string>;
  openOutbox: { moId: string; kind: string; state: string }[];
}

const UNRESOLVED = ['writing', 'verified', 'unconfirmed', 'conflict'];

function readStore(world: World): StoreView {
  const db = world.observer.connection;
  const queue = (
    db.prepare('SELECT mo_id, status_manufacturing, status_operation, last_read_from_plc FROM mo_batch').all() as {
      mo_id: string;
      status_manufacturing: number;
      status_operation: number;
      last_read_from_plc: string | null;
    }[]
  ).map((r) => ({ moId: r.mo_id, finished: r.status_manufacturing === 1, failed: r.status_operation === 1, lastRead: r.last_read_from_plc }));
  const history = new Map(
    (db.prepare('SELECT mo_id, status, notes FROM mo_histories').all() as { mo_id: string; status: string; notes: string | null }[]).map((r) => [
      r.mo_id,
      { status: r.status, notes: r.notes },
    ]),
  );
  const intents = new Map<string, string>();
  const rows = db.prepare(`SELECT phase, recipes FROM dispatch_intents WHERE phase IN (${UNRESOLVED.map(() => '?').join(',')})`).all(...UNRESOLVED) as {
    phase: string;
    recipes: string;
  }[];
  for (const row of rows) for (const recipe of JSON.parse(row.recipes) as { moId: string }[]) intents.set(recipe.moId, row.phase);
  const openOutbox = db
    .prepare(`SELECT mo_id AS moId, kind, state FROM odoo_outbox WHERE state IN ('pending', 'sending', 'quarantined')`)
    .all() as StoreView['openOutbox'];
  return { queue, history, intents, openOutbox };
}

const violation = (world: World, invariant: Violation['invariant'], message: string): Violation => ({ invariant, message, at: world.clock.now() });

/** After every step of the simulation. */
export function checkContinuously(world: World): Violation[] {
  const found: Violation[] = [];
  for (const [moId, times] of world.plc.takes) {
    if (times.length > 1 && moId !== '?') found.push(violation(world, 'I1', `the PLC took ${moId} ${times.length} times`));
  }
  for (const moId of world.odoo.state.moIds()) {
    const booked = world.odoo.state.bookedCount(moId);
    if (booked > 1) found.push(violation(world, 'I2', `Odoo booked the consumption of ${moId} ${booked} times`));
    if (booked > 0 && world.odoo.state.cancels(moId) > 0) found.push(violation(world, 'I3', `the app both cancelled ${moId} in Odoo and booked its consumption`));
  }
  if (world.plc.memory.read(plcMemoryMap.handshake.writeAreaAck, 1)[0] === 0) {
    const area = decodeWriteArea(world.plc.memory.read(areaSpan('write').first, areaSpan('write').count));
    const waiting = area.slots.map((s) => s.moId).filter((moId) => moId !== '');
    if (waiting.length > 0) {
      const store = readStore(world);
      const unknown = waiting.filter((moId) => !store.intents.has(moId) && !store.queue.some((b) => b.moId === moId) && !store.history.has(moId));
      if (unknown.length > 0) found.push(violation(world, 'I6', `the PLC holds a handed-over wave with ${unknown.join(', ')} that the store does not know`));
    }
  }
  return found;
}

/** The moment a run is recorded: is its reason true right now? */
export function checkAfterRun(world: World, run: RunRecord): Violation[] {
  const found: Violation[] = [];
  if (run.task === 'complete' && run.outcome === 'done') {
    const claimed = /completed ([^;]+)/.exec(run.reason)?.[1]?.split(', ') ?? [];
    for (const moId of claimed) {
      const booked = world.odoo.state.bookedCount(moId.trim());
      if (booked !== 1) found.push(violation(world, 'I5', `run ${run.id} says ${moId} was completed, but Odoo booked it ${booked} times`));
    }
  }
  if (run.task !== 'mo-sync') return found;
  const store = readStore(world);
  if (run.task === 'mo-sync' && run.outcome === 'fetched') {
    const missing = run.moIds.filter((moId) => !store.queue.some((b) => b.moId === moId) && !store.history.has(moId));
    if (missing.length > 0) found.push(violation(world, 'I5', `run ${run.id} says it fetched ${missing.join(', ')}, which are not in the queue`));
  }
  if (run.task === 'mo-sync' && run.outcome === 'skipped' && /waiting for the PLC/i.test(run.reason)) {
    const started = Date.parse(run.startedAt);
    const allDoneBefore = store.queue.length > 0 && store.queue.every((b) => (b.finished || b.failed) && b.lastRead !== null && Date.parse(b.lastRead) <= started);
    if (allDoneBefore) found.push(violation(world, 'I5', `run ${run.id} says it waits for the PLC, but the PLC had finished every queued batch before it started`));
  }
  if (run.task === 'mo-sync' && run.outcome === 'empty') {
    const fetchable = dispatchable(world).filter((moId) => !store.queue.some((b) => b.moId === moId) && !store.history.has(moId) && !store.intents.has(moId));
    if (fetchable.length > 0) found.push(violation(world, 'I5', `run ${run.id} says there are no new MOs, but Odoo lists ${fetchable.slice(0, 3).join(', ')} never dispatched`));
  }
  return found;
}

/** Checks that need the engine's own view (a snapshot), made right after the run. */
export async function checkAfterRunAsync(world: World, process: SimProcess, run: RunRecord): Promise<Violation[]> {
  if (run.task !== 'mo-sync' || !process.alive || process !== world.console) return [];
  const waiting = [...readStore(world).intents.entries()].filter(([, phase]) => phase === 'unconfirmed' || phase === 'conflict');
  if (waiting.length === 0) return [];
  const snapshot = await process.engine.snapshot();
  if (!process.alive) return [];
  if (snapshot.warnings.some((w) => w.kind === 'wave-unconfirmed')) return [];
  return [violation(world, 'I4', `a wave (${waiting.map(([moId]) => moId).join(', ')}) waits for an operator but the console shows no wave-unconfirmed warning`)];
}

/** Nothing left to do: the plant is quiet and every listed MO went through. */
export async function quiescent(world: World): Promise<boolean> {
  const store = readStore(world);
  if (store.queue.length > 0 || store.intents.size > 0 || store.openOutbox.length > 0) return false;
  return dispatchable(world).every((moId) => store.history.has(moId));
}

/** What Odoo lists that the PLC can run (a poison MO never can). */
function dispatchable(world: World): string[] {
  return world.odoo.state
    .listed(100_000, 0)
    .map((mo) => mo.mo_id)
    .filter((moId) => moId !== world.poison);
}

export async function checkAtEnd(world: World, timedOut: boolean): Promise<Violation[]> {
  const found: Violation[] = [];
  const store = readStore(world);
  if (timedOut) {
    const listed = dispatchable(world).filter((moId) => !store.history.has(moId));
    const parts = [
      store.queue.length > 0 ? `${store.queue.length} batches still queued (${store.queue.map((b) => b.moId).slice(0, 3).join(', ')})` : '',
      store.intents.size > 0 ? `unresolved wave (${[...store.intents.values()][0]})` : '',
      store.openOutbox.length > 0 ? `${store.openOutbox.length} Odoo calls open (${store.openOutbox.map((e) => `${e.kind} ${e.moId} ${e.state}`).slice(0, 3).join(', ')})` : '',
      listed.length > 0 ? `${listed.length} listed MOs never went through (${listed.slice(0, 3).join(', ')})` : '',
    ].filter(Boolean);
    found.push(violation(world, 'I4', `the plant did not settle after the faults stopped: ${parts.join('; ')}`));
  }
  const poisonListed = world.poison !== null && world.odoo.state.listed(100_000, 0).some((mo) => mo.mo_id === world.poison);
  if (poisonListed && !world.poisonNamed) found.push(violation(world, 'I5', `no run ever named ${world.poison}, which the PLC cannot take`));
  for (const moId of world.plc.finished) {
    const booked = world.odoo.state.bookedCount(moId);
    const archived = store.history.get(moId);
    const byOperator = archived?.status === 'cancelled';
    if (booked === 0 && !byOperator) found.push(violation(world, 'I2', `the PLC finished ${moId} but Odoo never booked it`));
  }
  for (const [moId, entry] of store.history) {
    const booked = world.odoo.state.bookedCount(moId);
    if (entry.status === 'completed' && booked !== 1) found.push(violation(world, 'I3', `the archive says ${moId} completed, Odoo booked it ${booked} times`));
    if (entry.status === 'cancelled' && booked !== 0) found.push(violation(world, 'I3', `the archive says ${moId} cancelled (${entry.notes ?? ''}), but Odoo booked it`));
  }
  for (const moId of world.plc.takes.keys()) {
    if (moId !== '?' && !store.history.has(moId) && !store.queue.some((b) => b.moId === moId)) {
      found.push(violation(world, 'I6', `the PLC ran ${moId} but the store has no record of it`));
    }
  }
  return found;
}
