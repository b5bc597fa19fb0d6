/** A pino JSON line of the engine's log as the console shows it: the live panel and the log files alike. */
import { TASK_NAMES, type LogEntry, type TaskName } from '../../../shared/domain';

/** pino's numeric levels; trace shows as debug and fatal as error. */
const LEVEL_NAMES: Record<number, LogEntry['level']> = { 10: 'debug', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'error' };

/** The entry a parsed pino record shows, or null when the record is not one of the logger's. */
export function toLogEntry(record: unknown): LogEntry | null {
  if (typeof record !== 'object' || record === null) return null;
  const fields = record as Record<string, unknown>;
  if (typeof fields.time !== 'string') return null;
  const entry: LogEntry = { time: fields.time, level: LEVEL_NAMES[Number(fields.level)] ?? 'info', message: String(fields.msg ?? '') };
  if (typeof fields.task === 'string' && (TASK_NAMES as readonly string[]).includes(fields.task)) entry.task = fields.task as TaskName;
  if (typeof fields.moId === 'string') entry.moId = fields.moId;
  return entry;
}

/** One line of a log file (no newline), or null when it is torn or not JSON. */
export function parseLogLine(line: string): LogEntry | null {
  try {
    return toLogEntry(JSON.parse(line));
  } catch {
    return null;
  }
}
