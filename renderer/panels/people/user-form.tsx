import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UserSummary } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { RequestError } from '../request-error';
import { CredentialField } from './credential-field';
import { useSend } from './use-send';

/**
 * Adds a user, or changes one: role, a new PIN (a forgotten one is replaced, never shown), disabled.
 * Each change carries a reason for the audit trail; the engine refuses what would leave no engineer.
 */
export function UserForm({ existing, onSaved, onCancel }: { existing: UserSummary | null; onSaved(user: UserSummary): void; onCancel(): void }) {
  const { t } = useTranslation('people');
  const api = useConsoleApi();
  const [name, setName] = useState(existing?.name ?? '');
  const [role, setRole] = useState<Role>(existing?.role ?? 'operator');
  const [pin, setPin] = useState('');
  const [disabled, setDisabled] = useState(existing?.disabled ?? false);
  const [reason, setReason] = useState('');
  const { busy, error, send } = useSend(async () => {
    const change = { user: existing?.name ?? name.trim(), role, reason: reason.trim(), ...(pin === '' ? {} : { pin }) };
    onSaved(await api.saveUser(existing ? { ...change, disabled } : change));
  });
  const title = existing ? t('users.changeNamed', { user: existing.name }) : t('users.addTitle');

  return (
    <form className="people-form user-form" aria-label={title} data-testid="user-form" onSubmit={send}>
      <h3>{title}</h3>
      {!existing && <CredentialField kind="name" label={t('users.name')} value={name} onChange={setName} testId="user-name" autoFocus />}
      <label className="people-field">
        {t('users.role')}
        <select value={role} data-testid="user-role-choice" onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`role.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      <CredentialField kind="pin" label={existing ? t('users.newPin') : t('users.pin')} value={pin} onChange={setPin} testId="user-pin" required={!existing} />
      {existing && (
        <label className="people-check">
          <input type="checkbox" checked={disabled} data-testid="user-disabled" onChange={(event) => setDisabled(event.target.checked)} />
          {t('users.disable')}
        </label>
      )}
      <label className="people-field people-field-wide">
        {t('users.reason')}
        <input
          type="text"
          required
          minLength={3}
          maxLength={500}
          value={reason}
          placeholder={t('users.reasonPlaceholder')}
          data-testid="user-reason"
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <div className="people-buttons">
        <button type="submit" className="primary" aria-busy={busy} data-testid="user-save">
          {t('users.save')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
      <RequestError error={error} testId="user-error" />
    </form>
  );
}
