/** Hands the session store (who is signed in at this screen) to the panels, beside the console store. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SessionStoreState } from '../../state/session-store';

const SessionContext = createContext<StoreApi<SessionStoreState> | null>(null);

export function SessionProvider({ store, children }: { store: StoreApi<SessionStoreState>; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

/** One slice of the session state; the selector must return a stable reference. */
export function useSession<T>(selector: (state: SessionStoreState) => T): T {
  const store = useContext(SessionContext);
  if (!store) throw new Error('people panels must be rendered inside <SessionProvider>');
  return useStore(store, selector);
}
