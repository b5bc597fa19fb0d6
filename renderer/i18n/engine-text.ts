/**
 * The engine writes its reasons and warnings in English, for the record and the engineer. The
 * operator reads the common ones in the chosen language and without addresses or config keys:
 * each sentence is cut into clauses (". " and "; " outside brackets) and every clause must match a
 * known pattern; if one does not, the whole sentence stays the engine's English (marked lang="en"),
 * never half translated — unless it speaks in addresses, table, endpoint or task names: then the
 * operator reads only whose message it is. `original` is the engineer's text for a "Details" disclosure.
 */
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_NAMES } from '../../shared/domain';
import { isLanguage, type Language } from '.';

export interface EngineText {
  text: string;
  lang: Language;
  /** The engine's own sentence, unchanged. */
  original: string;
  translated: boolean;
}

type Params = Record<string, string | number>;
interface Rule {
  pattern: RegExp;
  key: string;
  params?: (match: RegExpExecArray, t: TFunction) => Params | null;
}

const count = (value: string | undefined): number => Number((value ?? '0').replace(/,/g, ''));

/** "A, B, C and 2 more" → the same list in the operator's language. */
function moList(list: string | undefined, t: TFunction): string {
  const more = /^(.*) and (\d+) more$/.exec(list ?? '');
  return more ? t('engine:moreIds', { ids: more[1], count: count(more[2]) }) : (list ?? '');
}

/** "3 waiting, 2 dosing" (the PLC's phases) → translated, or null when a phase is unknown. */
function phases(list: string | undefined, t: TFunction): string | null {
  const parts = (list ?? '').split(', ').map((part) => /^(\d+) (waiting|dosing|finished|failed)$/.exec(part));
  if (parts.some((part) => part === null)) return null;
  return parts.map((part) => t(`engine:phase.${part?.[2]}`, { count: count(part?.[1]) })).join(', ');
}

const RULES: Rule[] = [
  // Task 1 (the gate)
  {
    pattern: /^(\d+) batch(?:es)? still in the PLC \((.+)\); waiting for the PLC to finish (?:it|them)$/,
    key: 'inPlc',
    params: (m, t) => {
      const list = phases(m[2], t);
      return list === null ? null : { count: count(m[1]), phases: list };
    },
  },
  {
    pattern: /^(\d+) batch(?:es)? finished; waiting for Odoo to accept (?:its|their) consumption(?: \((.+)\))?$/,
    key: 'waitingForOdooBooking',
    params: (m) => ({ count: count(m[1]), answer: m[2] ?? '' }),
  },
  {
    pattern: /^(\d+) batch(?:es)? failed; waiting for Odoo to cancel (?:its|their) MOs?(?: \((.+)\))?$/,
    key: 'waitingForOdooCancel',
    params: (m) => ({ count: count(m[1]), answer: m[2] ?? '' }),
  },
  { pattern: /^(\d+) batch(?:es)? needs? an operator: .+$/, key: 'needOperator', params: (m) => ({ count: count(m[1]) }) },
  { pattern: /^another sync is running right now; nothing was (?:fetched twice|resolved, try again in a moment)$/, key: 'busy' },
  { pattern: /^Odoo lists no open MOs$/, key: 'noOpenMos' },
  { pattern: /^no new MOs in Odoo$/, key: 'noNewMos' },
  { pattern: /^no MO Odoo lists can be dispatched$/, key: 'noneDispatchable' },
  {
    pattern: /^Odoo still lists (\d+) MOs? already produced or archived here \((.+); close them in Odoo or turn on ODOO_MARK_DONE\)$/,
    key: 'odooStillListsIds',
    params: (m, t) => ({ count: count(m[1]), ids: moList(m[2], t) }),
  },
  {
    pattern: /^fetched (\d+) MOs? \((.+)\) into PLC slots? 1(?:–\d+)?$/,
    key: 'fetched',
    params: (m, t) => ({ count: count(m[1]), ids: moList(m[2], t) }),
  },
  { pattern: /^PLC has not taken the previous wave yet \(.*\)$/, key: 'previousWaveNotTaken' },
  { pattern: /^WRITE area handshake .+ neither 0 nor 1; the PLC program must be checked$/, key: 'handshakeInvalid' },
  { pattern: /^no wave is waiting for an operator; nothing was done$/, key: 'noWaveWaiting' },
  // Task 2 (reading the PLC)
  { pattern: /^the queue is empty; nothing to read back$/, key: 'nothingToRead' },
  {
    pattern: /^(\d+) in queue: (.+)$/,
    key: 'inQueue',
    params: (m, t) => {
      const list = phases(m[2], t);
      return list === null ? null : { count: count(m[1]), phases: list };
    },
  },
  { pattern: /^(\d+) changed$/, key: 'changed', params: (m) => ({ count: count(m[1]) }) },
  { pattern: /^acknowledged slots? ([\d, ]+)$/, key: 'acknowledgedSlots', params: (m) => ({ slots: m[1] ?? '' }) },
  // Task 3 (reporting to Odoo)
  { pattern: /^completed (.+)$/, key: 'completed', params: (m, t) => ({ ids: moList(m[1], t) }) },
  { pattern: /^cancelled (.+)$/, key: 'cancelled', params: (m, t) => ({ ids: moList(m[1], t) }) },
  { pattern: /^released (.+) \(consumption waiting for Odoo\)$/, key: 'released', params: (m, t) => ({ ids: moList(m[1], t) }) },
  { pattern: /^no finished or failed batch to report$/, key: 'nothingToReport' },
  // Tasks 4 and 5 (health, equipment failures)
  { pattern: /^all healthy$/, key: 'allHealthy' },
  { pattern: /^(\d+) warning\(s\): .+$/, key: 'warnings', params: (m) => ({ count: count(m[1]) }) },
  { pattern: /^no equipment failure reported by the PLC$/, key: 'noEquipmentFailure' },
  // Warnings (the alarms' details)
  {
    pattern: /^slot (\d+) \((.+)\) failed in the PLC; its MO is being cancelled in Odoo$/,
    key: 'slotFailed',
    params: (m) => ({ slot: count(m[1]), mo: m[2] ?? '' }),
  },
  {
    pattern: /^slot (\d+) \((.+)\) finished without any consumption to report; archive it with a reason$/,
    key: 'slotUnreportable',
    params: (m) => ({ slot: count(m[1]), mo: m[2] ?? '' }),
  },
  {
    pattern: /^slot (\d+) \((.+)\) has not progressed for (\d+) min$/,
    key: 'slotStuck',
    params: (m) => ({ slot: count(m[1]), mo: m[2] ?? '', minutes: count(m[3]) }),
  },
  {
    pattern: /^the PLC has not started the wave dispatched (\d+) min ago \((\d+) batches waiting\); check that it took the recipes$/,
    key: 'waveNotStarted',
    params: (m) => ({ minutes: count(m[1]), count: count(m[2]) }),
  },
  { pattern: /^no successful PLC reading for (\d+) min$/, key: 'noPlcReadingFor', params: (m) => ({ minutes: count(m[1]) }) },
  { pattern: /^no successful PLC reading yet for the batches in the queue$/, key: 'noPlcReadingYet' },
  {
    pattern: /^Odoo still lists ([\d,]+) MOs produced here; close them in Odoo or turn on ODOO_MARK_DONE$/,
    key: 'odooBacklog',
    params: (m) => ({ count: count(m[1]) }),
  },
];

