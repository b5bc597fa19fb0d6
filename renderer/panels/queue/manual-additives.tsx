import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManualAdditive } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { messageOf } from '../../state/message-of';

/**
 * What the PLC does not dose: the operator weighs it by hand and ticks it off. Every tick goes to the
 * engine (recorded with station and time, seen on every screen); the box shows the engine's answer.
 */
export function ManualAdditives({ moId, additives, reference }: { moId: string; additives: readonly ManualAdditive[]; reference: string }) {
  const { t } = useTranslation('queue');
  const format = useFormat();
  const api = useConsoleApi();
  /** The tick on its way to the engine: shown at once, then the engine's answer (in the snapshot) takes over. */
  const [pending, setPending] = useState<{ position: number; checked: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (additives.length === 0) return null;

  const tick = async (additive: ManualAdditive, checked: boolean): Promise<void> => {
    setPending({ position: additive.position, checked });
    setError(null);
    try {
      await api.checkManualAdditive({ moId, position: additive.position, checked });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(null);
    }
  };

  return (
    <fieldset className="manual-additives" data-testid="manual-additives">
      <legend>{t('additives.title')}</legend>
      <ul>
        {additives.map((additive) => (
          <li key={additive.position} data-testid="manual-additive">
            <label>
              <input
                type="checkbox"
                checked={pending?.position === additive.position ? pending.checked : additive.checkedAt !== null}
                aria-busy={pending?.position === additive.position}
                onClick={(event) => pending !== null && event.preventDefault()}
                onChange={(event) => void tick(additive, event.target.checked)}
              />
              <span>
                {additive.name}
                {additive.quantity !== null && ` — ${format.number(additive.quantity, 3)} ${additive.uom}`}
              </span>
            </label>
            <span className="muted" data-testid="manual-additive-state">
              {additive.checkedAt !== null
                ? t('additives.checked', { time: format.dateTime(additive.checkedAt, reference), station: additive.checkedBy ?? '—' })
                : t('additives.open')}
            </span>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="tone-bad">
          {error}
        </p>
      )}
    </fieldset>
  );
}
