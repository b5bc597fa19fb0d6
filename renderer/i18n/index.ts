/**
 * The console speaks Bahasa Indonesia or English (i18next). Every string lives in
 * locales/<language>/<namespace>.json, one namespace per area of the screen; the
 * two languages must hold the same keys (test/unit/renderer/locales.test.ts).
 * The default comes from the engine (UI_LANGUAGE); an operator's own choice is
 * remembered by this browser or window and wins.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const CHOICE_KEY = 'smart-mo-sync.language';

type LocaleModule = { default: Record<string, unknown> };
const files = import.meta.glob<LocaleModule>('./locales/*/*.json', { eager: true });

/** { id: { queue: {...}, alarms: {...} }, en: {...} } from the files above. */
export function localeResources(): Record<Language, Record<string, Record<string, unknown>>> {
  const resources = { id: {}, en: {} } as Record<Language, Record<string, Record<string, unknown>>>;
  for (const [path, module] of Object.entries(files)) {
    const match = /\.\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language = '', namespace = ''] = match;
    if (!isLanguage(language)) throw new Error(`locale file ${path} is for an unknown language`);
    resources[language][namespace] = module.default;
  }
  return resources;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Starts i18next in the operator's remembered language, else `fallback` (the engine's UI_LANGUAGE once known). */
export function startI18n(fallback: Language = 'id'): I18n {
  const instance = i18next.createInstance();
  const resources = localeResources();
  void instance.use(initReactI18next).init({
    resources,
    lng: rememberedLanguage() ?? fallback,
    fallbackLng: 'en',
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  markDocument(instance.language);
  instance.on('languageChanged', markDocument);
  return instance;
}

/** The engine's default applies only while the operator has not chosen. */
export function applyDefaultLanguage(instance: I18n, language: Language): void {
  if (rememberedLanguage() === null && instance.language !== language) void instance.changeLanguage(language);
}

/** The operator's choice: applied now and remembered. */
export function chooseLanguage(instance: I18n, language: Language): void {
  try {
    globalThis.localStorage?.setItem(CHOICE_KEY, language);
  } catch {
    // Storage may be off (a locked-down kiosk profile): the choice then lasts until the page reloads.
  }
  void instance.changeLanguage(language);
}

function rememberedLanguage(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(CHOICE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

function markDocument(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
