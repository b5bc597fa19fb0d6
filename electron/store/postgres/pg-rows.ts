/** Small helpers for writing rows to PostgreSQL and reading the app's own tables back. */
import type { Row } from '../batch-columns';

/** `INSERT INTO table (columns) VALUES ($1, …), (…)` for these rows, with its parameters. */
export function insertRows(table: string, columns: readonly string[], rows: readonly Row[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => {
      params.push(row[column] ?? null);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  return { sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A batch id that is not a uuid names no row (and would make PostgreSQL reject the whole statement). */
export const isUuid = (value: string): boolean => UUID.test(value);

