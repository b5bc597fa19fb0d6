/** Hands the store and the engine API to the panels without prop drilling. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ConsoleApi } from '../shared/contract';
import type { ConsoleState } from './state/console-store';

interface ConsoleContextValue {
  store: StoreApi<ConsoleState>;
  api: ConsoleApi;
}

const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function ConsoleProvider({ store, api, children }: ConsoleContextValue & { children: ReactNode }) {
  return <ConsoleContext.Provider value={{ store, api }}>{children}</ConsoleContext.Provider>;
}

function useConsoleContext(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('console panels must be rendered inside <ConsoleProvider>');
  return value;
}

/** Subscribes to one slice of the console state; the selector must return a stable reference (a slice, not a new object). */
export function useConsoleState<T>(selector: (state: ConsoleState) => T): T {
  return useStore(useConsoleContext().store, selector);
}

export function useConsoleApi(): ConsoleApi {
  return useConsoleContext().api;
}
