import { useState } from 'react';
import type { WaveResolution } from '../../shared/domain';
import { useConsoleApi } from '../console-context';
import { ReasonForm } from './reason-form';

const LABELS: Record<WaveResolution, { open: string; confirm: string; placeholder: string; verb: string }> = {
  'hand-over': { open: 'Hand over…', confirm: 'Hand over to the PLC', placeholder: 'Why? (e.g. checked the PLC: it has not taken the wave)', verb: 'hand over' },
  withdraw: { open: 'Withdraw…', confirm: 'Withdraw the wave', placeholder: 'Why? (its MOs will be fetched again)', verb: 'withdraw' },
};

/**
 * The operator's way out of a wave-unconfirmed warning: the PLC shows no
 * trace of the wave, so only a person can say whether to give it to the PLC
 * now or clear it so its MOs are fetched again. Both are recorded with a reason.
 */
export function ResolveWaveActions() {
  const api = useConsoleApi();
  const [action, setAction] = useState<WaveResolution | null>(null);

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
  const labels = LABELS[action];
  return (
    <ReasonForm
      className="resolve-wave"
      label={labels.confirm}
      inputLabel={`Reason to ${labels.verb} the wave`}
      placeholder={labels.placeholder}
      confirm={labels.confirm}
      cancel="Cancel"
      testId="wave-resolve"
      submit={async (reason) => {
        const run = await api.resolveWave({ action, reason });
        // The PLC's evidence may overrule the button, or the hand-over may stay unconfirmed: say so.
        return run.outcome === 'recovered' ? null : run.reason;
      }}
      onDone={() => setAction(null)}
    />
  );
}
