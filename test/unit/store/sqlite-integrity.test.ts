import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../electron/store/sqlite/sqlite-store';
import { SqliteDamagedError } from '../../../electron/store/sqlite/sqlite-integrity';

const PAGE = 4096;

/** A real store file whose archive table then loses a page in the middle (a torn write, a bad sector). */
async function damagedStoreFile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-damaged-'));
  const file = join(dir, 'smart-mo-sync.db');
  await new SqliteStore({ file, lockFile: join(dir, 'gate.lock') }).close();
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
  })();
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(PAGE, 0xa5), 0, PAGE, Math.floor(pages / 2) * PAGE);
  closeSync(fd);
  return file;
}

describe('a damaged SQLite authority', () => {
  it('is refused at open with a message naming the file and what to do; nothing can be read or dispatched from it', async () => {
    const file = await damagedStoreFile();
    let failure: unknown;
    try {
      new SqliteStore({ file, lockFile: `${file}.lock` });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(SqliteDamagedError);
    expect((failure as Error).message).toContain(`the database ${file} is damaged (`);
    expect((failure as Error).message).toMatch(/nothing is dispatched from it\. Stop every station .* restore the file from a backup/);
  });

  it('an intact file opens as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-intact-'));
    await new SqliteStore({ file: join(dir, 'a.db'), lockFile: join(dir, 'a.lock') }).close();
    const reopened = new SqliteStore({ file: join(dir, 'a.db'), lockFile: join(dir, 'a.lock') });
    expect(await reopened.countQueue()).toBe(0);
    await reopened.close();
  });
});
