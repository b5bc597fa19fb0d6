/**
 * Resolves dispatch intents left open by a crash or a lost PLC reply, against
 * what the PLC holds right now. Runs under the sync lock: at start-up, and at
 * the start of any sync that finds one (no new wave is dispatched until every
 * earlier one is accounted for).
 */
import { clearWave, readFeedback, readWriteArea } from '../../../plc/wave-io';
import type { PlcLink } from '../../../plc/plc-link';
import type { AuthorityStore, DispatchIntent } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { EngineLog } from '../../engine-log';
import { errorMessage, type TaskResult } from '../../task-runner';
import { decideReconcile, type PlcWaveView } from './reconcile-decision';

export interface ReconcileDeps {
  store: AuthorityStore;
  plc: PlcLink;
  clock: Clock;
  log: EngineLog;
}

export async function reconcileIntents(deps: ReconcileDeps, intents: readonly DispatchIntent[]): Promise<TaskResult> {
  const reasons: string[] = [];
  const moIds: string[] = [];
  let blocked = false;
  for (const intent of intents) {
    let area;
    let view: PlcWaveView;
    try {
      area = await readWriteArea(deps.plc);
      const feedback = await readFeedback(deps.plc);
      view = {
        writeAreaAck: area.handshake === 1,
        writeSlotMoIds: area.slots.map((s) => s.moId),
        writeSlotFlags: area.slotFlags,
        readSlotMoIds: feedback.slots.map((s) => s.moId),
      };
    } catch (error) {
      return {
        outcome: 'skipped',
        reason: `an interrupted wave (${intent.recipes.map((r) => r.moId).join(', ')}) must be reconciled with the PLC first, but the PLC cannot be read: ${errorMessage(error)}`,
      };
    }
    const decision = decideReconcile(intent.phase, intent.recipes, view);
    const at = new Date(deps.clock.now()).toISOString();
    deps.log.warn(`reconciling interrupted wave of run ${intent.runId}: ${decision.action}`, { reason: decision.reason });
    switch (decision.action) {
      case 'withdraw':
        await clearWave(deps.plc, area);
        await deps.store.setIntentPhase(intent.id, 'abandoned', at);
        break;
      case 'adopt':
      case 'adopt-unconfirmed':
        await deps.store.commitWave(intent.id, 'adopted', at);
        moIds.push(...intent.recipes.map((r) => r.moId));
        break;
      case 'conflict':
        blocked = true;
        break;
    }
    reasons.push(decision.reason);
  }
  return { outcome: blocked ? 'error' : 'recovered', reason: reasons.join('; '), moIds };
}
