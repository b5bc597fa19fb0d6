/**
 * Resolves dispatch intents left open by a crash or a lost PLC reply, against
 * what the PLC holds right now, and re-checks waves held for an operator
 * (the PLC may have taken one meanwhile). Runs under the sync lock: at start-up, and at
 * the start of any sync that finds one (no new wave is dispatched until every
 * earlier one is accounted for).
 */
import { clearWave } from '../../../plc/wave-io';
import type { PlcLink } from '../../../plc/plc-link';
import type { AuthorityStore, DispatchIntent } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { EngineLog } from '../../engine-log';
import { errorMessage, type TaskResult } from '../../task-runner';
import { decideReconcile } from './reconcile-decision';
import { holdForOperator, readWaveView, type WaveReading } from './settle-wave';

export interface ReconcileDeps {
  store: AuthorityStore;
  plc: PlcLink;
  clock: Clock;
  log: EngineLog;
}

/**
 * `epoch`: the caller's SyncLock.epoch, carried by every gate write (fencing).
 * A wave the PLC shows no trace of stays held (unconfirmed or conflict) and
 * keeps the gate closed: the run is skipped with the operator's action.
 */
export async function reconcileIntents(deps: ReconcileDeps, intents: readonly DispatchIntent[], epoch: number): Promise<TaskResult> {
  const reasons: string[] = [];
  const moIds: string[] = [];
  let held = false;
  for (const intent of intents) {
    let reading: WaveReading;
    try {
      reading = await readWaveView(deps.plc);
    } catch (error) {
      return {
        outcome: 'skipped',
        reason: `an interrupted wave (${intent.recipes.map((r) => r.moId).join(', ')}) must be reconciled with the PLC first, but the PLC cannot be read: ${errorMessage(error)}`,
      };
    }
    const decision = decideReconcile(intent.phase, intent.recipes, reading.view);
    const at = new Date(deps.clock.now()).toISOString();
    deps.log.warn(`reconciling interrupted wave of run ${intent.runId}: ${decision.action}`, { reason: decision.reason });
    switch (decision.action) {
      case 'withdraw':
        await clearWave(deps.plc, reading.area);
        await deps.store.setIntentPhase(intent.id, 'abandoned', at, epoch);
        break;
      case 'adopt':
        await deps.store.commitWave(intent.id, 'adopted', at, epoch);
        moIds.push(...intent.recipes.map((r) => r.moId));
        break;
      case 'unconfirmed':
      case 'conflict':
        await holdForOperator(deps, intent, decision.action, reading.view, epoch);
        held = true;
        break;
    }
    reasons.push(decision.reason);
  }
  return { outcome: held ? 'skipped' : 'recovered', reason: reasons.join('; '), moIds };
}
