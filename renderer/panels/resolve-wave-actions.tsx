import { useState, type FormEvent } from 'react';
import type { WaveResolution } from '../../shared/domain';
import { useConsoleApi } from '../console-context';

const LABELS: Record<WaveResolution, { open: string; confirm: string; placeholder: string }> = {
  'hand-over': { open: 'Hand over…', confirm: 'Hand over to the PLC', placeholder: 'Why? (e.g. checked the PLC: it has not taken the wave)' },
  withdraw: { open: 'Withdraw…', confirm: 'Withdraw the wave', placeholder: 'Why? (its MOs will be fetched again)' },
};

/**
 * The operator's way out of a wave-unconfirmed warning: the PLC shows no
 * trace of the wave, so only a person can say whether to give it to the PLC
 * now or clear it so its MOs are fetched again. Both are recorded with a reason.
 */
export function ResolveWaveActions() {
  const api = useConsoleApi();
  const [action, setAction] = useState<WaveResolution | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (action === null) {
    return (
      <span className="resolve-wave">
        {(Object.keys(LABELS) as WaveResolution[]).map((choice) => (
          <button key={choice} type="button" data-testid={`wave-${choice}`} onClick={() => setAction(choice)}>
            {LABELS[choice].open}
          </button>
        ))}
      </span>
    );
  }

  const resolve = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const run = await api.resolveWave({ action, reason });
      // The PLC's evidence may overrule the button, or the hand-over may stay unconfirmed: say so.
      if (run.outcome === 'recovered') setAction(null);
      else setError(run.reason);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const labels = LABELS[action];
  return (
    <form className="resolve-wave" aria-label={labels.confirm} onSubmit={(event) => void resolve(event)}>
      <input
        type="text"
        required
        minLength={3}
        maxLength={500}
        value={reason}
        placeholder={labels.placeholder}
        aria-label={`Reason to ${action === 'hand-over' ? 'hand over' : 'withdraw'} the wave`}
        data-testid="wave-resolve-reason"
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" disabled={busy} data-testid="wave-resolve-confirm">
        {labels.confirm}
      </button>
      <button type="button" disabled={busy} onClick={() => setAction(null)}>
        Cancel
      </button>
      {error && (
        <span role="alert" className="tone-bad">
          {error}
        </span>
      )}
    </form>
  );
}
