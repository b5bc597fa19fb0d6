import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../console-context';
import { EngineSentence } from './engine-sentence';
import { ResolveWaveActions } from './resolve-wave-actions';

/**
 * A dispatched wave the PLC shows no trace of holds the gate until a person decides (hand it over or
 * withdraw it): on every view, as long as the engine reports it — shelving its alarm does not hide it.
 */
export function HeldWaveStrip() {
  const { t } = useTranslation('queue');
  const held = useConsoleState((state) => state.snapshot?.warnings.find((warning) => warning.kind === 'wave-unconfirmed') ?? null);
  if (held === null) return null;
  return (
    <section className="held-wave" aria-labelledby="held-wave-title" data-testid="held-wave">
      <h2 id="held-wave-title">
        <span aria-hidden="true">▲ </span>
        {t('heldWave.title')}
      </h2>
      <EngineSentence sentence={held.message} testId="held-wave-text" />
      <ResolveWaveActions />
    </section>
  );
}
