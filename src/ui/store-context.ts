// How panels reach the view store: one vanilla zustand store provided by the app shell, read with
// selectors (React renders) or `store.subscribe` (transient updates such as hover and panning).
import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { ViewStore } from '../store/view-state';

export const ViewStoreContext = createContext<StoreApi<ViewStore> | null>(null);

export function useViewStoreApi(): StoreApi<ViewStore> {
  const store = useContext(ViewStoreContext);
  if (!store) throw new Error('ViewStoreContext is missing: wrap panels in the app shell');
  return store;
}

export function useView<T>(selector: (state: ViewStore) => T): T {
  return useStore(useViewStoreApi(), selector);
}
