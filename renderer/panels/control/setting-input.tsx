import { useTranslation } from 'react-i18next';
import type { SettingView } from '../../../shared/domain';
import { settingKind } from './setting-kind';

/** The field for a setting's new value, as text the env file would hold; a secret is typed blind and never filled in. */
export function SettingInput({ setting, value, onChange }: { setting: SettingView; value: string; onChange(value: string): void }) {
  const { t } = useTranslation('settings');
  const kind = settingKind(setting);
  const common = {
    value,
    'aria-label': t(kind === 'secret' ? 'secretLabel' : 'valueLabel', { key: setting.key }),
    'data-testid': `setting-input-${setting.key}`,
  };
  if (kind === 'boolean') {
    return (
      <select {...common} onChange={(event) => onChange(event.target.value)}>
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    );
  }
  return (
    <input
      {...common}
      type={kind === 'secret' ? 'password' : kind === 'number' ? 'number' : 'text'}
      step={kind === 'number' ? 'any' : undefined}
      autoComplete={kind === 'secret' ? 'new-password' : 'off'}
      spellCheck={false}
      maxLength={2000}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
