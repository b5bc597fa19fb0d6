/**
 * Reads every row an export needs, page after page, up to a cap: a month of
 * the run log holds a million runs, and a file nobody can open helps no one.
 */
export interface CollectedRows<T> {
  rows: T[];
  /** More rows matched than the cap allowed: the file holds the newest `cap`. */
  capped: boolean;
}

export interface PageOf<T, C> {
  items: T[];
  /** The cursor of the next page, null after the last. */
  next: C | null;
}

export async function collectPages<T, C>(
  readPage: (cursor: C | null) => Promise<PageOf<T, C>>,
  cap: number,
  onProgress: (rowsSoFar: number) => void = () => undefined,
): Promise<CollectedRows<T>> {
  const rows: T[] = [];
  let cursor: C | null = null;
  for (;;) {
    const page = await readPage(cursor);
    rows.push(...page.items);
    onProgress(Math.min(rows.length, cap));
    if (rows.length >= cap) return { rows: rows.slice(0, cap), capped: rows.length > cap || page.next !== null };
    if (page.next === null || page.items.length === 0) return { rows, capped: false };
    cursor = page.next;
  }
}
