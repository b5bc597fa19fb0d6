import { useConsoleState } from '../console-context';
import { describeOffline } from '../state/authority-health';

/**
 * The authority (the database), not the engine, is unreachable: everything
 * below stays on screen as the last known state. Styled apart from the
 * "connection to engine lost" banner so an operator never confuses the two.
 */
export function AuthorityOfflineBanner() {
  const snapshot = useConsoleState((state) => state.snapshot);
  const notice = snapshot ? describeOffline(snapshot.authority, snapshot.generatedAt) : null;
  if (notice === null) return null;
  return (
    <div role="alert" className="banner banner-offline" data-testid="authority-offline-banner">
      {notice}
    </div>
  );
}
