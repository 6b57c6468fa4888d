// The first view of a load, drawn from ingest's own columns while the database indexes the rows
// behind it: which process to show and its span table need no SQL; the database is held back
// until that view is drawn, and the progress bar follows its indexing afterwards. No React.
import type { StoreApi } from 'zustand/vanilla';
import { nextTask } from '../base/time-slices';
import type { AppStore } from './app-state';
import type { CaptureBackend, ProcessSummary } from './backend';
import { mark } from './load-progress';
import { freshProcess, type ProcessOrigin } from './shown';
import type { ViewStore } from './view-state';

/** A load's origin; `shown`: the process it already shows from ingest's columns. */
export type LoadOrigin = ProcessOrigin & { known: Set<string>; shown?: string | null };

interface Stores {
  app: AppStore;
  view: StoreApi<ViewStore>;
  backend: CaptureBackend;
}

/** The process to show: the one already shown if still loaded, else the one with most spans. */
export function chooseProcess(processes: ProcessSummary[], current: string | null): string | null {
  if (current && processes.some((p) => p.processId === current)) return current;
  let best: ProcessSummary | null = null;
  for (const p of processes) if (!best || p.spans > best.spans) best = p;
  return best?.processId ?? null;
}

/**
 * Shows the merged data: the process a load brought (not in `known`), else as chooseProcess
 * picks, from ingest's process list (as the load's reread will from the database's), and its
 * span table. Returns the process shown, or null.
 */
async function showMerged(
  stores: Stores,
  keepView: boolean,
  known: Set<string>,
): Promise<string | null> {
  const { app, view, backend } = stores;
  mark('merged');
  app.setState({ indexing: true });
  const current = view.getState().processId;
  const merged = backend.mergedProcesses();
  const next = freshProcess(merged, known) ?? chooseProcess(merged, current);
  if (next === null) return null;
  const spans = await backend.spanTable(next);
  if (keepView && next === current) view.getState().updateSpans(spans);
  else view.getState().setSpans(spans, next);
  mark('first-view');
  app.setState({ loadSteps: { ...app.getState().loadSteps, laidOut: true } });
  return next;
}

/** How often the bar follows the database while it indexes behind the first view. */
const INDEXING_POLL_MS = 200;

/** Updates `loadSteps.indexed` from `fraction` while the app is indexing; returns the stop. */
export function followIndexing(app: AppStore, fraction: () => number): () => void {
  const poll = setInterval(() => {
    if (!app.getState().indexing) return;
    app.setState({ loadSteps: { ...app.getState().loadSteps, indexed: fraction() } });
  }, INDEXING_POLL_MS);
  return () => clearInterval(poll);
}

/**
 * The first view of a load: holds the database back from the start, shows the merged data once
 * ingest has merged everything (`start`, at most once), then lets the database index.
 */
export class EarlyView {
  private view: Promise<string | null> = Promise.resolve(null);
  private started = false;
  readonly release: () => void;

  constructor(
    private readonly stores: Stores,
    private readonly keepView: boolean,
    private readonly known: Set<string>,
  ) {
    this.release = stores.backend.holdIndexing();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    // in a task of its own after the event that reports the merge (ingest goes on finishing its
    // step meanwhile; the copy for the view worker is not added to the merge's last slice)
    this.view = nextTask()
      .then(() => showMerged(this.stores, this.keepView, this.known))
      .finally(() => this.release());
  }

  /** The process the early view shows; null when none was shown. */
  shown(): Promise<string | null> {
    return this.view;
  }
}
