/**
 * Structured logs (pino, JSON lines) to DATA_DIR/logs/engine.N.log — rolled
 * at 10 MB, the live file (highest N) and five older ones kept — and
 * to the console's log panel through the event bus. Nothing here ever
 * receives a password: the engine logs outcomes and reasons, not configuration.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoRoll from 'pino-roll';
import type { LogEntry, TaskName } from '../../shared/domain';
import type { EngineLog } from './engine-log';

export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** Directory for engine.log; none = no file (tests). */
  dir?: string;
  /** Receives every entry at `level` or above, for the console. */
  onEntry?: (entry: LogEntry) => void;
  /** Also write to stderr (headless host, CLI with --verbose). */
  stderr?: boolean;
}

const LEVEL_NAMES: Record<number, LogEntry['level']> = { 10: 'debug', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'error' };

export async function createLogger(options: LoggerOptions): Promise<{ log: EngineLog; close(): Promise<void> }> {
  const streams: pino.StreamEntry[] = [];
  const files: { end(): void }[] = [];
  if (options.dir) {
    const file = await pinoRoll({
      file: join(options.dir, 'engine'),
      extension: '.log',
      size: '10m',
      limit: { count: 5 },
      mkdir: true,
      // Synchronous writes: the lines written just before a crash are the ones an engineer needs.
      sync: true,
    });
    files.push(file);
    streams.push({ level: options.level, stream: file });
  }
  if (options.onEntry) streams.push({ level: options.level, stream: entryStream(options.onEntry) });
  if (options.stderr) streams.push({ level: options.level, stream: pino.destination(2) });
  const root = pino({ level: options.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.multistream(streams));
  const state = { closed: false };
  return {
    log: wrap(root, state),
    async close() {
      state.closed = true;
      for (const file of files) file.end();
    },
  };
}

/** After close(), a late line (a run finishing during shutdown) is dropped instead of throwing into the engine. */
function wrap(logger: pino.Logger, state: { closed: boolean }): EngineLog {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    if (!state.closed) logger[level](fields ?? {}, message);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(logger.child(fields), state),
  };
}

function entryStream(onEntry: (entry: LogEntry) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        const record = JSON.parse(chunk.toString('utf8')) as Record<string, unknown>;
        const entry: LogEntry = {
          time: String(record.time),
          level: LEVEL_NAMES[Number(record.level)] ?? 'info',
          message: String(record.msg ?? ''),
        };
        if (typeof record.task === 'string') entry.task = record.task as TaskName;
        if (typeof record.moId === 'string') entry.moId = record.moId;
        onEntry(entry);
      } catch {
        // A line that is not JSON is not ours to show.
      }
      done();
    },
  });
}
