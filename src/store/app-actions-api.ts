// What the app shell's actions offer (implemented by AppController, app-actions.ts) and what
// they are given. No React.
import type { SpanTable } from '../model/span-table';
import type { LoadInput } from './backend';
import type { BudgetChoice } from './load-budget';
import type { FetchFn } from './process-source';
import type { OpenEvents } from './live-feed';
import type { RemoteConnection, RemoteRange } from './remote-source';
import type { UrlRange, UrlView } from './url-state';

export interface AppEnv {
  fetch: FetchFn;
  pageUrl(): string;
  /** Opens a Server-Sent Events feed (live view); without it, server captures are not followed. */
  openEvents?: OpenEvents;
  /** The memory budget of a load (load-budget.ts budgetBytes); by default from the page URL. */
  budgetBytes?: number;
  /** The clock a load's previews are spaced by (preview.ts), in ms; performance.now by default. */
  now?: () => number;
  /**
   * Resolves once the timeline has drawn a frame of `table` (drawn.ts whenDrawn): the work behind
   * a load's first view (ingest's rows for the database, its indexing) waits for it. At once when
   * not given.
   */
  drawn?: (table: SpanTable) => Promise<void>;
}

export interface AppActions {
  openFiles(inputs: LoadInput[]): Promise<void>;
  /** Opens `?process=<url-or-id>`; `restore` re-applies a window and selection from a link. */
  openProcess(param: string, restore?: UrlView): Promise<void>;
  /** Raw mode from an analytics server (progress in blocks); range and id go in the URL. */
  openRemoteProcess(
    conn: RemoteConnection,
    processId: string,
    range?: RemoteRange,
    restore?: UrlView,
  ): Promise<void>;
  /** First start: the server's latest process, else the bundled sample. */
  openDefault(): Promise<void>;
  cancel(): void;
  selectProcess(processId: string): Promise<void>;
  /** Re-reads counts and the viewed process's spans (new blocks arrived, live view). */
  refresh(): Promise<void>;
  setSqlText(text: string): void;
  runSql(): Promise<void>;
  /** Answers a budget warning: load all anyway, the part that fits, or nothing. */
  chooseBudget(choice: BudgetChoice): void;
}

/** One load AppController runs: its inputs, how the page names it, and the view a link keeps. */
export interface LoadRequest {
  inputs: () => Promise<LoadInput[]>;
  label: string;
  processParam: string | null;
  restore?: UrlView;
  isDefault?: boolean;
  /** The capture folder of a `?process=` source (followed live when on a weft server). */
  baseUrl?: string;
  /** The sample stands in on a weft server that holds no process yet: wait for the first. */
  waiting?: boolean;
  /** The time range a remote process is read for (kept in the URL). */
  range?: UrlRange | null;
}
