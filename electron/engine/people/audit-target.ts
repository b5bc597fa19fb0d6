/** What an action acted on and why, read from its input for the audit line (each request names its target its own way). */
import type { ParsedInput, RequestName } from '../../../shared/contract';

type AnyInput = Partial<{
  moId: string;
  key: string;
  user: string;
  task: string;
  id: number;
  action: string;
  target: string;
  paused: boolean;
  position: number;
  checked: boolean;
  changes: Record<string, unknown>;
  reason: string;
  note: string;
}>;

export function auditTarget<K extends RequestName>(request: K, input: ParsedInput<K>): string | null {
  const given = (input ?? {}) as AnyInput;
  if (request === 'checkManualAdditive') return `${given.moId} line ${given.position} ${given.checked ? 'ticked' : 'unticked'}`;
  if (request === 'retryOutbox') return `Odoo outbox entry ${given.id}`;
  if (request === 'saveSettings') return Object.keys(given.changes ?? {}).join(', ') || null;
  if (given.paused !== undefined) return given.paused ? 'pause' : 'resume';
  return given.moId ?? given.key ?? given.user ?? given.task ?? given.action ?? given.target ?? null;
}

export function auditReason<K extends RequestName>(input: ParsedInput<K>): string | null {
  const given = (input ?? {}) as AnyInput;
  return given.reason || given.note || null;
}
