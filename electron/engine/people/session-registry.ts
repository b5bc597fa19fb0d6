/**
 * Who is signed in at this station: the engine's memory only (a restart signs everyone out), one
 * random 32-byte token per session. A session ends after `idleMinutes` without an action of its
 * own; `touch` moves that end on. Reads do not: a screen that refreshes by itself must not keep a
 * person signed in who walked away.
 */
import { randomBytes } from 'node:crypto';
import type { Role, SessionInfo } from '../../../shared/domain';
import type { Clock } from '../clock';

export type SessionLookup = { state: 'active'; session: SessionInfo } | { state: 'expired'; session: SessionInfo } | { state: 'unknown' };

export interface SessionRegistry {
  readonly idleMinutes: number;
  open(user: string, role: Role): { token: string; session: SessionInfo };
  /** An expired session is told once as `expired` (so the refusal can say so), then forgotten. */
  lookup(token: string): SessionLookup;
  /** An action of this session: signed out `idleMinutes` from now. The role follows the user's record. */
  touch(token: string, role: Role): SessionInfo | null;
  close(token: string): SessionInfo | null;
  /** Ends every session of this user (disabled, or its role changed by an engineer). */
  closeUser(user: string): void;
}

export function createSessionRegistry(clock: Clock, station: string, idleMinutes: number): SessionRegistry {
  const sessions = new Map<string, SessionInfo>();
  const idleMs = idleMinutes * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  const forgetExpired = (): void => {
    for (const [token, session] of sessions) if (Date.parse(session.expiresAt) <= clock.now() - idleMs) sessions.delete(token);
  };

  return {
    idleMinutes,
    open(user, role) {
      // Tokens of sessions that ran out long ago (nobody came back to hear why): not kept forever.
      forgetExpired();
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const session: SessionInfo = { user, role, station, signedInAt: iso(now), expiresAt: iso(now + idleMs) };
      sessions.set(token, session);
      return { token, session };
    },
    lookup(token) {
      const session = sessions.get(token);
      if (!session) return { state: 'unknown' };
      if (Date.parse(session.expiresAt) > clock.now()) return { state: 'active', session };
      sessions.delete(token);
      return { state: 'expired', session };
    },
    touch(token, role) {
      const session = sessions.get(token);
      if (!session || Date.parse(session.expiresAt) <= clock.now()) return null;
      const touched = { ...session, role, expiresAt: iso(clock.now() + idleMs) };
      sessions.set(token, touched);
      return touched;
    },
    close(token) {
      const session = sessions.get(token) ?? null;
      sessions.delete(token);
      return session;
    },
    closeUser(user) {
      for (const [token, session] of sessions) if (sameUser(session.user, user)) sessions.delete(token);
    },
  };
}
