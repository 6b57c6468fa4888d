// How the process browser's components reach its store and actions. Provided by src/main.tsx.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { BrowserActions } from '../../store/browser-actions';
import type { ConnectionController } from '../../store/connect-actions';
import type { ConnectionState } from '../../store/connection';
import type { BrowserState, BrowserStore } from '../../store/process-browser';

export interface BrowserContextValue {
  store: BrowserStore;
  actions: BrowserActions;
  connection: ConnectionController;
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

export function useConnection<T>(selector: (state: ConnectionState) => T): T {
  return useStore(useBrowserContext().connection.store, selector);
}
