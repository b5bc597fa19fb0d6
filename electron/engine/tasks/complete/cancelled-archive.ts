/**
 * An operator archives a batch as cancelled: its consumption push ends in the
 * same transaction (ArchiveRequest.withdrawConsumptionOf), or a later Retry,
 * or the courier, would book in Odoo an MO the archive calls cancelled. A push
 * that is out with no answer yet may have been booked, so that archive waits
 * until the push is settled. The archive's notes say what Odoo got.
 */
import type { OutboxEntry } from '../../../../shared/domain';
import { clockTime } from '../../clock-time';

const NOTHING_BOOKED = 'Odoo was not told: nothing was booked';

/**
 * What Odoo got of the batch's consumption, for the archive's notes. Throws, with the operator's
 * next step, when the batch cannot be archived as cancelled now.
 */
export function cancelledArchiveNote(moId: string, push: OutboxEntry | null, settleAfterMs: number): string {
  switch (push?.state) {
    case undefined:
    case 'pending':
    case 'withdrawn':
      return NOTHING_BOOKED;
    case 'quarantined':
      return `its consumption push was stopped; Odoo's last answer: ${push.lastError ?? 'none'}`;
    case 'sending': {
      const checkAt = Date.parse(push.sentAt ?? push.updatedAt) + settleAfterMs;
      throw new Error(
        `Odoo may have booked ${moId}: its consumption was sent and no answer came back; ` +
          `wait for the check after ${clockTime(checkAt)}, then archive it if Odoo did not book it`,
      );
    }
    case 'done':
      throw new Error(`Odoo has booked ${moId}'s consumption: it is archived as completed by the next Task 3 run, not cancelled`);
  }
}

/** The store refused the withdrawal: a courier moved the push to `sending` between the check and the archive. */
export function sentMeanwhile(moId: string): Error {
  return new Error(`Odoo may be booking ${moId} right now (its consumption was just sent); nothing was archived: wait for Odoo's answer, then try again`);
}
