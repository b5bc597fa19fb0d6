import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { GuardedButton } from '../people/guarded-button';
import { RequestError } from '../request-error';
import { messageOf } from '../../state/message-of';

/** Minutes an operator may shelve an alarm for (the engine takes 5..720): up to one 12-hour day. */
const SHELVE_MINUTES = [15, 30, 60, 120, 240, 480, 720] as const;

type Open = 'none' | 'acknowledge' | 'shelve';

/**
 * Acknowledge (with an optional note), shelve (for a chosen time, with a
 * reason) and unshelve. The engine owns the alarm's state: the answer shows up
 * in the next snapshot on every station, so this only says when it refused.
 */
export function AlarmActions({ alarm, title }: { alarm: Alarm; title: string }) {
  const { t } = useTranslation('alarms');
  const api = useConsoleApi();
  const [open, setOpen] = useState<Open>('none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canAcknowledge = alarm.state === 'unacknowledged' || alarm.state === 'returned-unacknowledged';

  const send = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setOpen('none');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="alarm-actions">
      {open === 'none' && (
        <div className="alarm-buttons">
          {canAcknowledge && (
            <GuardedButton request="acknowledgeAlarm" aria-label={t('acknowledgeNamed', { title })} data-testid="alarm-acknowledge" onClick={() => setOpen('acknowledge')}>
              {t('acknowledge')}
            </GuardedButton>
          )}
          {alarm.state === 'shelved' ? (
            <GuardedButton
              request="unshelveAlarm"
              aria-label={t('unshelveNamed', { title })}
              data-testid="alarm-unshelve"
              disabled={busy}
              onClick={() => void send(() => api.unshelveAlarm({ key: alarm.key }))}
            >
              {t('unshelve')}
            </GuardedButton>
          ) : (
            <GuardedButton request="shelveAlarm" aria-label={t('shelveNamed', { title })} data-testid="alarm-shelve" onClick={() => setOpen('shelve')}>
              {t('shelve')}
            </GuardedButton>
          )}
        </div>
      )}
      {open === 'acknowledge' && (
        <AcknowledgeForm
          label={t('acknowledgeNamed', { title })}
          busy={busy}
          onCancel={() => setOpen('none')}
          onSubmit={(note) => void send(() => api.acknowledgeAlarm(note ? { key: alarm.key, note } : { key: alarm.key }))}
        />
      )}
      {open === 'shelve' && (
        <ShelveForm
          label={t('shelveNamed', { title })}
          busy={busy}
          onCancel={() => setOpen('none')}
          onSubmit={(minutes, note) => void send(() => api.shelveAlarm({ key: alarm.key, minutes, note }))}
        />
      )}
      {busy && <span role="status">{t('working')}</span>}
      <RequestError error={error} testId="alarm-action-error" />
    </div>
  );
}

interface FormProps {
  label: string;
  busy: boolean;
  onCancel(): void;
}

function AcknowledgeForm({ label, busy, onCancel, onSubmit }: FormProps & { onSubmit(note: string): void }) {
  const { t } = useTranslation('alarms');
  const [note, setNote] = useState('');
  return (
    <ActionForm label={label} busy={busy} confirm={t('acknowledgeConfirm')} testId="alarm-acknowledge" onCancel={onCancel} onSubmit={() => onSubmit(note.trim())}>
      <label className="alarm-field">
        {t('acknowledgeNote')}
        <input type="text" maxLength={500} value={note} data-testid="alarm-acknowledge-note" onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}

function ShelveForm({ label, busy, onCancel, onSubmit }: FormProps & { onSubmit(minutes: number, note: string): void }) {
  const { t } = useTranslation('alarms');
  const [minutes, setMinutes] = useState<number>(60);
  const [note, setNote] = useState('');
  return (
    <ActionForm label={label} busy={busy} confirm={t('shelveConfirm')} testId="alarm-shelve" onCancel={onCancel} onSubmit={() => onSubmit(minutes, note.trim())}>
      <label className="alarm-field">
        {t('shelveFor')}
        <select value={minutes} data-testid="alarm-shelve-minutes" onChange={(event) => setMinutes(Number(event.target.value))}>
          {SHELVE_MINUTES.map((choice) => (
            <option key={choice} value={choice}>
              {choice < 60 ? t('minutes', { count: choice }) : t('hours', { count: choice / 60 })}
            </option>
          ))}
        </select>
      </label>
      <label className="alarm-field alarm-field-wide">
        {t('shelveReason')}
        <input
          type="text"
          required
          minLength={3}
          maxLength={500}
          value={note}
          placeholder={t('shelveReasonPlaceholder')}
          data-testid="alarm-shelve-reason"
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
    </ActionForm>
  );
}

function ActionForm(props: FormProps & { confirm: string; testId: string; onSubmit(): void; children: ReactNode }) {
  const { t } = useTranslation('common');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form className="alarm-form" aria-label={props.label} onSubmit={submit}>
      {props.children}
      <div className="alarm-buttons">
        <button type="submit" disabled={props.busy} data-testid={`${props.testId}-confirm`}>
          {props.confirm}
        </button>
        <button type="button" disabled={props.busy} onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
