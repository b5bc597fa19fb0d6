/**
 * An operator resolves a wave held for them (unconfirmed hand-over or
 * conflict): "Hand over" or "Withdraw", with a reason. Recorded as a mo-sync
 * run and done under the sync lock, like every other change to the gate. The
 * hand-over is sent once and, unanswered, settled by reading the PLC.
 */
import { clearWave, handOverWave, writeWave } from '../../../plc/wave-io';
import type { DispatchIntent } from '../../../store/authority-store';
import type { TaskBody, TaskResult } from '../../task-runner';
import type { ReconcileDeps } from './reconcile-intents';
import type { WaveResolution } from '../../../../shared/domain';
import { decideResolution } from './resolve-decision';
import { isHeld, now, readWaveView, settleHandOver, type WaveReading } from './settle-wave';
import { abbreviate } from './wave-selection';

/** `actor` names who resolved it in the run's reason, e.g. "supervisor Sari at ST-1". */
export function createWaveResolution(deps: ReconcileDeps, action: WaveResolution, reason: string, actor = 'an operator'): TaskBody {
  return async () => {
    const lock = await deps.store.tryAcquireSyncLock();
    if (!lock) return { outcome: 'busy', reason: 'another sync is running right now; nothing was resolved, try again in a moment' };
    try {
      const intent = (await deps.store.unresolvedIntents()).find(isHeld);
      if (!intent) return { outcome: 'skipped', reason: 'no wave is waiting for an operator; nothing was done' };
      const by = `${action === 'hand-over' ? 'Hand over' : 'Withdraw'} by ${actor} ("${reason}")`;
      const reading = await readWaveView(deps.plc);
      const step = decideResolution(action, intent.recipes, reading.view);
      const moIds = intent.recipes.map((r) => r.moId);
      switch (step.kind) {
        case 'refuse':
          return { outcome: 'skipped', reason: `${by} refused: ${step.reason}` };
        case 'adopt':
          await deps.store.commitWave(intent.id, 'adopted', now(deps), lock.epoch);
          return { outcome: 'recovered', moIds, reason: `${by}: ${action === 'withdraw' ? 'not withdrawn, ' : ''}${step.reason}` };
        case 'withdraw':
          await clearWave(deps.plc, reading.area);
          await deps.store.setIntentPhase(intent.id, 'abandoned', now(deps), lock.epoch);
          return { outcome: 'recovered', reason: `${by}: ${abbreviate(moIds)} cleared from the PLC's WRITE area; these MOs will be fetched again` };
        case 'hand-over':
          return await handOver(deps, intent, reading, step.rewrite, by, lock.epoch);
      }
    } finally {
      await lock.release();
    }
  };
}

async function handOver(deps: ReconcileDeps, intent: DispatchIntent, reading: WaveReading, rewrite: boolean, by: string, epoch: number): Promise<TaskResult> {
  const moIds = intent.recipes.map((r) => r.moId);
  // The WRITE area lost the wave: write and verify it again first; the hand-over must never point the PLC at other recipes.
  if (rewrite) await writeWave(deps.plc, intent.recipes, reading.area);
  try {
    await handOverWave(deps.plc);
  } catch (error) {
    const settled = await settleHandOver(deps, intent, error, epoch);
    return settled.queued ? { outcome: 'recovered', moIds, reason: `${by}: ${settled.reason}` } : { outcome: 'error', reason: `${by}: ${settled.reason}` };
  }
  await deps.store.commitWave(intent.id, 'adopted', now(deps), epoch);
  return { outcome: 'recovered', moIds, reason: `${by}: ${abbreviate(moIds)} ${rewrite ? 'written again and ' : ''}handed over to the PLC and queued` };
}
