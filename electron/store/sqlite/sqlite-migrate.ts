/** Applies pending SQLite migrations in order, each in its own transaction, and records them. */
import type Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

export function migrateSqlite(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS smart_mo_sync_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM smart_mo_sync_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  for (const migration of SQLITE_MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      // Another process may have applied it while we waited for the write lock.
      const done = db.prepare('SELECT 1 FROM smart_mo_sync_migrations WHERE version = ?').get(migration.version);
      if (done) return;
      db.exec(migration.sql);
      db.prepare(`INSERT INTO smart_mo_sync_migrations (version, name, applied_at) VALUES (?, ?, datetime('now'))`).run(
        migration.version,
        migration.name,
      );
    }).immediate();
  }
}
