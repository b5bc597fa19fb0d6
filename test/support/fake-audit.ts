/** The fake engine's append-only audit trail: what its guarded handlers record, read newest first by `before` cursor like the stores. */
import type { ConsoleHandlers } from '../../shared/contract';
import type { AuditEntry, Role } from '../../shared/domain';

/** Who a call came from, as the engine's guard decides it. */
export interface FakeCaller {
  user: string;
  role: Role | null;
}

export type AuditLine = Omit<AuditEntry, 'id' | 'at' | 'station' | 'source'> & Partial<Pick<AuditEntry, 'at' | 'station' | 'source'>>;

export interface FakeAudit {
  record(line: AuditLine): AuditEntry;
  /** Runs an action and records it done, or failed with the engine's sentence (then rethrows). */
  audited<T>(caller: FakeCaller, line: Omit<AuditLine, 'user' | 'role' | 'outcome' | 'detail'>, act: () => Promise<T>, detail?: (result: T) => string | null): Promise<T>;
  listAudit: ConsoleHandlers['listAudit'];
}

export function createFakeAudit(now: () => string, station: string): FakeAudit {
  /** Newest first. */
  const trail: AuditEntry[] = [];
  let nextId = 1;

  function record(line: AuditLine): AuditEntry {
    const entry: AuditEntry = { at: now(), station, source: 'console', ...line, id: nextId++ };
    trail.unshift(entry);
    return entry;
  }

  return {
    record,
    async audited(caller, line, act, detail) {
      try {
        const result = await act();
        record({ ...line, ...caller, outcome: 'done', detail: detail?.(result) ?? null });
        return result;
      } catch (error) {
        record({ ...line, ...caller, outcome: 'failed', detail: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
    async listAudit(input) {
      const matching = trail.filter(
        (entry) =>
          (input.before === undefined || entry.id < input.before) &&
          (input.user === undefined || entry.user.toLowerCase() === input.user.toLowerCase()) &&
          (input.action === undefined || entry.action === input.action) &&
          (input.outcome === undefined || entry.outcome === input.outcome) &&
          (input.from === undefined || Date.parse(entry.at) >= Date.parse(input.from)) &&
          (input.to === undefined || Date.parse(entry.at) < Date.parse(input.to)),
      );
      return { items: matching.slice(0, input.pageSize), pageSize: input.pageSize, hasOlder: matching.length > input.pageSize };
    },
  };
}
