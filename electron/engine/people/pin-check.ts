/**
 * Checks a person's PIN against the authority, for signing in and for an e-signature alike: both
 * count toward the lock (5 wrong PINs lock the user for 5 minutes, whichever station they were
 * typed at). A locked user's PIN is not even checked, so guessing stops. A disabled user is told
 * so only with the right PIN: the refusal must not let anyone learn which names exist.
 */
import type { AuthorityStore } from '../../store/authority-store';
import type { UserRecord } from '../../store/user-records';
import type { Clock } from '../clock';
import { UNKNOWN_USER_HASH, verifyPin } from './pin-hash';

export const LOCK_AFTER_WRONG_PINS = 5;
export const LOCK_MINUTES = 5;

export type PinCheck =
  | { ok: true; user: UserRecord }
  /** `wrong` covers an unknown user too; `lockedUntil` is set when the user is (now) locked. */
  | { ok: false; why: 'wrong' | 'locked' | 'disabled'; lockedUntil: string | null };

export type PinStore = Pick<AuthorityStore, 'findUser' | 'recordFailedPin' | 'clearFailedPins'>;

export async function checkPin(store: PinStore, clock: Clock, name: string, pin: string): Promise<PinCheck> {
  const now = clock.now();
  const at = new Date(now).toISOString();
  const user = await store.findUser(name);
  if (!user) {
    // As long as a wrong PIN takes: the time of the answer must not tell an unknown name either.
    await verifyPin(pin, UNKNOWN_USER_HASH);
    return { ok: false, why: 'wrong', lockedUntil: null };
  }
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > now) return { ok: false, why: 'locked', lockedUntil: user.lockedUntil };
  if (!(await verifyPin(pin, user.pinHash))) {
    const lockedUntil = new Date(now + LOCK_MINUTES * 60_000).toISOString();
    const counted = await store.recordFailedPin({ name: user.name, at, lockAfter: LOCK_AFTER_WRONG_PINS, lockedUntil });
    const locked = counted?.lockedUntil ?? null;
    return locked !== null && Date.parse(locked) > now ? { ok: false, why: 'locked', lockedUntil: locked } : { ok: false, why: 'wrong', lockedUntil: null };
  }
  if (user.disabled) return { ok: false, why: 'disabled', lockedUntil: null };
  // Another station's wrong PIN may have locked the user meanwhile: the lock wins.
  const cleared = await store.clearFailedPins(user.name, at);
  return cleared ? { ok: true, user: cleared } : { ok: false, why: 'locked', lockedUntil: (await store.findUser(user.name))?.lockedUntil ?? null };
}

/** The refusal in words, e.g. for signing in: "user name or PIN is wrong". */
export function pinRefusal(check: Extract<PinCheck, { ok: false }>, name: string, wrongText: string, now: number): string {
  if (check.why === 'disabled') return `${name} is disabled: ask an engineer to enable the account`;
  if (check.why === 'locked') {
    const minutes = check.lockedUntil ? Math.max(1, Math.ceil((Date.parse(check.lockedUntil) - now) / 60_000)) : LOCK_MINUTES;
    return `${name} is locked after ${LOCK_AFTER_WRONG_PINS} wrong PINs: try again in ${minutes} min, or ask an engineer to set a new PIN`;
  }
  return `${wrongText} (${LOCK_AFTER_WRONG_PINS} wrong PINs in a row lock the account for ${LOCK_MINUTES} minutes)`;
}
