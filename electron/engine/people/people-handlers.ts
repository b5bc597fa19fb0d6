/**
 * The console's requests about people (issue 11): who is signed in here, signing in and out, the
 * first engineer of a new station, and the engineers' user list. The access guard has resolved the
 * caller already; these need the session token itself, so they also get the raw credentials.
 */
import type { Credentials } from '../../../shared/contract';
import type { SessionState, UserSummary } from '../../../shared/domain';
import { AuthorityUnavailableError, type AuthorityStore } from '../../store/authority-store';
import type { UserChange, UserRecord } from '../../store/user-records';
import { BadRequestError } from '../bad-request-error';
import type { Clock } from '../clock';
import type { GuardedHandlers } from './access-guard';
import { AccessRefusedError } from './access-refusal';
import { checkPin, pinRefusal } from './pin-check';
import { hashPin } from './pin-hash';
import type { SessionRegistry } from './session-registry';
import type { UserPresence } from './user-presence';

export const PEOPLE_REQUESTS = ['getSession', 'signIn', 'signOut', 'createFirstEngineer', 'listUsers', 'saveUser'] as const;
export type PeopleRequest = (typeof PEOPLE_REQUESTS)[number];

export interface PeopleDeps {
  store: Pick<AuthorityStore, 'findUser' | 'listUsers' | 'createUser' | 'changeUser' | 'recordFailedPin' | 'clearFailedPins'>;
  sessions: SessionRegistry;
  presence: UserPresence;
  clock: Clock;
  station: string;
}

const tokenOf = (credentials: Credentials | undefined): string | null => (credentials?.kind === 'session' ? credentials.token : null);

export function peopleHandlers(deps: PeopleDeps): Pick<GuardedHandlers, PeopleRequest> {
  const { store, sessions, clock, station } = deps;
  const iso = () => new Date(clock.now()).toISOString();

  const summary = (user: UserRecord): UserSummary => ({
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil !== null && Date.parse(user.lockedUntil) > clock.now() ? user.lockedUntil : null,
    createdAt: user.createdAt,
    createdBy: user.createdBy,
    updatedAt: user.updatedAt,
  });

  async function state(token: string | null): Promise<SessionState> {
    const found = token === null ? null : sessions.lookup(token);
    const session = found?.state === 'active' ? found.session : null;
    return { session, firstRun: session === null && !(await usersMayExist()), idleMinutes: sessions.idleMinutes };
  }

  /* While the authority cannot be reached, do not invite anyone to create a "first" engineer. */
  async function usersMayExist(): Promise<boolean> {
    try {
      return await deps.presence.exist();
    } catch (error) {
      if (error instanceof AuthorityUnavailableError) return true;
      throw error;
    }
  }

  /** A console that signs in as someone else leaves the previous person's session. */
  function signInAs(user: UserRecord, credentials: Credentials | undefined) {
    const previous = tokenOf(credentials);
    if (previous !== null) sessions.close(previous);
    return sessions.open(user.name, user.role);
  }

  return {
    getSession: (_input, _caller, credentials) => state(tokenOf(credentials)),

    async signIn({ user, pin }, _caller, credentials) {
      const check = await checkPin(store, clock, user, pin);
      if (!check.ok) throw new AccessRefusedError('forbidden', `not signed in: ${pinRefusal(check, user, 'user name or PIN is wrong', clock.now())}`);
      return signInAs(check.user, credentials);
    },

    async signOut(_input, _caller, credentials) {
      const token = tokenOf(credentials);
      if (token !== null) sessions.close(token);
      return state(null);
    },

    async createFirstEngineer({ user, pin }, _caller, credentials) {
      const created = await store.createUser({ name: user, role: 'engineer', pinHash: await hashPin(pin), at: iso(), by: `first run at ${station}`, onlyIfFirst: true });
      if (!created) throw new AccessRefusedError('forbidden', 'users exist already: sign in, or ask an engineer for an account');
      return signInAs(created, credentials);
    },

    listUsers: async () => (await store.listUsers()).map(summary),

    async saveUser({ user, role, pin, disabled }, caller) {
      const existing = await store.findUser(user);
      if (!existing) {
        if (pin === undefined) throw new BadRequestError(`${user} is a new user: give a PIN`);
        const created = await store.createUser({ name: user, role, pinHash: await hashPin(pin), at: iso(), by: caller.user, onlyIfFirst: false });
        // Created by another station a moment ago: taken, like any existing name.
        if (!created) throw new Error(`${user} exists already: change that user instead`);
        caller.noteForAudit(`created as ${role}`);
        return summary(disabled ? await change({ name: created.name, role, disabled, at: iso() }, created) : created);
      }
      const updated = await change({ name: existing.name, role, ...(pin === undefined ? {} : { pinHash: await hashPin(pin) }), ...(disabled === undefined ? {} : { disabled }), at: iso() }, existing);
      const changes = [
        existing.role !== updated.role ? `role ${existing.role} → ${updated.role}` : null,
        pin !== undefined ? 'new PIN set' : null,
        existing.disabled !== updated.disabled ? (updated.disabled ? 'disabled' : 'enabled') : null,
      ].filter((text) => text !== null);
      caller.noteForAudit(changes.length > 0 ? changes.join('; ') : 'nothing changed');
      return summary(updated);
    },
  };

  /** Applies a change; whoever was disabled or got another role is signed out here (other stations check at the next action). */
  async function change(request: UserChange, before: UserRecord): Promise<UserRecord> {
    const result = await store.changeUser(request);
    if ('refused' in result) {
      throw result.refused === 'last-engineer'
        ? new AccessRefusedError('forbidden', `${before.name} is the last enabled engineer: make another user engineer first, or nobody could manage users any more`)
        : new Error(`${request.name} does not exist any more`);
    }
    if (result.user.disabled || result.user.role !== before.role) sessions.closeUser(result.user.name);
    return result.user;
  }
}
