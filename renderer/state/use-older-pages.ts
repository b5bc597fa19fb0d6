import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './message-of';

/** What one read gives: a page of items, newest first, and where the next older page starts (null: none). */
export interface OlderPage<Cursor> {
  items: readonly unknown[];
  older: Cursor | null;
}

/**
 * A list read newest first, page by page: the newest page on mount and whenever `readPage` changes
 * (a new filter), then `showOlder` adds the next older page below what is shown.
 */
export function useOlderPages<Cursor, Page extends OlderPage<Cursor>>(readPage: (older: Cursor | null) => Promise<Page>) {
  const [shown, setShown] = useState<Page | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (older: Cursor | null): Promise<void> => {
      setLoading(true);
      try {
        const page = await readPage(older);
        setShown((before) => (older === null || before === null ? page : { ...page, items: [...before.items, ...page.items] }));
        setError(null);
      } catch (failure) {
        setError(messageOf(failure));
      } finally {
        setLoading(false);
      }
    },
    [readPage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return {
    shown,
    loading,
    error,
    showNewest: () => void load(null),
    showOlder: () => {
      if (shown && shown.older !== null) void load(shown.older);
    },
  };
}
