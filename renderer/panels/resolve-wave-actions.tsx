import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WAVE_RESOLUTIONS, type WaveResolution } from '../../shared/domain';
import { useConsoleApi } from '../console-context';
import { useEngineText } from '../i18n/engine-text';
import { GuardedButton } from './people/guarded-button';
import { useSignatureNeeded } from './people/use-access';
import { ReasonForm } from './reason-form';

/**
 * The operator's way out of a wave-unconfirmed alarm: the PLC shows no
 * trace of the wave, so only a person can say whether to give it to the PLC
 * now or clear it so its MOs are fetched again. Both are recorded with a reason and, once users
 * exist, an e-signature: a wrong hand-over doses an MO twice, a wrong withdraw never.
 */
export function ResolveWaveActions() {
  const { t } = useTranslation('queue');
  const engineText = useEngineText();
  const api = useConsoleApi();
  const [action, setAction] = useState<WaveResolution | null>(null);
  const signed = useSignatureNeeded('resolveWave');

  if (action === null) {
    return (
      <span className="resolve-wave">
        {WAVE_RESOLUTIONS.map((choice) => (
          <GuardedButton key={choice} request="resolveWave" data-testid={`wave-${choice}`} onClick={() => setAction(choice)}>
            {t(`resolve.${choice}.open`)}
          </GuardedButton>
        ))}
      </span>
    );
  }
  return (
    <ReasonForm
      className="reason-form resolve-wave"
      label={t(`resolve.${action}.confirm`)}
      inputLabel={t(`resolve.${action}.reasonLabel`)}
      placeholder={t(`resolve.${action}.placeholder`)}
      confirm={t(`resolve.${action}.confirm`)}
      cancel={t('resolve.cancel')}
      testId="wave-resolve"
      signing={signed ? { meaning: t(`people:signature.meaning.${action}`) } : null}
      submit={async (reason, signature) => {
        const run = await api.resolveWave(signature ? { action, reason, signature } : { action, reason });
        // The PLC's evidence may overrule the button, or the hand-over may stay unconfirmed: say so.
        return run.outcome === 'recovered' ? null : engineText(run.reason).text;
      }}
      onDone={() => setAction(null)}
    />
  );
}
