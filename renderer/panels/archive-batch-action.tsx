import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi } from '../console-context';
import { ReasonForm } from './reason-form';

/**
 * Takes one batch out of the queue by hand (archived as cancelled). A stuck
 * batch blocks every new wave, so the operator needs this — but it is final,
 * so it asks for the reason that goes into the archive.
 */
export function ArchiveBatchAction({ moId }: { moId: string }) {
  const { t } = useTranslation('queue');
  const api = useConsoleApi();
  const [open, setOpen] = useState(false);

  if (!open) {
    return (
      <button type="button" aria-label={t('archive.label', { mo: moId })} data-testid="queue-archive" onClick={() => setOpen(true)}>
        {t('archive.open')}
      </button>
    );
  }
  return (
    <ReasonForm
      className="reason-form"
      label={t('archive.label', { mo: moId })}
      inputLabel={t('archive.reasonLabel', { mo: moId })}
      placeholder={t('archive.placeholder')}
      confirm={t('archive.confirm')}
      cancel={t('archive.keep')}
      testId="queue-archive"
      submit={async (reason) => {
        await api.archiveBatch({ moId, reason });
        return null;
      }}
      onDone={() => setOpen(false)}
    />
  );
}
