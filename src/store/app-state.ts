// Canonical state of the app shell: what is being loaded, how far it got, what was rejected, what
// the loaded capture holds, and the SQL console. The view of one process (window, selection…)
// lives in view-state.ts. No React.
import { INITIAL_CONSOLE_SQL } from '../queries/examples';
import { createStore } from 'zustand/vanilla';
import type { CaptureCounts, LoadProgress, ProcessSummary, SqlResult } from './backend';
import type { BudgetWarning } from './load-budget';
import { NO_STEPS, type LoadSteps } from './load-progress';
import { EMPTY_ISSUES, type IssueLog } from './load-reporter';
import type { PreviewInfo } from './preview';
import type { ProcessOrigin } from './shown';
import type { UrlRange } from './url-state';

/**
 * Whether the view follows live data: 'following' (new blocks of the shown server process appear
 * as they arrive), 'waiting' (no process has sent data yet: the first one opens when it does),
 * 'off' (files, a static capture, or not on a weft server).
 */
export type LiveMode = 'off' | 'following' | 'waiting';

/** empty: nothing loaded yet; loading: reading inputs or building the view; error: the load failed. */
export type LoadPhase = 'empty' | 'loading' | 'idle' | 'error';

export interface SqlState {
  text: string;
  running: boolean;
  result: SqlResult | null;
  /** The text that gave `result` (the editor's text may have changed since). */
  resultSql: string | null;
  error: string | null;
}

export interface AppState {
  phase: LoadPhase;
  progress: LoadProgress | null;
  /** The load's steps after ingest (first view drawn, database indexing). */
  loadSteps: LoadSteps;
  /**
   * The view is drawn from ingest's columns while the database still stores the rows: panels
   * that need SQL say "indexing…" and their queries wait (see `whenIndexed`).
   */
  indexing: boolean;
  /**
   * The view is a preview of the blocks merged so far while a load goes on (preview.ts), or null:
   * the progress bar says how much it holds.
   */
  preview: PreviewInfo | null;
  /** Rejected inputs (files, blocks): exact counts, the first few listed; good data is still shown. */
  issues: IssueLog;
  /** Why a whole load failed, in words (404, CORS, no capture found), or null. */
  failure: string | null;
  /** What still waits for a missing file, in words (blocks whose stream file is missing…). */
  waiting: string[];
  counts: CaptureCounts;
  processes: ProcessSummary[];
  /** Where each loaded process came from (the header names it). */
  origins: Record<string, ProcessOrigin>;
  live: LiveMode;
  /** What was opened, for the title: a `?process=` value, a file count, or null. */
  sourceLabel: string | null;
  /** The `?process=` value the view came from, kept in the URL; null for dropped files. */
  processParam: string | null;
  /** The time range a remote process was read for (`begin` / `end` in the URL), or null. */
  processRange: UrlRange | null;
  sql: SqlState;
  /** Dropped files need more memory than the tab's budget: the user chooses (load-budget.ts). */
  budgetWarning: BudgetWarning | null;
}

export const EMPTY_COUNTS: CaptureCounts = { processes: 0, threads: 0, spans: 0, events: 0 };

export function initialAppState(): AppState {
  return {
    phase: 'empty',
    progress: null,
    loadSteps: NO_STEPS,
    indexing: false,
    preview: null,
    issues: EMPTY_ISSUES,
    failure: null,
    waiting: [],
    counts: EMPTY_COUNTS,
    processes: [],
    origins: {},
    live: 'off',
    sourceLabel: null,
    processParam: null,
    processRange: null,
    sql: { text: INITIAL_CONSOLE_SQL, running: false, result: null, resultSql: null, error: null },
    budgetWarning: null,
  };
}

export function createAppStore() {
  return createStore<AppState>()(() => initialAppState());
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The idle signal tests wait for (document.body.dataset.weftState). */
export function weftState(phase: LoadPhase): 'loading' | 'idle' | 'error' {
  if (phase === 'loading') return 'loading';
  return phase === 'error' ? 'error' : 'idle';
}

/** Resolves once the database holds everything loaded (at once when it is not indexing). */
export function whenIndexed(app: AppStore): Promise<void> {
  if (!app.getState().indexing) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = app.subscribe((s) => {
      if (s.indexing) return;
      stop();
      resolve();
    });
  });
}
