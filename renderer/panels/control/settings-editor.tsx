import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView, SettingView } from '../../../shared/domain';
import { useConsoleApi } from '../../console-context';
import { ReasonForm } from '../reason-form';
import { RequestError } from '../request-error';
import { SettingInput } from './setting-input';
import { WhenAllowed } from './when-allowed';
import './control.css';
import { messageOf } from '../../state/message-of';

/** Key → the new value as the env file would hold it; null removes the key from config.json. */
type Drafts = Record<string, string | null>;

/**
 * Every setting with where its value comes from, for the engineer to change. The engine checks a change
 * exactly as at start-up and writes config.json; its refusal is shown word for word, and most changes
 * wait for the next start, which the editor says.
 */
export function SettingsEditor() {
  const { t } = useTranslation('settings');
  return (
    <section className="card settings-editor" aria-labelledby="settings-title" data-testid="settings">
      <h2 id="settings-title">{t('title')}</h2>
      <WhenAllowed request="getSettings" testId="settings">
        <SettingsForm />
      </WhenAllowed>
    </section>
  );
}

function SettingsForm() {
  const { t } = useTranslation('settings');
  const api = useConsoleApi();
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [asking, setAsking] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let current = true;
    api.getSettings().then(
      (answer) => current && setView(answer),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const pending = Object.keys(drafts).length;
  const edit = (key: string, value: string | null | undefined): void => {
    setSaved(false);
    setDrafts((before) => {
      const rest = Object.fromEntries(Object.entries(before).filter(([other]) => other !== key));
      return value === undefined ? rest : { ...rest, [key]: value };
    });
  };

  return (
    <div aria-busy={view === null && error === null}>
      {view && <p className="muted">{t('explain', { file: view.configFile })}</p>}
      <RequestError error={error} />
      {view === null && error === null && <p className="muted">{t('loading')}</p>}
      {view && (
        <table className="table compact stacking-table" aria-label={t('table')}>
          <thead>
            <tr>
              <th scope="col">{t('key')}</th>
              <th scope="col">{t('value')}</th>
              <th scope="col">{t('source')}</th>
              <th scope="col">{t('newValue')}</th>
            </tr>
          </thead>
          <tbody>
            {view.settings.map((setting) => (
              <SettingRow key={setting.key} setting={setting} draft={drafts[setting.key]} onEdit={(value) => edit(setting.key, value)} />
            ))}
          </tbody>
        </table>
      )}
      <div className="settings-save">
        {pending > 0 && (
          <span className="state-word" data-testid="settings-pending">
            {t('pending', { count: pending })}
          </span>
        )}
        {pending > 0 && !asking && (
          <button type="button" className="primary" data-testid="settings-save" onClick={() => setAsking(true)}>
            {t('save')}
          </button>
        )}
        {asking && (
          <ReasonForm
            className="reason-form"
            label={t('saveLabel')}
            inputLabel={t('reasonLabel')}
            placeholder={t('reasonPlaceholder')}
            confirm={t('confirm')}
            cancel={t('cancel')}
            testId="settings-save"
            submit={async (reason) => {
              const answer = await api.saveSettings({ changes: drafts, reason });
              setView(answer);
              setDrafts({});
              setSaved(true);
              return null;
            }}
            onDone={() => setAsking(false)}
          />
        )}
        {saved && (
          <span role="status" data-testid="settings-saved">
            {t('saved')}
          </span>
        )}
        {view?.restartNeeded && (
          <p className="tone-warning restart-needed" data-testid="settings-restart">
            <span aria-hidden="true">▲ </span>
            {t('restartNeeded')}
          </p>
        )}
      </div>
    </div>
  );
}

/** One setting: its value in force (a secret only as set or not), its source, and its new value while edited. */
function SettingRow({ setting, draft, onEdit }: { setting: SettingView; draft: string | null | undefined; onEdit(value: string | null | undefined): void }) {
  const { t } = useTranslation('settings');
  const editing = draft !== undefined;
  const shown = setting.secret ? t(setting.value === null || setting.value === '' ? 'secretNotSet' : 'secretSet') : setting.value === null || setting.value === '' ? t('empty') : setting.value;
  return (
    <tr data-testid="setting" data-key={setting.key} data-source={setting.source}>
      <th scope="row" className="setting-key">
        {setting.key}
      </th>
      <td data-label={t('value')} data-testid="setting-value" className="setting-value">
        {shown}
      </td>
      <td data-label={t('source')} data-testid="setting-source">
        {t(`sourceName.${setting.source}`)}
        {setting.overridden && (
          <span className="mark mark-attention setting-overridden" title={t('overridden')}>
            <span aria-hidden="true">▲</span> {t('overriddenShort')}
            <span className="visually-hidden"> — {t('overridden')}</span>
          </span>
        )}
      </td>
      <td data-label={t('newValue')} className="setting-edit">
        {!editing && (
          <button type="button" aria-label={t(setting.secret ? 'setNew' : 'edit', { key: setting.key })} data-testid={`setting-edit-${setting.key}`} onClick={() => onEdit(setting.secret ? '' : (setting.value ?? ''))}>
            {t(setting.secret ? 'setNewShort' : 'editShort')}
          </button>
        )}
        {editing && draft !== null && <SettingInput setting={setting} value={draft} onChange={onEdit} />}
        {editing && draft === null && <span className="muted">{t('removed')}</span>}
        {editing && (
          <button type="button" aria-label={t('undo', { key: setting.key })} onClick={() => onEdit(undefined)}>
            {t('undoShort')}
          </button>
        )}
        {editing && draft !== null && setting.source === 'config-file' && (
          <button type="button" aria-label={t('remove', { key: setting.key })} onClick={() => onEdit(null)}>
            {t('removeShort')}
          </button>
        )}
      </td>
    </tr>
  );
}
