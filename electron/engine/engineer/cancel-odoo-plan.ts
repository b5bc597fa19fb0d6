/**
 * What an engineer's cancel of a queued batch does to Odoo's cancel call, from
 * the MO's cancel entry in the outbox (pure). Telling Odoo goes through the
 * outbox, so the courier sends it once (claimed, settled, retried, quarantined
 * like every Odoo call); not telling Odoo also stops a cancel the PLC's failure
 * report had already queued, so "not told" is true.
 */
import type { OutboxEntry } from '../../../shared/domain';
import { ActionRefusedError } from './refused-error';

export type CancelOdooPlan =
  /** Nothing to change in the outbox; `note` says what Odoo gets. */
  | { step: 'none'; note: string }
  /** After the archive: queue the cancel call (a new entry, or the withdrawn one set pending again). */
  | { step: 'queue'; note: string }
  /** Before the archive: withdraw the queued cancel so it is never sent. */
  | { step: 'withdraw'; note: string };

const VIA_OUTBOX = 'Odoo is told through the outbox: Task 3 sends the cancel once';
const NOT_TOLD = 'Odoo is not told: nothing is sent to Odoo for this cancel';

/** Throws ActionRefusedError when the cancel call is being sent right now. */
export function planCancelInOdoo(moId: string, tellOdoo: boolean, cancel: OutboxEntry | null): CancelOdooPlan {
  switch (cancel?.state) {
    case undefined:
      return tellOdoo ? { step: 'queue', note: VIA_OUTBOX } : { step: 'none', note: NOT_TOLD };
    case 'sending':
      throw new ActionRefusedError(`Odoo is being asked to cancel ${moId} right now (Task 3, after the PLC reported it failed): wait for Odoo's answer, then try again`);
    case 'done':
      return { step: 'none', note: `Odoo had already cancelled it (after the PLC reported it failed)` };
    case 'pending':
      return tellOdoo ? { step: 'none', note: `${VIA_OUTBOX} (it was already queued)` } : { step: 'withdraw', note: `${NOT_TOLD}; the cancel call already queued was withdrawn` };
    case 'quarantined':
      return tellOdoo
        ? { step: 'none', note: `its cancel call waits quarantined in the outbox (${cancel.lastError ?? 'no answer'}): retry it there to tell Odoo` }
        : { step: 'withdraw', note: `${NOT_TOLD}; the quarantined cancel call was withdrawn` };
    case 'withdrawn':
      return tellOdoo ? { step: 'queue', note: VIA_OUTBOX } : { step: 'none', note: NOT_TOLD };
  }
}
