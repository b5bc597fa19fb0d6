import { useState } from 'react';
import { useConsoleApi } from '../console-context';
import { ReasonForm } from './reason-form';

/**
 * Takes one batch out of the queue by hand (archived as cancelled). A stuck
 * batch blocks every new wave, so the operator needs this — but it is final,
 * so it asks for the reason that goes into the archive.
 */
export function ArchiveBatchAction({ moId }: { moId: string }) {
  const api = useConsoleApi();
  const [open, setOpen] = useState(false);

  if (!open) {
    return (
      <button type="button" aria-label={`Archive ${moId}`} data-testid="queue-archive" onClick={() => setOpen(true)}>
        Archive…
      </button>
    );
  }
  return (
    <ReasonForm
      className="archive-batch"
      label={`Archive ${moId}`}
      inputLabel={`Reason for archiving ${moId}`}
      placeholder="Why? (goes into the archive)"
      confirm="Archive as cancelled"
      cancel="Keep"
      testId="queue-archive"
      submit={async (reason) => {
        await api.archiveBatch({ moId, reason });
        return null;
      }}
      onDone={() => setOpen(false)}
    />
  );
}
