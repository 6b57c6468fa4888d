// How the process browser's components reach its store and actions. Provided by src/main.tsx.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { BrowserActions } from '../../store/browser-actions';
import type { BrowserState, BrowserStore } from '../../store/process-browser';

export interface BrowserContextValue {
  store: BrowserStore;
  actions: BrowserActions;
}

export const BrowserContext = createContext<BrowserContextValue | null>(null);

export function useBrowserContext(): BrowserContextValue {
  const value = useContext(BrowserContext);
  if (!value) throw new Error('BrowserContext is missing: provide it in src/main.tsx');
  return value;
}

export function useBrowser<T>(selector: (state: BrowserState) => T): T {
  return useStore(useBrowserContext().store, selector);
}
