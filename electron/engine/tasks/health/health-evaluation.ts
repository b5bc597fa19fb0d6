/**
 * What needs an operator's eye (Task 4), as warnings the console shows —
 * not only log lines. Pure: the snapshot and the health task both call it.
 *
 * "Stuck" means no change for BATCH_STUCK_THRESHOLD_MINUTES on a batch the
 * PLC has started. `last_read_from_plc` moves only on change, so a batch
 * still waiting for its turn would look stuck too (pitfall P14): waiting
 * batches are judged by the wave instead ("not started").
 */
import type { ConnectionState, ConnectionTarget, HealthWarning, OutboxEntry, QueueBatch, RunRecord } from '../../../../shared/domain';
import type { DispatchIntent, HeldPhase } from '../../../store/authority-store';
import { abbreviate } from '../mo-sync/wave-selection';
import type { Finding } from '../plc-read/feedback-judgement';

export interface HealthInputs {
  now: number;
  queue: readonly QueueBatch[];
  stuckAfterMs: number;
  /** The last plc-read that reached the PLC (done or idle). */
  lastPlcRead: RunRecord | null;
  plcReadIntervalMs: number;
  /** The run that put the current wave in the queue (fetched or recovered). */
  lastDispatch: RunRecord | null;
  quarantined: readonly OutboxEntry[];
  implausible: readonly Finding[];
  connections: Partial<Record<ConnectionTarget, ConnectionState>>;
  /** Waves held for an operator (unconfirmed hand-over or conflict); raised at once, not after a stuck threshold. */
  heldWaves: readonly (DispatchIntent & { phase: HeldPhase })[];
  /** MOs produced or archived here that Odoo still listed at the last sync (pitfall P8); 0 before the first. */
  odooBacklog: number;
}

/**
 * From here on the backlog is worth an operator's eye: Odoo pages it to every sync that must read the list
 * from its start (after a restart, a change in Odoo's list, or every ten minutes), a request per 100 MOs.
 */
export const ODOO_BACKLOG_WARN_AT = 200;

export function evaluateHealth(inputs: HealthInputs): HealthWarning[] {
  const warnings: HealthWarning[] = [];
  const ago = (iso: string) => Math.round((inputs.now - Date.parse(iso)) / 60_000);
  const open = inputs.queue.filter((b) => !b.statusManufacturing && !b.statusOperation);

  for (const wave of inputs.heldWaves) {
    const ids = abbreviate(wave.recipes.map((r) => r.moId));
    const why = wave.phase === 'unconfirmed' ? `the hand-over of ${ids} is unconfirmed` : `the PLC's WRITE area no longer holds ${ids}`;
    warnings.push({
      kind: 'wave-unconfirmed',
      message:
        `${why}: ${wave.plcView ?? 'the PLC has not been read yet'}. New MOs wait until an operator presses ` +
        `"Hand over" (give this wave to the PLC now) or "Withdraw" (clear it from the PLC; its MOs are fetched again), with a reason`,
    });
  }

  for (const batch of inputs.queue) {
    const about = { batchNo: batch.batchNo, moId: batch.moId };
    if (batch.statusOperation && !batch.statusManufacturing) {
      warnings.push({ kind: 'failed-batch', ...about, message: `slot ${batch.batchNo} (${batch.moId}) failed in the PLC; its MO is being cancelled in Odoo` });
    }
    if (batch.statusManufacturing && !Object.values(batch.actualKg).some((kg) => kg > 0)) {
      warnings.push({
        kind: 'unreportable-batch',
        ...about,
        message: `slot ${batch.batchNo} (${batch.moId}) finished without any consumption to report; archive it with a reason`,
      });
    }
  }

  const started = open.filter((b) => b.lastReadFromPlc !== null);
  for (const batch of started) {
    if (inputs.now - Date.parse(batch.lastReadFromPlc as string) > inputs.stuckAfterMs) {
      warnings.push({
        kind: 'stuck-batch',
        batchNo: batch.batchNo,
        moId: batch.moId,
        message: `slot ${batch.batchNo} (${batch.moId}) has not progressed for ${ago(batch.lastReadFromPlc as string)} min`,
      });
    }
  }
  const dispatchedAt = inputs.lastDispatch?.finishedAt;
  if (open.length > 0 && started.length === 0 && !inputs.queue.some((b) => b.statusManufacturing) && dispatchedAt) {
    if (inputs.now - Date.parse(dispatchedAt) > inputs.stuckAfterMs) {
      warnings.push({
        kind: 'wave-not-started',
        message: `the PLC has not started the wave dispatched ${ago(dispatchedAt)} min ago (${open.length} batches waiting); check that it took the recipes`,
      });
    }
  }

  const staleAfter = Math.max(3 * inputs.plcReadIntervalMs, 2 * 60_000);
  const lastRead = inputs.lastPlcRead?.finishedAt;
  // With no reading at all, the clock starts when the wave was dispatched.
  const since = lastRead ?? dispatchedAt;
  if (inputs.queue.length > 0 && since && inputs.now - Date.parse(since) > staleAfter) {
    warnings.push({
      kind: 'stale-plc-read',
      message: lastRead ? `no successful PLC reading for ${ago(lastRead)} min` : 'no successful PLC reading yet for the batches in the queue',
    });
  }

  for (const entry of inputs.quarantined) {
    warnings.push({ kind: 'quarantined-push', moId: entry.moId, message: `${entry.kind} for ${entry.moId} is quarantined: ${entry.lastError ?? ''}` });
  }
  for (const finding of inputs.implausible) {
    warnings.push({ kind: 'implausible-value', batchNo: finding.batchNo, moId: finding.moId, message: finding.message });
  }
  for (const [target, connection] of Object.entries(inputs.connections) as [ConnectionTarget, ConnectionState][]) {
    if (connection.state === 'down') warnings.push({ kind: 'connection-down', target, message: `${target}: ${connection.detail}` });
  }
  if (inputs.odooBacklog >= ODOO_BACKLOG_WARN_AT) {
    warnings.push({
      kind: 'odoo-backlog',
      message: `Odoo still lists ${inputs.odooBacklog.toLocaleString('en-US')} MOs produced here; close them in Odoo or turn on ODOO_MARK_DONE`,
    });
  }
  return warnings;
}
