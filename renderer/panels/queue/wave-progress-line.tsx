import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { waveProgress } from '../../state/wave-progress';

const NO_BATCHES: never[] = [];

/** "7 of 10 done" for the wave in the PLC, with a bar; "no wave in the PLC" between waves. */
export function WaveProgressLine() {
  const { t } = useTranslation('queue');
  const format = useFormat();
  const batches = useConsoleState((state) => state.snapshot?.queue.batches ?? NO_BATCHES);
  const lastSync = useConsoleState((state) => state.snapshot?.lastSync ?? null);
  const progress = waveProgress(batches, lastSync);
  if (progress === null) {
    return (
      <p className="wave-progress" data-testid="wave-progress">
        {t('wave.none')}
      </p>
    );
  }
  const text = t('wave.done', { done: format.number(progress.done), total: format.number(progress.total) });
  return (
    <div className="wave-progress">
      <p data-testid="wave-progress">{text}</p>
      <progress max={progress.total} value={progress.done} aria-label={t('wave.label')} />
    </div>
  );
}
