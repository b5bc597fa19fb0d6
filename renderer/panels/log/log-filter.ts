/**
 * The log view's filter applied to the live entries the engine pushes, the same
 * way the engine applies it to its files (listLogs: minimum level, case-insensitive
 * search in message, MO and task), and the two lists merged without doubles.
 */
import type { LogEntry } from '../../../shared/domain';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogEntry['level'][];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogFilter {
  minLevel?: LogLevel;
  search?: string;
}

export function matchesLogFilter(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.minLevel !== undefined && LOG_LEVELS.indexOf(entry.level) < LOG_LEVELS.indexOf(filter.minLevel)) return false;
  const needle = filter.search?.trim().toLowerCase();
  if (!needle) return true;
  return [entry.message, entry.moId ?? '', entry.task ?? ''].some((text) => text.toLowerCase().includes(needle));
}

/**
 * Live entries on top, then the pages read from the files. An entry pushed while
 * the first page was being read is in both: shown once.
 */
export function mergeLogEntries(live: readonly LogEntry[], fromFiles: readonly LogEntry[]): LogEntry[] {
  const identity = (entry: LogEntry): string => `${entry.time}|${entry.level}|${entry.message}`;
  const seen = new Set(live.map(identity));
  return [...live, ...fromFiles.filter((entry) => !seen.has(identity(entry)))];
}
