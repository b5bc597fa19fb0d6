/**
 * Whether the person at this screen may do a request, and if not why, in their words — decided
 * with the same table the engine enforces (shared/permissions.ts), so a control shows it is not
 * allowed before anyone presses it. The engine still decides: its refusal is shown when it differs.
 */
import { useTranslation } from 'react-i18next';
import type { ParsedInput, RequestName } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import { mayDo, needsSignature, requiredAccess } from '../../../shared/permissions';
import { useSession } from './session-context';

export interface Access {
  allowed: boolean;
  /** The least role that may; null when allowed. */
  needs: Role | null;
  /** "Needs a supervisor — sign in."; null when allowed. */
  why: string | null;
}

export function useAccess<K extends RequestName>(request: K, input?: ParsedInput<K>): Access {
  const { t } = useTranslation('people');
  const loaded = useSession((state) => state.loaded);
  const firstRun = useSession((state) => state.firstRun);
  const session = useSession((state) => state.session);
  const access = requiredAccess(request, input);
  // Until the engine said who is here, and while the station runs open, nothing is shown as locked.
  if (!loaded || firstRun || access === 'anyone' || mayDo(session?.role ?? null, access)) return { allowed: true, needs: null, why: null };
  const role = t(`roleArticle.${access}`);
  return {
    allowed: false,
    needs: access,
    why: session
      ? t('locked.needsRole', { role, current: t(`role.${session.role}`).toLowerCase(), user: session.user })
      : t('locked.needsSignIn', { role }),
  };
}

/** A signed request asks for the PIN again once users exist; an open station has nobody to sign. */
export function useSignatureNeeded(request: RequestName): boolean {
  const openStation = useSession((state) => state.loaded && state.firstRun);
  return needsSignature(request) && !openStation;
}
