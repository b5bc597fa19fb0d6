/**
 * Who a call comes from, as the engine's handlers see it once the access guard
 * (access-guard.ts) has resolved the console's session or the CLI's --user, and the
 * audit trail every action goes to. Declared here so the guard, the handlers and
 * the trail agree on one shape.
 */
import type { AuditEntry, AuditPage, ElectronicSignature, Role } from '../../../shared/domain';

export interface Caller {
  user: string;
  /** null: the station runs open (no user exists yet) or the CLI, which the OS account vouches for. */
  role: Role | null;
  station: string;
  source: 'console' | 'cli';
  /** The checked e-signature of this call, for actions that need one. */
  signature: ElectronicSignature | null;
  /** Adds to this call's audit entry what only the handler knows (a setting's before → after, the MO it touched). */
  noteForAudit(detail: string): void;
}

export type AuditLine = Omit<AuditEntry, 'id'>;

export interface AuditFilter {
  pageSize: number;
  before?: number;
  user?: string;
  action?: string;
  outcome?: AuditEntry['outcome'];
  from?: string;
  to?: string;
}

/** The append-only trail (authority store): written for every action and every refused attempt. */
export interface AuditTrail {
  record(line: AuditLine): Promise<void>;
  list(filter: AuditFilter): Promise<AuditPage>;
}
