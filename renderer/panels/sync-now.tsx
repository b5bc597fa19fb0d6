import { useConsoleState } from '../console-context';
import { localTime } from '../format/display';
import { describeLastSync } from '../state/sync-outcome';

/**
 * "Sync now" goes through the same gate as the timer. The store refuses a
 * second call while one runs; the disabled button is what the operator sees.
 */
export function SyncNow() {
  const sync = useConsoleState((state) => state.sync);
  const syncNow = useConsoleState((state) => state.syncNow);
  const lastSync = useConsoleState((state) => state.snapshot?.lastSync ?? null);
  const last = lastSync ? describeLastSync(lastSync) : null;
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
      {lastSync && last && (
        <p className={`last-sync tone-${last.tone}`} data-testid="last-sync">
          Last sync {localTime(lastSync.finishedAt)} {last.text}
        </p>
      )}
    </section>
  );
}
