import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';
import { SessionControl } from '../people/session-control';
import { LinkState } from './link-state';
import { StationLine } from './station-line';
import { ThemeSwitch } from './theme-switch';

export function ConsoleHeader() {
  const { t } = useTranslation('common');
  return (
    <header className="console-header">
      <div className="console-title">
        <h1>{t('appName')}</h1>
        <StationLine />
      </div>
      <LinkState />
      <SessionControl />
      <LanguageSwitch />
      <ThemeSwitch />
    </header>
  );
}