const ADDRESS = String.raw`\bDM?\d{1,5}\b`;
const SNAKE_CASE = String.raw`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`;

/**
 * Words only an engineer reads: PLC memory addresses (D7076), table and column names (mo_batch),
 * Odoo endpoints (/api/scada/…, update-with-consumptions), task ids (mo-sync; "complete" and "health"
 * are plain words too), configuration keys (ODOO_MARK_DONE) and network addresses.
 */
const TECHNICAL = new RegExp(
  [
    ADDRESS,
    SNAKE_CASE,
    '/api/',
    String.raw`\b(?:update-with-consumptions|mo-list-detailed|mo-detail|scada-authenticate|mark-done)\b`,
    ...TASK_NAMES.filter((task) => task.includes('-')).map((task) => String.raw`\b${task}\b`),
    String.raw`\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b`,
    String.raw`\b\d{1,3}(?:\.\d{1,3}){3}\b`,
  ].join('|'),
);

/** Whose technical message it is, first match wins; the operator reads that, the words stay under Details. */
const TECHNICAL_SOURCES = [
  ['plc', new RegExp(String.raw`\bPLC\b|\bFINS\b|${ADDRESS}`)],
  ['odoo', /\bodoo\b|\/api\//i],
  ['database', new RegExp(String.raw`\bPostgreSQL\b|\bSQLite\b|\bdatabase\b|${SNAKE_CASE}`)],
] as const;

function technicalSource(sentence: string): string {
  return TECHNICAL_SOURCES.find(([, pattern]) => pattern.test(sentence))?.[0] ?? 'engine';
}

/** Splits at `separator` only outside (brackets), so a list of ids in brackets stays one clause. */
export function splitOutsideBrackets(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function translateClause(clause: string, t: TFunction): string | null {
  for (const rule of RULES) {
    const match = rule.pattern.exec(clause);
    if (!match) continue;
    const params = rule.params ? rule.params(match, t) : {};
    if (params === null) return null;
    const key = rule.key === 'waitingForOdooBooking' || rule.key === 'waitingForOdooCancel' ? `${rule.key}${params.answer ? 'WithAnswer' : ''}` : rule.key;
    return t(`engine:${key}`, params);
  }
  return null;
}

/** A clause, or else its "; " parts one by one (a rule's pattern may itself hold a "; "). */
function translatePart(part: string, t: TFunction): string | null {
  const whole = translateClause(part, t);
  if (whole !== null) return whole;
  const clauses = splitOutsideBrackets(part, '; ');
  if (clauses.length === 1) return null;
  const translated = clauses.map((clause) => translateClause(clause, t));
  return translated.every((clause): clause is string => clause !== null) ? translated.join('; ') : null;
}

export function translateEngineText(sentence: string, t: TFunction, language: Language): EngineText {
  const untouched: EngineText = { text: sentence, lang: 'en', original: sentence, translated: false };
  const trimmed = sentence.trim();
  if (trimmed === '') return untouched;
  const parts = splitOutsideBrackets(trimmed, '. ').map((part) => translatePart(part, t));
  if (!parts.every((part): part is string => part !== null)) {
    return TECHNICAL.test(trimmed) ? translated(t(`engine:technical.${technicalSource(trimmed)}`), sentence, language) : untouched;
  }
  return translated(parts.join('. '), sentence, language);
}

function translated(text: string, original: string, language: Language): EngineText {
  return { text: text.charAt(0).toUpperCase() + text.slice(1), lang: language, original, translated: true };
}

/** `const engineText = useEngineText(); engineText(run.reason)` → `{ text, lang }` for `<span lang={lang}>`. */
export function useEngineText(): (sentence: string) => EngineText {
  const { t, i18n } = useTranslation('engine');
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'en';
  return useCallback((sentence: string) => translateEngineText(sentence, t, language), [t, language]);
}
