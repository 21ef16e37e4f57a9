// React access to the runtime and narrow selectors into its store.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState } from './state/store';
import type { Runtime } from './runtime';

export const RuntimeContext = createContext<Runtime | null>(null);

export function useRuntime(): Runtime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('RuntimeContext is missing');
  return runtime;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useRuntime().store, selector);
}
