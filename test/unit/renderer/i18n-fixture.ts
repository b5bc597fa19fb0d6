import type { TFunction } from 'i18next';
import { formatterFor } from '../../../renderer/format/locale-format';
import { startI18n, type Language } from '../../../renderer/i18n';
import { translateEngineText } from '../../../renderer/i18n/engine-text';

/** The console's messages and formats in one language, as a component would get them. */
export function inLanguage(language: Language) {
  const i18n = startI18n(language);
  void i18n.changeLanguage(language);
  const t: TFunction = i18n.getFixedT(language);
  return { t, format: formatterFor(language), engineText: (sentence: string) => translateEngineText(sentence, t, language) };
}
