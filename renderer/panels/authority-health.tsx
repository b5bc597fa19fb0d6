import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { authorityName, describeMirrorLag } from '../state/authority-health';

/** In the database row: which database is the authority and, in the plant, how far this station's mirror lags. */
export function AuthorityHealth() {
  const { t } = useTranslation('shell');
  const format = useFormat();
  const snapshot = useConsoleState((state) => state.snapshot);
  if (!snapshot) return null;
  const lag = describeMirrorLag(snapshot.authority, snapshot.generatedAt, t, format);
  return (
    <>
      <span className="authority-kind" data-testid="authority-kind">
        {authorityName(snapshot.authority.kind)}
      </span>
      {lag && (
        <span className={`mirror-lag tone-${lag.tone}`} data-testid="mirror-lag">
          {lag.text}
        </span>
      )}
    </>
  );
}
