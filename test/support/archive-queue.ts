import type Database from 'better-sqlite3';

/** Moves every queued batch to the archive, as Task 3 does once Odoo has the consumption. */
export function archiveQueue(db: Database.Database, status: 'completed' | 'cancelled' = 'completed'): void {
  db.transaction(() => {
    const columns = (db.prepare('PRAGMA table_info(mo_batch)').all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !['update_odoo', 'odoo_cancelled'].includes(c));
    db.prepare(`INSERT INTO mo_histories (${columns.join(', ')}, status) SELECT ${columns.join(', ')}, ? FROM mo_batch`).run(status);
    db.prepare('DELETE FROM mo_batch').run();
  })();
}
