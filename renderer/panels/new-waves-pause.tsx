import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../console-context';
import { useFormat } from '../format/locale-format';
import { GuardedButton } from './people/guarded-button';
import { ReasonForm } from './reason-form';

/**
 * "Pause new waves" stops only the gate from fetching (plant-wide, recorded with who, when and why);
 * the PLC is still read and finished batches are still booked. Both ways ask for a reason.
 */
function PauseToggle({ pause }: { pause: boolean }) {
  const { t } = useTranslation('sync');
  const api = useConsoleApi();
  const [open, setOpen] = useState(false);
  const words = pause ? 'pause' : 'resume';
  if (!open) {
    return (
      <GuardedButton request="setNewWavesPaused" className={pause ? undefined : 'primary'} data-testid={`new-waves-${words}`} onClick={() => setOpen(true)}>
        {t(`newWaves.${words}.open`)}
      </GuardedButton>
    );
  }
  return (
    <ReasonForm
      className="reason-form"
      label={t(`newWaves.${words}.open`)}
      inputLabel={t(`newWaves.${words}.reasonLabel`)}
      placeholder={t(`newWaves.${words}.placeholder`)}
      confirm={t(`newWaves.${words}.confirm`)}
      cancel={t('common:cancel')}
      testId={`new-waves-${words}`}
      submit={async (reason) => {
        await api.setNewWavesPaused({ paused: pause, reason });
        return null;
      }}
      onDone={() => setOpen(false)}
    />
  );
}

/** In the status column, under Sync now: the way to pause; nothing while paused (the strip says so and resumes). */
export function PauseNewWaves() {
  const paused = useConsoleState((state) => state.snapshot?.newWaves.paused ?? null);
  if (paused !== false) return null;
  return <PauseToggle pause />;
}

/** While new waves are paused: a strip on every view that cannot be missed, with since when, where, why, and Resume. */
export function NewWavesPausedStrip() {
  const { t } = useTranslation('sync');
  const format = useFormat();
  const newWaves = useConsoleState((state) => state.snapshot?.newWaves ?? null);
  const generatedAt = useConsoleState((state) => state.snapshot?.generatedAt);
  if (!newWaves?.paused) return null;
  return (
    <section className="paused-strip" aria-label={t('newWaves.pausedTitle')} data-testid="new-waves-paused">
      <p>
        <span aria-hidden="true" className="paused-symbol">
          ⏸
        </span>{' '}
        <strong>{t('newWaves.pausedTitle')}</strong>{' '}
        <span data-testid="new-waves-paused-detail">
          {t('newWaves.pausedDetail', {
            since: format.dateTime(newWaves.changedAt, generatedAt),
            station: newWaves.changedBy ?? t('newWaves.unknownStation'),
            reason: newWaves.reason ?? '—',
          })}
        </span>{' '}
        <span className="muted">{t('newWaves.stillRunning')}</span>
      </p>
      <PauseToggle pause={false} />
    </section>
  );
}
