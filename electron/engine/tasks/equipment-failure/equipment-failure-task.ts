/**
 * Task 5 — equipment failures the PLC raises in D8000–D8022. Saved first,
 * acknowledged second (D8022 := 1), reported to Odoo through the outbox
 * third: the old middleware acknowledged before saving and dropped the
 * event when Odoo failed (pitfall P7).
 */
import type { PlcLink } from '../../../plc/plc-link';
import { acknowledgeFailure, readFailureBlock } from '../../../plc/wave-io';
import type { AuthorityStore } from '../../../store/authority-store';
import type { Clock } from '../../clock';
import type { TaskBody } from '../../task-runner';

export function createEquipmentFailureTask(deps: { store: AuthorityStore; plc: PlcLink; clock: Clock }): TaskBody {
  return async () => {
    const reading = await readFailureBlock(deps.plc);
    if (reading.kind === 'none') return { outcome: 'idle', reason: 'no equipment failure reported by the PLC' };
    if (reading.kind === 'invalid') return { outcome: 'error', reason: `the PLC failure block holds an invalid event, not acknowledged: ${reading.reason}` };
    const { event } = reading;
    const what = `${event.info} on ${event.equipmentCode} at ${event.occurredAt}`;
    if (event.acknowledged) return { outcome: 'idle', reason: `last failure (${what}) already acknowledged` };

    const at = new Date(deps.clock.now()).toISOString();
    const { inserted } = await deps.store.saveEquipmentFailure({
      equipmentCode: event.equipmentCode,
      description: event.info,
      failureDate: event.occurredAt,
      source: 'plc',
      at,
    });
    await acknowledgeFailure(deps.plc);
    if (inserted) {
      await deps.store.enqueueOutbox({
        moId: `${event.equipmentCode}@${event.occurredAt}`,
        kind: 'failure-report',
        payload: { equipment_code: event.equipmentCode, description: event.info, date: event.occurredAt },
        at,
      });
    }
    return {
      outcome: 'done',
      reason: inserted ? `${what}: saved, acknowledged, queued for Odoo` : `${what}: already saved; acknowledged again`,
    };
  };
}
