import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from '../request-error';
import { CredentialField } from './credential-field';
import { useSession } from './session-context';
import { useSend } from './use-send';

/** User name and PIN; the engine's answer to a wrong one never says which of the two was wrong. */
export function SignInForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('people');
  const signIn = useSession((state) => state.signIn);
  const [user, setUser] = useState('');
  const [pin, setPin] = useState('');
  const { busy, error, send } = useSend(async () => {
    await signIn(user.trim(), pin);
    onClose();
  });
  return (
    <form className="people-form sign-in-form" aria-label={t('signIn.title')} data-testid="sign-in-form" onSubmit={send}>
      <CredentialField kind="name" label={t('signIn.user')} value={user} onChange={setUser} testId="sign-in-user" autoFocus />
      <CredentialField kind="pin" label={t('signIn.pin')} value={pin} onChange={setPin} testId="sign-in-pin" />
      <div className="people-buttons">
        <button type="submit" className="primary" aria-busy={busy} data-testid="sign-in-confirm">
          {busy ? t('session.signingIn') : t('signIn.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('signIn.cancel')}
        </button>
      </div>
      <RequestError error={error} testId="sign-in-error" />
    </form>
  );
}
