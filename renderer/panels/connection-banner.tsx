import { useConsoleState } from '../console-context';

/** Only the WebSocket link can drop; inside Electron the status stays 'open' and nothing shows. */
export function ConnectionBanner() {
  const connection = useConsoleState((state) => state.connection);
  if (connection === 'open') return null;
  return (
    <div role="alert" className={`banner banner-${connection}`} data-testid="engine-connection-banner">
      {connection === 'lost' ? 'Connection to engine lost — reconnecting…' : 'Connecting to the engine…'}
    </div>
  );
}
