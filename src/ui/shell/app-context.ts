// How shell components reach the app store (load phase, progress, issues, counts, SQL) and its
// actions. Provided once by src/main.tsx. Panels use store-context.ts (the view store) instead.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppActions } from '../../store/app-actions';
import type { AppState, AppStore } from '../../store/app-state';
import type { CaptureBackend, ExampleQuery } from '../../store/backend';

export interface AppShellContext {
  app: AppStore;
  actions: AppActions;
  exampleQueries: (processId: string | null) => ExampleQuery[];
  /** The backend's span rows file (the export menu's CSV and Parquet). */
  spanRowsFile?: CaptureBackend['spanRowsFile'];
  /** The backend's Parquet of a console query (the console's Parquet download). */
  sqlParquet?: CaptureBackend['sqlParquet'];
}

export const AppContext = createContext<AppShellContext | null>(null);

export function useAppContext(): AppShellContext {
  const context = useContext(AppContext);
  if (!context) throw new Error('AppContext is missing: render the shell inside src/main.tsx');
  return context;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().app, selector);
}

export function useActions(): AppActions {
  return useAppContext().actions;
}
