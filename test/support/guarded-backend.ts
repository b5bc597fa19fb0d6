/**
 * The access guard with the real people handlers, session registry and a SQLite authority, around
 * stand-ins for the engine's other handlers that only note the Caller they were given. The audit
 * trail is a list. For tests of the guard and of the wire that carries session tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requests, type ConsoleBackend, type RequestName } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { guardHandlers, type GuardedHandlers } from '../../electron/engine/people/access-guard';
import type { AuditLine, Caller } from '../../electron/engine/people/caller';
import { PEOPLE_REQUESTS, peopleHandlers } from '../../electron/engine/people/people-handlers';
import { hashPin } from '../../electron/engine/people/pin-hash';
import { createSessionRegistry } from '../../electron/engine/people/session-registry';
import { createUserPresence } from '../../electron/engine/people/user-presence';
import { SqliteStore } from '../../electron/store/sqlite/sqlite-store';
import type { ManualClock } from './manual-clock';

export const GUARDED_STATION = 'ST-1';

export interface GuardedBackend {
  backend: ConsoleBackend;
  store: SqliteStore;
  audit: AuditLine[];
  /** What the stand-in handlers were asked to do, and by whom. */
  acted: { request: RequestName; caller: Caller }[];
  addUser(name: string, role: Role, pin: string): Promise<void>;
  dispose(): Promise<void>;
}

/** `answers`: stand-ins that answer as the real handler would in a case under test (a refusal, a failed run). */
export function createGuardedBackend(clock: ManualClock, answers: Partial<Record<RequestName, (input: unknown, caller: Caller) => Promise<unknown>>> = {}): GuardedBackend {
  const dir = mkdtempSync(join(tmpdir(), 'smo-guard-'));
  const store = new SqliteStore({ file: join(dir, 'authority.db'), lockFile: join(dir, 'gate.lock') });
  const audit: AuditLine[] = [];
  const acted: GuardedBackend['acted'] = [];
  const sessions = createSessionRegistry(clock, GUARDED_STATION, 15);
  const presence = createUserPresence(store);
  const standIns = Object.fromEntries(
    (Object.keys(requests) as RequestName[])
      .filter((request) => !(PEOPLE_REQUESTS as readonly string[]).includes(request))
      .map((request) => [
        request,
        async (input: unknown, caller: Caller) => {
          acted.push({ request, caller });
          return answers[request] ? answers[request](input, caller) : { done: request };
        },
      ]),
  );
  // The stand-ins answer { done } whatever the request: fine for a guard that never reads answers.
  const inner = { ...standIns, ...peopleHandlers({ store, sessions, presence, clock, station: GUARDED_STATION }) } as GuardedHandlers;
  const handlers = guardHandlers(inner, {
    store,
    sessions,
    presence,
    clock,
    station: GUARDED_STATION,
    processUser: 'plant-admin',
    log: { error: () => undefined },
    audit: { record: async (line) => void audit.push(line), list: async () => ({ items: [], pageSize: 50, hasOlder: false }) },
  });
  return {
    backend: { handlers, subscribe: () => () => undefined },
    store,
    audit,
    acted,
    async addUser(name, role, pin) {
      await store.createUser({ name, role, pinHash: await hashPin(pin), at: new Date(clock.now()).toISOString(), by: 'test', onlyIfFirst: false });
    },
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
