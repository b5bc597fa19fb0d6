import { useTranslation } from 'react-i18next';
import { THEMES, useTheme } from '../../state/theme';

const SYMBOL = { light: '☀', dark: '☾' } as const;

/** Daylight or night screen; the choice is remembered. */
export function ThemeSwitch() {
  const { t } = useTranslation('shell');
  const theme = useTheme((state) => state.theme);
  const choose = useTheme((state) => state.choose);
  return (
    <div role="group" aria-label={t('theme.label')} className="switch" data-testid="theme-switch">
      {THEMES.map((choice) => (
        <button key={choice} type="button" aria-pressed={theme === choice} data-testid={`theme-${choice}`} onClick={() => choose(choice)}>
          <span aria-hidden="true">{SYMBOL[choice]}</span> {t(`theme.${choice}`)}
        </button>
      ))}
    </div>
  );
}
