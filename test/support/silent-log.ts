import type { EngineLog } from '../../electron/engine/engine-log';

/** An EngineLog that keeps entries in memory, for assertions and quiet tests. */
export class MemoryLog implements EngineLog {
  readonly entries: { level: string; message: string; fields: Record<string, unknown> }[] = [];

  constructor(private readonly fields: Record<string, unknown> = {}, private readonly sink?: MemoryLog) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.add('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.add('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.add('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.add('error', message, fields);
  }
  child(fields: Record<string, unknown>): EngineLog {
    return new MemoryLog({ ...this.fields, ...fields }, this.sink ?? this);
  }

  private add(level: string, message: string, fields?: Record<string, unknown>): void {
    (this.sink ?? this).entries.push({ level, message, fields: { ...this.fields, ...fields } });
  }
}
