/**
 * What operators change on the plant through the console, stored in the authority so that every
 * station sees the same: the plant-wide "pause new waves" switch (`plant_controls`) and the ticks
 * on a batch's manual-additive checklist (`batch_additives`). Shared by the SQLite and PostgreSQL
 * stores: the requests, and the mapping of their rows.
 */
import type { ManualAdditive, NewWavesPause } from '../../shared/domain';

/** The `plant_controls` row of the pause; its value is `{ paused, reason }`. */
export const NEW_WAVES_CONTROL = 'new-waves';

export interface NewWavesChange {
  paused: boolean;
  reason: string;
  at: string;
  station: string;
}

/** The pause as it is afterwards; `changed` is false when it already was in that state (then nothing was written). */
export interface NewWavesChangeResult {
  pause: NewWavesPause;
  changed: boolean;
}

export interface AdditiveCheck {
  moId: string;
  position: number;
  checked: boolean;
  at: string;
  station: string;
}

/**
 * The line as it is afterwards; `changed` is false when it already was ticked (or not), which keeps
 * the first tick's time and station. Null: the MO is not in the queue or has no such line.
 */
export type AdditiveCheckResult = { additive: ManualAdditive; changed: boolean } | null;

export const NEVER_PAUSED: NewWavesPause = { paused: false, changedAt: null, changedBy: null, reason: null };

const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

/** A `plant_controls` row of the pause (value: JSON text from SQLite, parsed jsonb from PostgreSQL); none means never paused. */
export function pauseFromRow(row: Record<string, unknown> | undefined): NewWavesPause {
  if (!row) return NEVER_PAUSED;
  const value = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as { paused?: unknown; reason?: unknown };
  return {
    paused: value.paused === true,
    changedAt: isoOrNull(row.changed_at),
    changedBy: String(row.changed_by),
    reason: typeof value.reason === 'string' ? value.reason : null,
  };
}

/** A `batch_additives` row. */
export function additiveFromRow(row: Record<string, unknown>): ManualAdditive {
  return {
    position: Number(row.position),
    name: String(row.name),
    quantity: row.quantity === null || row.quantity === undefined ? null : Number(row.quantity),
    uom: String(row.uom),
    checkedAt: isoOrNull(row.checked_at),
    checkedBy: row.checked_by === null || row.checked_by === undefined ? null : String(row.checked_by),
  };
}
