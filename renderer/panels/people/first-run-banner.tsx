import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from '../request-error';
import { CredentialField } from './credential-field';
import { useSession } from './session-context';
import { useSend } from './use-send';

/**
 * While no user exists the station runs open; on every view an invitation to create the first
 * engineer, who is signed in at once (and may then add the others in the Engineer view).
 */
export function FirstRunBanner() {
  const { t } = useTranslation('people');
  const firstRun = useSession((state) => state.loaded && state.firstRun);
  const [open, setOpen] = useState(false);
  if (!firstRun) return null;
  return (
    <section className="banner first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">{t('firstRun.banner')}</h2>
      {!open && <p className="muted">{t('firstRun.explain')}</p>}
      {open ? (
        <FirstEngineerForm onClose={() => setOpen(false)} />
      ) : (
        <button type="button" className="primary" data-testid="first-run-open" onClick={() => setOpen(true)}>
          {t('firstRun.open')}
        </button>
      )}
    </section>
  );
}

function FirstEngineerForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('people');
  const create = useSession((state) => state.createFirstEngineer);
  const [user, setUser] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const { busy, error, send } = useSend(async () => {
    if (pin !== pinAgain) throw new Error(t('firstRun.pinsDiffer'));
    // Success unmounts this form: the banner goes with firstRun.
    await create(user.trim(), pin);
  });
  return (
    <form className="people-form" aria-label={t('firstRun.title')} data-testid="first-run-form" onSubmit={send}>
      <CredentialField kind="name" label={t('firstRun.user')} value={user} onChange={setUser} testId="first-run-user" autoFocus />
      <CredentialField kind="pin" label={t('firstRun.pin')} value={pin} onChange={setPin} testId="first-run-pin" />
      <CredentialField kind="pin" label={t('firstRun.pinAgain')} value={pinAgain} onChange={setPinAgain} testId="first-run-pin-again" />
      <div className="people-buttons">
        <button type="submit" className="primary" aria-busy={busy} data-testid="first-run-confirm">
          {t('firstRun.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('firstRun.cancel')}
        </button>
      </div>
      <RequestError error={error} testId="first-run-error" />
    </form>
  );
}
