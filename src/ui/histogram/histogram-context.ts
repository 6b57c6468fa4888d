// How the histogram panel reaches its store (src/store/histogram-slice.ts): the app shell creates
// it once with `createHistogramStore(dbHistogramSource(db))` and provides it here, next to the
// ViewStoreContext provider.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HistogramState, HistogramStore } from '../../store/histogram-slice';

export const HistogramStoreContext = createContext<HistogramStore | null>(null);

export function useHistogramStoreApi(): HistogramStore {
  const store = useContext(HistogramStoreContext);
  if (!store) {
    throw new Error(
      'HistogramStoreContext is missing: provide createHistogramStore(…) in the shell',
    );
  }
  return store;
}

export function useHistogram<T>(selector: (state: HistogramState) => T): T {
  return useStore(useHistogramStoreApi(), selector);
}
