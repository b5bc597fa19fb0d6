/** The audit trail (caller.ts AuditTrail) kept in the authority store: the same trail for every station in plant mode. */
import type { AuthorityStore } from '../../store/authority-store';
import type { AuditTrail } from './caller';

export function createAuditTrail(store: Pick<AuthorityStore, 'appendAudit' | 'listAudit'>): AuditTrail {
  return {
    record: (line) => store.appendAudit(line),
    list: (filter) => store.listAudit(filter),
  };
}
