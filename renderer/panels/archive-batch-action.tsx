import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi } from '../console-context';
import { GuardedButton } from './people/guarded-button';
import { useSignatureNeeded } from './people/use-access';
import { ReasonForm } from './reason-form';

/**
 * Takes one batch out of the queue by hand (archived as cancelled). A stuck
 * batch blocks every new wave, so the operator needs this — but it is final,
 * so it asks for the reason that goes into the archive — and, once users exist, an e-signature:
 * the batch's consumption is then never booked in Odoo.
 */
export function ArchiveBatchAction({ moId }: { moId: string }) {
  const { t } = useTranslation('queue');
  const api = useConsoleApi();
  const [open, setOpen] = useState(false);
  const signed = useSignatureNeeded('archiveBatch');

  if (!open) {
    return (
      <GuardedButton request="archiveBatch" target={moId} aria-label={t('archive.label', { mo: moId })} data-testid="queue-archive" onClick={() => setOpen(true)}>
        {t('archive.open')}
      </GuardedButton>
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
      signing={signed ? { meaning: t('people:signature.meaning.archiveBatch', { mo: moId }) } : null}
      submit={async (reason, signature) => {
        await api.archiveBatch(signature ? { moId, reason, signature } : { moId, reason });
        return null;
      }}
      onDone={() => setOpen(false)}
    />
  );
}
