import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from '../../i18n';

/** Bahasa Indonesia or English, each named in its own language; the choice is remembered. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <div role="group" aria-label={t('language')} className="switch" data-testid="language-switch">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          data-testid={`language-${language}`}
          onClick={() => chooseLanguage(i18n, language)}
        >
          {t(`languageName.${language}`)}
        </button>
      ))}
    </div>
  );
}
