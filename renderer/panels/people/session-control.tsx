import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInForm } from './sign-in-form';
import { useSession } from './session-context';
import './people.css';

/** In the header: who acts at this screen, and the way to sign in or out. */
export function SessionControl() {
  const { t } = useTranslation('people');
  const loaded = useSession((state) => state.loaded);
  const firstRun = useSession((state) => state.firstRun);
  const session = useSession((state) => state.session);
  const signOut = useSession((state) => state.signOut);
  const [signingIn, setSigningIn] = useState(false);
  // While the station runs open the first-run banner says so; the header keeps its one line.
  if (!loaded || firstRun) return null;
  if (session) {
    return (
      <div role="group" aria-label={t('session.label')} className="session-state" data-testid="session-state" data-state="signed-in">
        <p data-testid="session-user" data-role={session.role}>
          <span aria-hidden="true">● </span>
          {t('session.signedIn', { user: session.user, role: t(`role.${session.role}`) })}
        </p>
        <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
          {t('session.signOut')}
        </button>
      </div>
    );
  }
  return (
    <>
      <div role="group" aria-label={t('session.label')} className="session-state" data-testid="session-state" data-state="signed-out">
        <p className="muted">{t('session.nobody')}</p>
        <button type="button" className="primary" aria-expanded={signingIn} data-testid="sign-in-open" onClick={() => setSigningIn(!signingIn)}>
          {t('session.signIn')}
        </button>
      </div>
      {signingIn && <SignInForm onClose={() => setSigningIn(false)} />}
    </>
  );
}
