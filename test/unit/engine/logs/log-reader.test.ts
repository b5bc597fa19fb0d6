import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry, LogPage } from '../../../../shared/domain';
import { BadRequestError } from '../../../../electron/engine/bad-request-error';
import { createLogger } from '../../../../electron/engine/logger';
import { decodeLogCursor, encodeLogCursor } from '../../../../electron/engine/logs/log-cursor';
import { LOG_READ_LIMITS, readLogPage, type LogQuery, type LogReadLimits } from '../../../../electron/engine/logs/log-reader';
import { dispatchRequest } from '../../../../electron/host/request-dispatch';
import type { ConsoleHandlers } from '../../../../shared/contract';

const T0 = Date.UTC(2026, 10, 28, 6, 0, 0);
const PINO_LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A pino line as the engine's logger writes it. */
function line(n: number, level: LogEntry['level'] = 'info', fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ level: PINO_LEVEL[level], time: new Date(T0 + n * 1000).toISOString(), ...fields, msg: `entry ${n}` })}\n`;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sms-logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes entries `from`..`to` (oldest first) into engine.N.log. */
function writeFile(file: number, from: number, to: number, lineOf: (n: number) => string = (n) => line(n)): void {
  writeFileSync(join(dir, `engine.${file}.log`), Array.from({ length: to - from + 1 }, (_, i) => lineOf(from + i)).join(''));
}

/** Every page, Older after Older, until the oldest entry: what the console shows scrolling back. */
async function walk(query: Omit<LogQuery, 'older'>, limits?: LogReadLimits): Promise<{ pages: LogPage[]; messages: string[] }> {
  const pages: LogPage[] = [];
  let page = await readLogPage(dir, query, limits);
  pages.push(page);
  while (page.older !== null) {
    page = await readLogPage(dir, { ...query, older: page.older }, limits);
    pages.push(page);
  }
  return { pages, messages: pages.flatMap((p) => p.items.map((e) => e.message)) };
}

const entries = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => `entry ${from - i}`);

describe('the log files, paged newest first', () => {
  it('pages back through the rolled files to the oldest kept entry: none missed, none twice', async () => {
    writeFile(4, 1, 40);
    writeFile(5, 41, 75);
    writeFile(6, 76, 90); // the live file

    const { pages, messages } = await walk({ pageSize: 7 });

    expect(messages).toEqual(entries(90, 1));
    expect(pages.slice(0, -1).every((p) => p.items.length === 7)).toBe(true);
    expect(pages.at(-1)!.older).toBeNull();
    expect(pages[0]!.items[0]).toEqual({ time: new Date(T0 + 90_000).toISOString(), level: 'info', message: 'entry 90' });
  });

  it('reads in chunks smaller than a line just as well, and skips a line too long to be the logger\'s unread', async () => {
    writeFile(1, 1, 20, (n) => (n === 7 ? `{"msg":"${'x'.repeat(5_000)}"}\n` : line(n)));
    const tiny: LogReadLimits = { chunkBytes: 37, scanBytes: LOG_READ_LIMITS.scanBytes, lineBytes: 1_000 };

    const { messages } = await walk({ pageSize: 3 }, tiny);

    expect(messages).toEqual(entries(20, 1).filter((m) => m !== 'entry 7'));

    // Found too long just as its start is read (40 chunks, more than 39 allowed): the line before it is still whole.
    const long = `{"msg":"${'y'.repeat(40 * tiny.chunkBytes - 11)}"}\n`;
    writeFile(1, 1, 3);
    appendFileSync(join(dir, 'engine.1.log'), long);
    expect((await walk({ pageSize: 10 }, { ...tiny, lineBytes: 39 * tiny.chunkBytes + 1 })).messages).toEqual(entries(3, 1));
  });

  it('skips the torn line the live file ends with and a line a crash tore before the restart', async () => {
    writeFile(1, 1, 5);
    appendFileSync(join(dir, 'engine.1.log'), line(6).slice(0, 25)); // the process died mid-line…
    appendFileSync(join(dir, 'engine.1.log'), line(7) + line(8)); // …and the restart appended to the same file
    appendFileSync(join(dir, 'engine.1.log'), line(9).slice(0, 30)); // being written right now

    const { messages } = await walk({ pageSize: 4 });

    expect(messages).toEqual(['entry 8', 'entry 5', 'entry 4', 'entry 3', 'entry 2', 'entry 1']);
  });

  it('filters by lowest level and by text in the message, the MO or the task, ignoring case', async () => {
    writeFile(1, 1, 12, (n) =>
      line(n, (['debug', 'info', 'warn', 'error'] as const)[n % 4], n % 3 === 0 ? { moId: `WH/MO/000${n}` } : n % 5 === 0 ? { task: 'plc-read' } : {}),
    );

    expect((await walk({ pageSize: 2, minLevel: 'warn' })).messages).toEqual(['entry 11', 'entry 10', 'entry 7', 'entry 6', 'entry 3', 'entry 2']);
    expect((await walk({ pageSize: 2, minLevel: 'error' })).messages).toEqual(['entry 11', 'entry 7', 'entry 3']);
    expect((await walk({ pageSize: 2, search: 'wh/mo/0009' })).pages[0]!.items).toEqual([
      { time: new Date(T0 + 9_000).toISOString(), level: 'info', message: 'entry 9', moId: 'WH/MO/0009' },
    ]);
    expect((await walk({ pageSize: 2, search: 'PLC-READ' })).messages).toEqual(['entry 10', 'entry 5']);
    expect((await walk({ pageSize: 2, search: 'ENTRY 1' })).messages).toEqual(['entry 12', 'entry 11', 'entry 10', 'entry 1']);
    expect((await walk({ pageSize: 2, search: 'entry 1', minLevel: 'warn' })).messages).toEqual(['entry 11', 'entry 10']);
    expect((await walk({ pageSize: 2, search: '   ' })).messages).toHaveLength(12);
  });

  it('a search that matches nothing stops after its read budget with a cursor, and going on reaches the end', async () => {
    writeFile(1, 1, 300);
    const budget: LogReadLimits = { ...LOG_READ_LIMITS, chunkBytes: 512, scanBytes: 4_096 };

    const first = await readLogPage(dir, { pageSize: 50, search: 'no such text' }, budget);
    expect(first.items).toEqual([]);
    expect(first.older).not.toBeNull();

    const { pages, messages } = await walk({ pageSize: 50, search: 'entry 1' }, budget);
    expect(messages).toEqual(entries(300, 1).filter((m) => m.startsWith('entry 1')));
    expect(pages.length).toBeGreaterThan(3);
  });

  it('no log directory yet, or an empty one: an empty page with nothing older', async () => {
    expect(await readLogPage(join(dir, 'missing'), { pageSize: 10 })).toEqual({ items: [], older: null });
    writeFileSync(join(dir, 'other.txt'), 'not a log\n');
    expect(await readLogPage(dir, { pageSize: 10 })).toEqual({ items: [], older: null });
  });

  it('goes on past a file rolled away between two pages, and newer lines never slip into an older page', async () => {
    writeFile(1, 1, 10);
    writeFile(2, 11, 20);
    writeFile(3, 21, 30);
    const first = await readLogPage(dir, { pageSize: 15 });
    expect(first.items.map((e) => e.message)).toEqual(entries(30, 16));

    appendFileSync(join(dir, 'engine.3.log'), line(31));
    rmSync(join(dir, 'engine.1.log')); // pino-roll dropped the oldest meanwhile
    const next = await readLogPage(dir, { pageSize: 15, older: first.older! });
    expect(next).toEqual({ items: entries(15, 11).map((message) => expect.objectContaining({ message })), older: null });
  });
});

describe('the page cursor', () => {
  it('round-trips and is opaque to the console', () => {
    const cursor = encodeLogCursor({ file: 12, offset: 34_567 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeLogCursor(cursor)).toEqual({ file: 12, offset: 34_567 });
  });

  it('one the engine never gave out is a bad request, answered as such over the bridge', async () => {
    writeFile(1, 1, 3);
    for (const cursor of ['', 'not a cursor!', Buffer.from('1:-5').toString('base64url'), Buffer.from('{"file":1}').toString('base64url')]) {
      await expect(readLogPage(dir, { pageSize: 5, older: cursor })).rejects.toBeInstanceOf(BadRequestError);
    }
    // A cursor past the end of its file: the files are not the ones it was given for.
    await expect(readLogPage(dir, { pageSize: 5, older: encodeLogCursor({ file: 1, offset: 1_000_000 }) })).rejects.toThrow(/load the newest entries again/);

    const handlers = { listLogs: (query: LogQuery) => readLogPage(dir, query) } as unknown as ConsoleHandlers;
    expect(await dispatchRequest(handlers, 'listLogs', { pageSize: 5, older: 'bm9wZQ' })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/^bad listLogs request: this log page cursor is not one the engine gave out/) },
    });
  });
});

describe("the engine's own logger", () => {
  it('what it writes is read back newest first, with task and MO', async () => {
    const logger = await createLogger({ level: 'debug', dir });
    logger.log.debug('starting');
    logger.log.child({ task: 'mo-sync' }).info('fetched 2 MOs', { moId: 'WH/MO/00012' });
    logger.log.warn('PLC slow to answer');
    await logger.close();

    const page = await readLogPage(dir, { pageSize: 10 });

    expect(page.items.map(({ level, message, task, moId }) => ({ level, message, task, moId }))).toEqual([
      { level: 'warn', message: 'PLC slow to answer', task: undefined, moId: undefined },
      { level: 'info', message: 'fetched 2 MOs', task: 'mo-sync', moId: 'WH/MO/00012' },
      { level: 'debug', message: 'starting', task: undefined, moId: undefined },
    ]);
    expect(page.older).toBeNull();
  });
});
