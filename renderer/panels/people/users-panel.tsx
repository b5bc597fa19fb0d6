import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { useNow } from '../../state/use-now';
import { RequestError } from '../request-error';
import { useSession } from './session-context';
import { useAccess } from './use-access';
import { UserForm } from './user-form';
import './people.css';
import { messageOf } from '../../state/message-of';

/** The engineer's list of the people who may act here: role, whether they can sign in, and the way to change that. */
export function UsersPanel() {
  const { t } = useTranslation('people');
  const firstRun = useSession((state) => state.loaded && state.firstRun);
  const access = useAccess('listUsers');
  // While nobody exists the first-run banner is the way in; a list of nobody would only repeat it.
  if (firstRun) return null;
  return (
    <section className="card users" aria-labelledby="users-title" data-testid="users">
      <h2 id="users-title">{t('users.title')}</h2>
      {access.allowed ? (
        <UserList />
      ) : (
        <p className="locked-note" data-testid="users-locked">
          <span className="lock-shape" aria-hidden="true" />
          {t('users.needsEngineer')}
        </p>
      )}
    </section>
  );
}

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'change'; user: UserSummary };

function UserList() {
  const { t } = useTranslation('people');
  const format = useFormat();
  const api = useConsoleApi();
  // A lock runs out by itself (5 minutes): the word follows without a reload.
  const now = useNow(30_000);
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(() => {
    api.listUsers().then(
      (answer) => {
        setUsers(answer);
        setError(null);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [api]);
  useEffect(load, [load]);

  const isActive = (user: UserSummary): boolean => !user.disabled && (user.lockedUntil === null || Date.parse(user.lockedUntil) <= now);
  const stateWords = (user: UserSummary): string => {
    if (user.disabled) return t('users.disabled');
    if (!isActive(user) && user.lockedUntil !== null) return t('users.lockedUntil', { time: format.dateTime(user.lockedUntil) });
    return t('users.active');
  };
  const done = (user: UserSummary): void => {
    setEditing({ kind: 'none' });
    setSaved(t('users.saved', { user: user.name, role: t(`role.${user.role}`), state: stateWords(user) }));
    load();
  };

  return (
    <>
      <RequestError error={error} testId="users-error" />
      {users && users.length === 0 && <p>{t('users.empty')}</p>}
      {users && users.length > 0 && (
        <table className="table compact" aria-labelledby="users-title">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.name} data-testid="user-row" data-user={user.name}>
                <th scope="row">{user.name}</th>
                <td data-testid="user-role">{t(`role.${user.role}`)}</td>
                <td data-testid="user-state" className={isActive(user) ? undefined : 'tone-warning'}>
                  {stateWords(user)}
                </td>
                <td>{t('users.createdBy', { time: format.dateTime(user.createdAt), user: user.createdBy })}</td>
                <td>
                  <button
                    type="button"
                    aria-label={t('users.changeNamed', { user: user.name })}
                    data-testid="user-change"
                    onClick={() => setEditing({ kind: 'change', user })}
                  >
                    {t('users.change')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing.kind === 'none' ? (
        <button type="button" data-testid="user-add" onClick={() => setEditing({ kind: 'add' })}>
          {t('users.add')}
        </button>
      ) : (
        <UserForm key={editing.kind === 'change' ? editing.user.name : ''} existing={editing.kind === 'change' ? editing.user : null} onSaved={done} onCancel={() => setEditing({ kind: 'none' })} />
      )}
      <p role="status" data-testid="user-saved">
        {saved}
      </p>
    </>
  );
}
