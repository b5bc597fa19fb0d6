/**
 * Times, dates, weights and spans in the operator's language, through Intl: a 24-hour
 * clock always (the plant's clocks), day before month, the language's own decimal mark.
 */
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n';

export interface Formatter {
  language: Language;
  /** "29/11/2026 08:14:05" (or "… 08:14" to the minute); the date is left out when `reference` is the same local day. */
  dateTime(iso: string | null | undefined, reference?: string, precision?: 'seconds' | 'minutes'): string;
  /** "29/11/2026". */
  date(iso: string | null | undefined): string;
  /** kg to one decimal, "1.234,5" in Indonesian, "1,234.5" in English; "—" for nothing. */
  kg(value: number | null | undefined): string;
  number(value: number | null | undefined, fractionDigits?: number): string;
  /** "120 ms", "4,2 dtk", "12 mnt", "2 jam 5 mnt". */
  duration(ms: number): string;
}

const INTL_LOCALE: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };
const UNITS: Record<Language, { ms: string; s: string; min: string; h: string }> = {
  id: { ms: 'md', s: 'dtk', min: 'mnt', h: 'jam' },
  en: { ms: 'ms', s: 's', min: 'min', h: 'h' },
};
const NOTHING = '—';

export function formatterFor(language: Language): Formatter {
  const locale = INTL_LOCALE[language];
  const clocks = {
    seconds: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
    minutes: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const kg = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const units = UNITS[language];
  const parse = (iso: string | null | undefined): Date | null => {
    if (!iso) return null;
    const time = new Date(iso);
    return Number.isNaN(time.getTime()) ? null : time;
  };
  return {
    language,
    dateTime(iso, reference, precision = 'seconds') {
      const time = parse(iso);
      if (!time) return iso ?? NOTHING;
      const clock = clocks[precision];
      const sameDay = reference !== undefined && parse(reference) !== null && day.format(time) === day.format(new Date(reference));
      return sameDay ? clock.format(time) : `${day.format(time)} ${clock.format(time)}`;
    },
    date(iso) {
      const time = parse(iso);
      return time ? day.format(time) : (iso ?? NOTHING);
    },
    kg: (value) => (value === null || value === undefined ? NOTHING : kg.format(value)),
    number: (value, fractionDigits = 0) =>
      value === null || value === undefined ? NOTHING : new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value),
    duration(ms) {
      const decimal = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
      if (ms < 1000) return `${Math.round(ms)} ${units.ms}`;
      const seconds = ms / 1000;
      if (seconds < 10) return `${decimal(Number(seconds.toFixed(1)))} ${units.s}`;
      if (seconds < 60) return `${Math.floor(seconds)} ${units.s}`;
      const minutes = Math.floor(seconds / 60);
      if (minutes < 60) return `${minutes} ${units.min}`;
      const rest = minutes % 60;
      return rest === 0 ? `${minutes / 60} ${units.h}` : `${Math.floor(minutes / 60)} ${units.h} ${rest} ${units.min}`;
    },
  };
}

const cache = new Map<Language, Formatter>();

/** The formatter of the language on screen now; re-renders when the operator switches. */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'en';
  let formatter = cache.get(language);
  if (!formatter) {
    formatter = formatterFor(language);
    cache.set(language, formatter);
  }
  return formatter;
}
