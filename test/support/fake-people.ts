/**
 * The fake engine's people (issue 11): the engine's own access guard, session registry and people
 * handlers (electron/engine/people/) over users kept in memory, so a console against the fake is
 * refused, signed out and asked for a signature exactly as against the engine. Time for sessions
 * and locks stands still until `idle` moves it on: the fake's other times stay as they were.
 */
import type { ConsoleHandlers, Credentials, RequestName } from '../../shared/contract';
import type { AuditEntry, Role } from '../../shared/domain';
import type { Clock } from '../../electron/engine/clock';
import { guardHandlers, NOT_SIGNED_IN, OPEN_STATION, type GuardedHandlers } from '../../electron/engine/people/access-guard';
import type { AuditLine, Caller } from '../../electron/engine/people/caller';
import { peopleHandlers, type PeopleRequest } from '../../electron/engine/people/people-handlers';
import { hashPin } from '../../electron/engine/people/pin-hash';
import { createSessionRegistry } from '../../electron/engine/people/session-registry';
import { changeRefusal, liftsLock, type UserRecord } from '../../electron/store/user-records';
import type { FakeCaller } from './fake-audit';

export interface FakePeopleParts {
  station: string;
  start: number;
  /** Where the guard's lines go (the fake's audit trail, which stamps the time). */
  record(line: Omit<AuditLine, 'at'>): AuditEntry;
  /** Requests whose fake handler writes its own audit line: the guard adds only their refusals. */
  selfAudited: readonly RequestName[];
}

export interface FakePeople {
  /** The fake's handlers behind the engine's guard, with the engine's people handlers: roles, sessions and e-signatures checked, refusals audited. */
  guard(handlers: Omit<ConsoleHandlers, PeopleRequest | 'reportLockedPress'>): ConsoleHandlers;
  /** Who a call comes from, for a fake handler's own audit line. */
  callerOf(credentials: Credentials | undefined): FakeCaller;
  addUser(name: string, role: Role, pin: string): Promise<void>;
  /** Minutes pass without any action: sessions idle that long are signed out, locks run out. */
  idle(minutes: number): void;
}

type FakeHandler = (input: unknown, credentials?: Credentials) => Promise<unknown>;

export function createFakePeople(parts: FakePeopleParts): FakePeople {
  let offsetMs = 0;
  const clock: Clock = { now: () => parts.start + offsetMs, setTimer: () => () => undefined };
  const sessions = createSessionRegistry(clock, parts.station, 15);
  const store = createMemoryUsers();
  const presence = { exist: async () => (await store.countUsers()) > 0 };

  return {
    guard(inner) {
      const behindGuard = Object.fromEntries(
        Object.entries(inner).map(([name, handler]) => [name, (input: unknown, _caller: Caller, credentials?: Credentials) => (handler as FakeHandler)(input, credentials)]),
      );
      return guardHandlers({ ...behindGuard, ...peopleHandlers({ store, sessions, presence, clock, station: parts.station }) } as GuardedHandlers, {
        store,
        sessions,
        presence,
        clock,
        station: parts.station,
        processUser: 'test',
        log: { error: () => undefined },
        audit: {
          // The fake's clock stamps the line, so the trail reads in one time line with the fake's other records.
          async record({ at: _engineTime, ...line }) {
            if (line.outcome === 'refused' || !parts.selfAudited.includes(line.action as RequestName)) parts.record(line);
          },
          list: () => Promise.reject(new Error('the fake reads its trail itself')),
        },
      });
    },
    callerOf(credentials) {
      if (credentials?.kind === 'cli') return { user: credentials.user, role: null };
      const found = credentials?.token ? sessions.lookup(credentials.token) : null;
      if (found?.state === 'active') return { user: found.session.user, role: found.session.role };
      return { user: store.size() === 0 ? OPEN_STATION : NOT_SIGNED_IN, role: null };
    },
    async addUser(name, role, pin) {
      const at = new Date(clock.now()).toISOString();
      await store.createUser({ name, role, pinHash: await hashPin(pin), at, by: 'test', onlyIfFirst: false });
    },
    idle(minutes) {
      offsetMs += minutes * 60_000;
    },
  };
}

/** The users table's behaviour (../../electron/store/sqlite/sqlite-users.ts) in a Map: names unique whatever their case. */
function createMemoryUsers() {
  const users = new Map<string, UserRecord>();
  const key = (name: string) => name.toLowerCase();
  const copy = (user: UserRecord | undefined) => (user ? { ...user } : null);
  const enabledEngineersBesides = (name: string) =>
    [...users.values()].filter((user) => user.role === 'engineer' && !user.disabled && key(user.name) !== key(name)).length;

  return {
    size: () => users.size,
    listUsers: async () => [...users.values()].sort((a, b) => a.name.localeCompare(b.name)).map((user) => ({ ...user })),
    findUser: async (name: string) => copy(users.get(key(name))),
    countUsers: async () => users.size,
    async createUser(user: { name: string; role: Role; pinHash: string; at: string; by: string; onlyIfFirst: boolean }) {
      if ((user.onlyIfFirst && users.size > 0) || users.has(key(user.name))) return null;
      const record: UserRecord = {
        name: user.name,
        role: user.role,
        pinHash: user.pinHash,
        disabled: false,
        failedAttempts: 0,
        lockedUntil: null,
        createdAt: user.at,
        createdBy: user.by,
        updatedAt: user.at,
      };
      users.set(key(user.name), record);
      return { ...record };
    },
    async changeUser(change: Parameters<typeof changeRefusal>[1]) {
      const current = users.get(key(change.name)) ?? null;
      const refused = changeRefusal(current, change, enabledEngineersBesides(change.name));
      if (refused || !current) return { refused: refused ?? 'unknown-user' };
      Object.assign(current, {
        role: change.role,
        pinHash: change.pinHash ?? current.pinHash,
        disabled: change.disabled ?? current.disabled,
        updatedAt: change.at,
        ...(liftsLock(change) ? { failedAttempts: 0, lockedUntil: null } : {}),
      });
      return { user: { ...current } };
    },
    async recordFailedPin(failed: { name: string; at: string; lockAfter: number; lockedUntil: string }) {
      const user = users.get(key(failed.name));
      if (!user || (user.lockedUntil !== null && user.lockedUntil > failed.at)) return null;
      const locks = user.failedAttempts + 1 >= failed.lockAfter;
      Object.assign(user, locks ? { failedAttempts: 0, lockedUntil: failed.lockedUntil } : { failedAttempts: user.failedAttempts + 1 });
      return { ...user };
    },
    async clearFailedPins(name: string, at: string) {
      const user = users.get(key(name));
      if (!user || (user.lockedUntil !== null && user.lockedUntil > at)) return null;
      Object.assign(user, { failedAttempts: 0, lockedUntil: null });
      return { ...user };
    },
  };
}
