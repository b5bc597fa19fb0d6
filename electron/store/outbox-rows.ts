/** Mapping of `odoo_outbox` rows to OutboxEntry, shared by the SQLite and PostgreSQL stores. */
import type { OutboxEntry, OutboxKind, OutboxState } from '../../shared/domain';

/** States a courier may claim and send from. */
export const DELIVERABLE: readonly OutboxState[] = ['pending', 'sending'];
/** States an archive may end unsent: nothing of it is on its way to Odoo (withdrawing twice is harmless). */
export const WITHDRAWABLE: readonly OutboxState[] = ['pending', 'quarantined', 'withdrawn'];

export interface OutboxRow {
  id: number | string;
  mo_id: string;
  kind: string;
  payload: string | Record<string, unknown>;
  state: string;
  attempts: number | string;
  last_error: string | null;
  next_attempt_at: string | Date | null;
  baseline: string | Record<string, number> | null;
  sent_at: string | Date | null;
  claimed_by: string | null;
  claimed_until: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
}

const iso = (value: string | Date): string => (value instanceof Date ? value.toISOString() : value);
const json = <T>(value: string | T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export function rowToOutbox(row: OutboxRow): OutboxEntry {
  return {
    id: Number(row.id),
    moId: row.mo_id,
    kind: row.kind as OutboxKind,
    payload: json<Record<string, unknown>>(row.payload),
    state: row.state as OutboxState,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at === null ? null : iso(row.next_attempt_at),
    baseline: row.baseline === null ? null : json<Record<string, number>>(row.baseline),
    sentAt: row.sent_at === null ? null : iso(row.sent_at),
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until === null ? null : iso(row.claimed_until),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
