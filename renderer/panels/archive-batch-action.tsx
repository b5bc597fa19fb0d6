import { useState, type FormEvent } from 'react';
import { useConsoleApi } from '../console-context';

/**
 * Takes one batch out of the queue by hand (archived as cancelled). A stuck
 * batch blocks every new wave, so the operator needs this — but it is final,
 * so it asks for the reason that goes into the archive.
 */
export function ArchiveBatchAction({ moId }: { moId: string }) {
  const api = useConsoleApi();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" aria-label={`Archive ${moId}`} data-testid="queue-archive" onClick={() => setOpen(true)}>
        Archive…
      </button>
    );
  }

  const archive = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.archiveBatch({ moId, reason });
      setOpen(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="archive-batch" aria-label={`Archive ${moId}`} onSubmit={(event) => void archive(event)}>
      <input
        type="text"
        required
        minLength={3}
        maxLength={500}
        value={reason}
        placeholder="Why? (goes into the archive)"
        aria-label={`Reason for archiving ${moId}`}
        data-testid="queue-archive-reason"
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" disabled={busy} data-testid="queue-archive-confirm">
        Archive as cancelled
      </button>
      <button type="button" disabled={busy} onClick={() => setOpen(false)}>
        Keep
      </button>
      {error && (
        <span role="alert" className="tone-bad">
          {error}
        </span>
      )}
    </form>
  );
}
