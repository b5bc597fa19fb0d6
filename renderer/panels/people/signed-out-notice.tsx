import { useTranslation } from 'react-i18next';
import { EngineSentence } from '../engine-sentence';
import { useSession } from './session-context';
import './people.css';

/** Why the person at this screen was signed out without pressing Sign out; stays until closed or the next sign-in. */
export function SignedOutNotice() {
  const { t } = useTranslation('people');
  const notice = useSession((state) => state.notice);
  const dismiss = useSession((state) => state.dismissNotice);
  // The live region is always there, so a screen reader hears the notice when it appears.
  return (
    <div role="status">
      {notice && (
        <div className="banner signed-out-notice" data-testid="signed-out-notice">
          {notice.why === 'idle' ? (
            <p>{t('notice.idle', { count: notice.minutes })}</p>
          ) : (
            <div>
              <p>{t('notice.ended')}</p>
              <EngineSentence sentence={notice.engineSays} className="muted" brief />
            </div>
          )}
          <button type="button" onClick={dismiss}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
