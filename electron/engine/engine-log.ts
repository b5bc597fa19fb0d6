/** The engine's logging surface: structured fields, no secrets (config values never go in here). */
export interface EngineLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose entries carry these fields too (e.g. { task: 'mo-sync' }). */
  child(fields: Record<string, unknown>): EngineLog;
}
