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
import { newWavesPausedReason } from './new-waves-pause';
import { describeQueueBlockers } from './queue-blockers';
import { reconcileIntents } from './reconcile-intents';
import { settleHandOver } from './settle-wave';
import { scanForWave, type KnownPrefix, type MoSource } from './wave-scan';
import { abbreviate, describeEmpty, describeSkipped, knownListed, type ListedMo, type WaveSelection } from './wave-selection';

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

export type { MoSource } from './wave-scan';

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
  /** MOs the last PLC reading finished with an implausible value: queued but waiting for an operator, not the PLC. */
  heldFinishes?: () => ReadonlySet<string>;
  /** Told after each scan how many MOs Odoo still lists that were produced or archived here (the odoo-backlog warning). */
  onOdooBacklog?: (count: number) => void;
  /** Read Odoo's list from its start on every sync, as before the known prefix (wave-scan.ts): the bench's naive way. */
  listFromStart?: boolean;
}

export function createMoSyncTask<M extends ListedMo>(deps: MoSyncDeps<M>): TaskBody {
  const reached = (step: MoSyncStep) => deps.checkpoint?.(step);
  const iso = () => new Date(deps.clock.now()).toISOString();
  // In memory: a restart costs one read of the whole list, after which the prefix is known again.
  let knownPrefix: KnownPrefix | null = null;

  return async ({ runId }) => {
    const lock = await deps.store.tryAcquireSyncLock();
    if (!lock) return { outcome: 'busy', reason: 'another sync is running right now; nothing was fetched twice' };
    try {
      reached('locked');
      const unresolved = await deps.store.unresolvedIntents();
      if (unresolved.length > 0) return await reconcileIntents(deps, unresolved, lock.epoch);

      const queueCount = await deps.store.countQueue();
      reached('counted');
      // Read under the lock and before Odoo is asked: no trigger, from any station, can get past an operator's pause.
      const paused = await pausedReason();
      if (paused) return { outcome: 'skipped', queueCount, reason: paused };
      if (queueCount > 0) {
        const [queue, outbox] = await Promise.all([deps.store.listQueue(), deps.store.listOutbox(['pending', 'sending', 'quarantined'])]);
        return { outcome: 'skipped', queueCount, reason: describeQueueBlockers(queue, outbox, deps.heldFinishes?.()) };
      }

      const area = await readWriteArea(deps.plc);
      const readiness = writeAreaReadiness(area);
      reached('plc-checked');
      if (!readiness.free) return { outcome: 'skipped', queueCount, reason: readiness.reason };

      const selection = await fetchWave();
      reached('fetched');
      if (selection.recipes.length === 0) return { outcome: 'empty', queueCount, reason: describeEmpty(selection) };
      // Paused while Odoo was being read: nothing has touched the PLC yet, so nothing goes.
      const pausedMeanwhile = await pausedReason();
      if (pausedMeanwhile) return { outcome: 'skipped', queueCount, reason: pausedMeanwhile };

      const intent = await deps.store.recordIntent(runId, deps.station, selection.recipes, iso(), lock.epoch);
      reached('intent-recorded');
      const settled = await dispatch(deps, intent, area, reached, lock.epoch);
      const fetched = fetchedResult(selection, queueCount);
      return settled === null ? fetched : { ...fetched, reason: `${fetched.reason}; ${settled}` };
    } finally {
      await lock.release();
    }
  };

  async function pausedReason(): Promise<string | null> {
    return newWavesPausedReason(await deps.store.newWavesPause());
  }

  async function fetchWave(): Promise<WaveSelection> {
    const scan = await scanForWave(deps, deps.listFromStart ? null : knownPrefix, deps.clock.now());
    knownPrefix = scan.prefix;
    if (scan.listMoved) deps.log.info("Odoo's list changed ahead of where the last sync stopped reading it, so it was read from the start");
    deps.onOdooBacklog?.(knownListed(scan.selection));
    for (const note of scan.selection.notes) deps.log.info(note);
    return scan.selection;
  }

  async function dispatch(
    d: MoSyncDeps<M>,
    intent: DispatchIntent,
    area: Awaited<ReturnType<typeof readWriteArea>>,
    step: (s: MoSyncStep) => void,
    epoch: number,
  ): Promise<string | null> {
    try {
      await writeWave(d.plc, intent.recipes, area);
      step('slots-written');
    } catch (error) {
      throw new Error(`${errorMessage(error)}; ${await withdraw(d, intent, area, epoch)}`);
    }
    await d.store.setIntentPhase(intent.id, 'verified', iso(), epoch);
    step('verified');
    try {
      await handOverWave(d.plc);
    } catch (error) {
      // Sent once and never again: the PLC may have the wave (a lost reply is not a lost write), so read where it is.
      const settled = await settleHandOver(d, intent, error, epoch);
      if (!settled.queued) throw new Error(settled.reason);
      return settled.reason;
    }
    step('handed-over');
    try {
      await d.store.commitWave(intent.id, 'committed', iso(), epoch);
    } catch (error) {
      throw new Error(`${errorMessage(error)}; the PLC has the wave, which stays recorded and is adopted into the queue before the next dispatch`);
    }
    step('committed');
    return null;
  }

  async function withdraw(d: MoSyncDeps<M>, intent: DispatchIntent, area: Awaited<ReturnType<typeof readWriteArea>>, epoch: number): Promise<string> {
    try {
      await clearWave(d.plc, area);
      await d.store.setIntentPhase(intent.id, 'abandoned', iso(), epoch);
      return 'the unverified wave was cleared from the PLC and nothing was queued';
    } catch (error) {
      d.log.warn('could not withdraw an unverified wave', { error: errorMessage(error) });
      return 'the unverified wave could not be cleared yet and will be reconciled with the PLC before the next dispatch';
    }
  }
}

function fetchedResult(selection: WaveSelection, queueCount: number): TaskResult {
  const ids = selection.recipes.map((r: BatchRecipe) => r.moId);
  const slots = ids.length === 1 ? 'slot 1' : `slots 1–${ids.length}`;
  const dropped = describeSkipped(selection);
  return {
    outcome: 'fetched',
    queueCount,
    moIds: ids,
    reason: `fetched ${ids.length} MO${ids.length === 1 ? '' : 's'} (${abbreviate(ids)}) into PLC ${slots}${dropped ? `; ${dropped}` : ''}`,
  };
}
