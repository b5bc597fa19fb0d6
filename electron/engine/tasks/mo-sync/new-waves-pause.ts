/**
 * "Pause new waves" as the gate reads it (issue 10): while an operator has paused them, no trigger
 * — timer, Sync now, the CLI, the fetch after the queue empties — takes MOs from Odoo. Only new
 * waves stop: an unfinished wave is still reconciled, and PLC reading and Odoo booking go on.
 */
import type { NewWavesPause } from '../../../../shared/domain';
import { formatOdooDateTime } from '../../../odoo/odoo-datetime';

/** The gate's `skipped` reason while new waves are paused; null when they may come. */
export function newWavesPausedReason(pause: NewWavesPause): string | null {
  if (!pause.paused) return null;
  // Plant time to the minute, as the operator who paused it read the station's clock.
  const since = pause.changedAt ? formatOdooDateTime(new Date(pause.changedAt)).slice(0, 16) : 'an unknown time';
  return `New waves are paused (since ${since} at station ${pause.changedBy ?? 'unknown'}: ${pause.reason ?? 'no reason given'}); PLC reading and Odoo booking go on`;
}
