/**
 * Pages of the engine's own log files (DATA_DIR/logs/engine.N.log, rolled by pino-roll: the highest
 * N is the live file), newest first. Files are read backwards in chunks, so a page costs what it
 * shows plus what its filter skipped, never a whole file in memory; and a page stops after reading
 * `scanBytes`, so a search that matches nothing answers at once with a cursor to go on from.
 * A line that does not parse — the live file's line being written, a line a crash tore — is skipped.
 */
import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogEntry, LogPage } from '../../../shared/domain';
import { BadRequestError } from '../bad-request-error';
import { decodeLogCursor, encodeLogCursor } from './log-cursor';
import { parseLogLine } from './log-record';

export interface LogQuery {
  pageSize: number;
  /** A cursor from the previous page's `older`. */
  older?: string;
  minLevel?: LogEntry['level'];
  /** Case-insensitive, in the message, the MO and the task. */
  search?: string;
}

export interface LogReadLimits {
  /** Bytes read from a file at a time. */
  chunkBytes: number;
  /** A page stops once it has read this much (its cursor goes on from there). */
  scanBytes: number;
  /** A longer "line" is not one of the logger's: it is skipped without being held in memory. */
  lineBytes: number;
}

export const LOG_READ_LIMITS: LogReadLimits = { chunkBytes: 64 * 1024, scanBytes: 8 * 1024 * 1024, lineBytes: 256 * 1024 };

const LOG_FILE = /^engine\.(\d+)\.log$/;
const LEVEL_RANK: Record<LogEntry['level'], number> = { debug: 0, info: 1, warn: 2, error: 3 };

export async function readLogPage(dir: string, query: LogQuery, limits: LogReadLimits = LOG_READ_LIMITS): Promise<LogPage> {
  const from = query.older === undefined ? undefined : decodeLogCursor(query.older);
  const files = (await rolledFiles(dir)).filter((file) => from === undefined || file <= from.file);
  const matches = entryFilter(query);
  const items: LogEntry[] = [];
  let scanned = 0;
  for (const [index, file] of files.entries()) {
    const handle = await open(join(dir, `engine.${file}.log`), 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null; // rolled away since the listing: its lines are gone
      throw error;
    });
    if (!handle) continue;
    try {
      const size = (await handle.stat()).size;
      const end = from?.file === file ? from.offset : size;
      if (end > size) throw new BadRequestError('the log files have changed since this page was read; load the newest entries again');
      for await (const line of linesBefore(handle, end, limits)) {
        const entry = line.text === null ? null : parseLogLine(line.text);
        if (entry && matches(entry)) items.push(entry);
        if (items.length >= query.pageSize || scanned + (end - line.start) >= limits.scanBytes) {
          const olderLeft = line.start > 0 || index < files.length - 1;
          return { items, older: olderLeft ? encodeLogCursor({ file, offset: line.start }) : null };
        }
      }
      scanned += end;
    } finally {
      await handle.close();
    }
  }
  return { items, older: null };
}

/** Roll numbers of the log files, newest first; none when the directory does not exist yet. */
async function rolledFiles(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names
    .map((name) => LOG_FILE.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
}

function entryFilter(query: LogQuery): (entry: LogEntry) => boolean {
  const needle = query.search?.trim().toLowerCase() ?? '';
  const minRank = query.minLevel === undefined ? 0 : LEVEL_RANK[query.minLevel];
  return (entry) =>
    LEVEL_RANK[entry.level] >= minRank &&
    (needle === '' || [entry.message, entry.moId, entry.task].some((field) => field?.toLowerCase().includes(needle)));
}

/**
 * The lines of a file that end at or before byte `end`, last first, each with the offset it starts
 * at; `text` is null for a line longer than `lineBytes` (skipped unread).
 */
async function* linesBefore(handle: FileHandle, end: number, limits: LogReadLimits): AsyncGenerator<{ text: string | null; start: number }> {
  const NEWLINE = 0x0a;
  let position = end;
  /** The bytes from `position` up to the last line handed out: the newest part of a line whose start is further back. */
  let carry = Buffer.alloc(0);
  let oversized = false;
  while (position > 0) {
    const size = Math.min(limits.chunkBytes, position);
    position -= size;
    const chunk = Buffer.alloc(size);
    await handle.read(chunk, 0, size, position);
    const buffer = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
    // `stop`: where the line being looked at ends (its newline included).
    let stop = buffer.length;
    for (;;) {
      // Where the line before ends; a newline in the last byte is this line's own.
      const newline = stop >= 2 ? buffer.lastIndexOf(NEWLINE, stop - 2) : -1;
      if (newline < 0) break;
      yield { text: oversized ? null : buffer.subarray(newline + 1, stop).toString('utf8'), start: position + newline + 1 };
      oversized = false;
      stop = newline + 1;
    }
    carry = buffer.subarray(0, stop);
    if (carry.length > limits.lineBytes) {
      // One byte stands for the dropped part, so that a newline just before it is still seen as this line's start.
      oversized = true;
      carry = Buffer.from(' ');
    }
  }
  if (carry.length > 0) yield { text: oversized ? null : carry.toString('utf8'), start: 0 };
}
