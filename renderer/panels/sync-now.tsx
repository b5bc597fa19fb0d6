import { useConsoleState } from '../console-context';

/**
 * "Sync now" goes through the same gate as the timer. The store refuses a
 * second call while one runs; the disabled button is what the operator sees.
 */
export function SyncNow() {
  const sync = useConsoleState((state) => state.sync);
  const syncNow = useConsoleState((state) => state.syncNow);
  return (
    <section className="card sync-now" aria-label="Sync now">
      <button
        type="button"
        className="sync-button"
        data-testid="sync-now"
        disabled={sync.running}
        aria-busy={sync.running}
        onClick={() => void syncNow()}
      >
        {sync.running ? 'Syncing…' : 'Sync now'}
      </button>
      <p
        role="status"
        className={`sync-outcome tone-${sync.outcome?.tone ?? 'neutral'}`}
        data-testid="sync-outcome"
        data-sync-count={sync.completed}
      >
        {sync.running ? 'Asking the engine…' : (sync.outcome?.text ?? 'No sync from this screen yet')}
      </p>
    </section>
  );
}
