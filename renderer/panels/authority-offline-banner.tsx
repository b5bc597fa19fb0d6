import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { describeOffline } from '../state/authority-health';

/**
 * The authority (the database), not the engine, is unreachable: everything
 * below stays on screen as the last known state. Styled apart from the
 * "connection to engine lost" banner so an operator never confuses the two.
 */
export function AuthorityOfflineBanner() {
  const { t } = useTranslation('shell');
  const format = useFormat();
  const snapshot = useConsoleState((state) => state.snapshot);
  const notice = snapshot ? describeOffline(snapshot.authority, snapshot.generatedAt, t, format) : null;
  if (notice === null) return null;
  return (
    <div role="alert" className="banner banner-offline" data-testid="authority-offline-banner">
      {notice}
    </div>
  );
}
