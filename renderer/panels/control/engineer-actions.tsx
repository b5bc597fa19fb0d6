import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../../console-context';
import { EngineerAction } from './engineer-action';
import './control.css';

const NO_BATCHES: never[] = [];

/**
 * The engineer's ways out of a PLC that lost track: re-send one batch to its slot, cancel a batch
 * (telling Odoo or not, said on screen), reset the start of Task 1. Each is signed and audited; the
 * engine refuses what is unsafe (a reset while the PLC is not idle) and the refusal is shown as it said it.
 */
export function EngineerActions() {
  const { t } = useTranslation('plc', { keyPrefix: 'actions' });
  const nothing = useTranslation('common').t('nothing');
  const api = useConsoleApi();
  const batches = useConsoleState((state) => state.snapshot?.queue.batches ?? NO_BATCHES);
  const [chosen, setChosen] = useState('');
  const [tellOdoo, setTellOdoo] = useState<boolean | null>(null);
  const moId = batches.some((batch) => batch.moId === chosen) ? chosen : '';
  const mo = moId || nothing;

  return (
    <section className="card engineer-actions" aria-labelledby="engineer-actions-title" data-testid="engineer-actions">
      <h2 id="engineer-actions-title">{t('title')}</h2>
      <p className="muted">{t('explain')}</p>
      <label className="filter engineer-mo">
        {t('mo')}{' '}
        <select data-testid="engineer-mo" value={moId} onChange={(event) => setChosen(event.target.value)}>
          <option value="">{batches.length === 0 ? t('noBatches') : t('chooseMo')}</option>
          {batches.map((batch) => (
            <option key={batch.moId} value={batch.moId}>
              {`${batch.batchNo} · ${batch.moId}`}
            </option>
          ))}
        </select>
      </label>
      <div className="engineer-action-list">
        <EngineerAction
          request="resendBatch"
          testId="engineer-resend"
          disabled={moId === ''}
          open={t('resend.open')}
          label={t('resend.label', { mo })}
          reasonLabel={t('resend.reasonLabel', { mo })}
          placeholder={t('resend.placeholder')}
          confirm={t('resend.confirm')}
          cancel={t('keep')}
          meaning={t('resend.meaning', { mo })}
          before={<p className="muted">{t('resend.explain', { mo })}</p>}
          act={async (reason, signature) => {
            await api.resendBatch({ moId, reason, signature });
            return t('resend.done', { mo: moId });
          }}
        />
        <EngineerAction
          request="cancelBatch"
          testId="engineer-cancel"
          disabled={moId === ''}
          open={t('cancel.open')}
          label={t('cancel.label', { mo })}
          reasonLabel={t('cancel.reasonLabel', { mo })}
          placeholder={t('cancel.placeholder')}
          confirm={t(tellOdoo ? 'cancel.confirmTell' : 'cancel.confirmKeep')}
          cancel={t('keep')}
          meaning={t(tellOdoo ? 'cancel.meaningTell' : 'cancel.meaningKeep', { mo })}
          before={<TellOdooChoice value={tellOdoo} onChange={setTellOdoo} />}
          ready={tellOdoo !== null}
          onClose={() => setTellOdoo(null)}
          act={async (reason, signature) => {
            await api.cancelBatch({ moId, tellOdoo: tellOdoo === true, reason, signature });
            return t(tellOdoo ? 'cancel.doneTell' : 'cancel.doneKeep', { mo: moId });
          }}
        />
        <EngineerAction
          request="resetTask1"
          testId="engineer-reset"
          open={t('reset.open')}
          label={t('reset.label')}
          reasonLabel={t('reset.reasonLabel')}
          placeholder={t('reset.placeholder')}
          confirm={t('reset.confirm')}
          cancel={t('keep')}
          meaning={t('reset.meaning')}
          before={<p className="muted">{t('reset.explain')}</p>}
          act={async (reason, signature) => {
            await api.resetTask1({ reason, signature });
            return t('reset.done');
          }}
        />
      </div>
    </section>
  );
}

/** No default: whether Odoo hears of the cancellation is a decision, and the screen says what each choice does. */
function TellOdooChoice({ value, onChange }: { value: boolean | null; onChange(tellOdoo: boolean): void }) {
  const { t } = useTranslation('plc', { keyPrefix: 'actions.cancel' });
  return (
    <fieldset className="tell-odoo" data-testid="engineer-cancel-choice">
      <legend>{t('choice')}</legend>
      {[true, false].map((tell) => (
        <label key={String(tell)} className="tell-odoo-option">
          <input type="radio" name="tell-odoo" checked={value === tell} data-testid={`engineer-cancel-${tell ? 'tell' : 'keep'}`} onChange={() => onChange(tell)} />
          <span>
            <strong>{t(tell ? 'tellOdoo' : 'keepOdoo')}</strong> <span className="muted">{t(tell ? 'tellOdooExplain' : 'keepOdooExplain')}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
