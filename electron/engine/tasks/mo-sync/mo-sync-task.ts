/**
 * Task 1 — the gate (../shared/DESIGN.md "Task 1"): fetch MOs from Odoo only
 * when `mo_batch` is empty, and dispatch them so that no MO is ever run
 * twice. Every trigger (timer, Sync now, CLI, another station) comes through
 * here and through the one lock.
 *
 * Crash safety rests on the dispatch intent: it is recorded before the first
 * PLC write and moves to `verified` before the hand-over word is written, so
 * a restart always knows whether the PLC could have been given the wave
 * (see reconcile-decision.ts).
 */
import type { BatchRecipe } from '../../../../shared/domain';
import { clearWave, handOverWave, readWriteArea, writeAreaReadiness, writeWave } from '../../../plc/wave-io';
import type { RecipeResult } from '../../../odoo/mo-recipe';
import type { PlcLink } from '../../../plc/plc-link';
import type { AuthorityStore, DispatchIntent } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { EngineLog } from '../../engine-log';
import { errorMessage, type TaskBody, type TaskResult } from '../../task-runner';
import { reconcileIntents } from './reconcile-intents';
import { abbreviate, describeDropped, emptySelection, selectFromPage, type ListedMo, type WaveSelection } from './wave-selection';

/** The points where a crash test may kill the process (test/integration/engine/mo-sync-crash.test.ts). */
export const MO_SYNC_STEPS = [
  'locked',
  'counted',
  'plc-checked',
  'fetched',
  'intent-recorded',
  'slots-written',
  'verified',
  'handed-over',
  'committed',
] as const;
export type MoSyncStep = (typeof MO_SYNC_STEPS)[number];

/** Odoo keeps listing booked MOs (P8); look this many pages deep for new ones before giving up. */
const MAX_LIST_PAGES = 20;

export interface MoSource<M extends ListedMo> {
  listMos(limit: number, offset: number): Promise<M[]>;
}

export interface MoSyncDeps<M extends ListedMo> {
  store: AuthorityStore;
  plc: PlcLink;
  odoo: MoSource<M>;
  toRecipe(mo: M, batchNo: number): RecipeResult;
  clock: Clock;
  station: string;
  batchLimit: number;
  log: EngineLog;
  /** Called after each step; crash tests kill the process here. */
  checkpoint?: (step: MoSyncStep) => void;
}

export function createMoSyncTask<M extends ListedMo>(deps: MoSyncDeps<M>): TaskBody {
  const reached = (step: MoSyncStep) => deps.checkpoint?.(step);
  const iso = () => new Date(deps.clock.now()).toISOString();

  return async ({ runId }) => {
    const lock = await deps.store.tryAcquireSyncLock();
    if (!lock) return { outcome: 'busy', reason: 'another sync is running right now; nothing was fetched twice' };
    try {
      reached('locked');
      const unresolved = await deps.store.unresolvedIntents();
      if (unresolved.length > 0) return await reconcileIntents(deps, unresolved);

      const queueCount = await deps.store.countQueue();
      reached('counted');
      if (queueCount > 0) {
        return {
          outcome: 'skipped',
          queueCount,
          reason: `${queueCount} ${queueCount === 1 ? 'batch is' : 'batches are'} still in the queue; waiting for the PLC to finish them`,
        };
      }

      const area = await readWriteArea(deps.plc);
      const readiness = writeAreaReadiness(area);
      reached('plc-checked');
      if (!readiness.free) return { outcome: 'skipped', queueCount, reason: readiness.reason };

      const selection = await fetchWave(deps);
      reached('fetched');
      if (selection.recipes.length === 0) {
        const dropped = describeDropped(selection.dropped);
        return { outcome: 'empty', queueCount, reason: dropped ? `no new MOs in Odoo; ${dropped}` : 'Odoo lists no open MOs' };
      }

      const intent = await deps.store.recordIntent(runId, deps.station, selection.recipes, iso());
      reached('intent-recorded');
      await dispatch(deps, intent, area, reached);
      return fetchedResult(selection, queueCount);
    } finally {
      await lock.release();
    }
  };

  async function dispatch(
    d: MoSyncDeps<M>,
    intent: DispatchIntent,
    area: Awaited<ReturnType<typeof readWriteArea>>,
    step: (s: MoSyncStep) => void,
  ): Promise<void> {
    try {
      await writeWave(d.plc, intent.recipes, area);
      step('slots-written');
    } catch (error) {
      throw new Error(`${errorMessage(error)}; ${await withdraw(d, intent, area)}`);
    }
    await d.store.setIntentPhase(intent.id, 'verified', iso());
    step('verified');
    try {
      await handOverWave(d.plc);
      step('handed-over');
      await d.store.commitWave(intent.id, 'committed', iso());
      step('committed');
    } catch (error) {
      // The PLC may have the wave (a lost reply is not a lost write): only reconciliation may decide.
      throw new Error(`${errorMessage(error)}; the wave stays recorded and will be reconciled with the PLC before the next dispatch`);
    }
  }

  async function withdraw(d: MoSyncDeps<M>, intent: DispatchIntent, area: Awaited<ReturnType<typeof readWriteArea>>): Promise<string> {
    try {
      await clearWave(d.plc, area);
      await d.store.setIntentPhase(intent.id, 'abandoned', iso());
      return 'the unverified wave was cleared from the PLC and nothing was queued';
    } catch (error) {
      d.log.warn('could not withdraw an unverified wave', { error: errorMessage(error) });
      return 'the unverified wave could not be cleared yet and will be reconciled with the PLC before the next dispatch';
    }
  }
}

async function fetchWave<M extends ListedMo>(deps: MoSyncDeps<M>): Promise<WaveSelection> {
  const selection = emptySelection();
  for (let page = 0; page < MAX_LIST_PAGES && selection.recipes.length < deps.batchLimit; page++) {
    const mos = await deps.odoo.listMos(deps.batchLimit, page * deps.batchLimit);
    const known = await deps.store.knownMoIds(mos.map((mo) => mo.mo_id));
    selectFromPage(selection, mos, known, deps.batchLimit, deps.toRecipe);
    if (mos.length < deps.batchLimit) break;
  }
  for (const note of selection.notes) deps.log.info(note);
  return selection;
}

function fetchedResult(selection: WaveSelection, queueCount: number): TaskResult {
  const ids = selection.recipes.map((r: BatchRecipe) => r.moId);
  const slots = ids.length === 1 ? 'slot 1' : `slots 1–${ids.length}`;
  const dropped = describeDropped(selection.dropped);
  return {
    outcome: 'fetched',
    queueCount,
    moIds: ids,
    reason: `fetched ${ids.length} MO${ids.length === 1 ? '' : 's'} (${abbreviate(ids)}) into PLC ${slots}${dropped ? `; ${dropped}` : ''}`,
  };
}
