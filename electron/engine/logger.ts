/**
 * Structured logs (pino, JSON lines) to DATA_DIR/logs/engine.N.log — rolled
 * at 10 MB, the live file (highest N) and five older ones kept — and
 * to the console's log panel through the event bus. Nothing here ever
 * receives a password: the engine logs outcomes and reasons, not configuration.
 *
 * A log file that cannot be written (disk full, file system gone read-only)
 * must not stop the plant: the failure is reported once on stderr and in the
 * console's log panel, file lines are dropped meanwhile, and writing resumes
 * by itself once the disk takes lines again.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoRoll from 'pino-roll';
import type { LogEntry } from '../../shared/domain';
import type { EngineLog } from './engine-log';
import { parseLogLine } from './logs/log-record';

export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** Directory for engine.log; none = no file (tests). */
  dir?: string;
  /** Receives every entry at `level` or above, for the console. */
  onEntry?: (entry: LogEntry) => void;
  /** Also write to stderr (headless host, CLI with --verbose). */
  stderr?: boolean;
}

/** While the log file fails, one line in this many is still offered to it, to notice that the disk has room again. */
const PROBE_EVERY_LINES = 100;

export async function createLogger(options: LoggerOptions): Promise<{ log: EngineLog; close(): Promise<void> }> {
  const streams: pino.StreamEntry[] = [];
  const files: { end(): void }[] = [];
  const report = (message: string): void => {
    process.stderr.write(`smart-mo-sync: ${message}\n`);
    options.onEntry?.({ time: new Date().toISOString(), level: 'error', message });
  };
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
    streams.push({ level: options.level, stream: guardedFile(file, join(options.dir, 'engine.N.log'), report) });
  }
  if (options.onEntry) streams.push({ level: options.level, stream: entryStream(options.onEntry) });
  if (options.stderr) {
    const stderr = pino.destination(2);
    // A closed stderr (the terminal went away) is no reason to stop the engine.
    stderr.on('error', () => undefined);
    streams.push({ level: options.level, stream: stderr });
  }
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

type FileStream = Awaited<ReturnType<typeof pinoRoll>>;

/**
 * The rolling file behind a guard: its 'error' event (ENOSPC, EROFS, EIO) would otherwise be an
 * unhandled error that kills the process. While it fails, lines are dropped instead of piling up
 * in memory, and one in PROBE_EVERY_LINES is let through to find out whether the disk has room again.
 */
function guardedFile(file: FileStream, name: string, report: (message: string) => void): { write(line: string): void } {
  let failing = false;
  let dropped = 0;
  file.on('error', (error: NodeJS.ErrnoException) => {
    if (failing) return;
    failing = true;
    report(`cannot write the log file ${name} (${error.code ?? error.message}); the engine keeps running and file logging resumes when the disk has room again`);
  });
  file.on('write', () => {
    if (!failing) return;
    failing = false;
    report(`the log file ${name} is writable again; ${dropped} line(s) were not written to it`);
    dropped = 0;
  });
  return {
    write(line: string) {
      if (failing && ++dropped % PROBE_EVERY_LINES !== 0) return;
      file.write(line);
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
      // A line that is not the logger's JSON is not ours to show.
      const entry = parseLogLine(chunk.toString('utf8'));
      if (entry) onEntry(entry);
      done();
    },
  });
}
