// The first view of a load, drawn from ingest's own columns while the database indexes the rows
// behind it: which process to show and its span table need no SQL; the database is held back
// until that view is drawn, and the progress bar follows its indexing afterwards. A long load
// shows previews of what is merged before that (preview.ts). No React.
import type { StoreApi } from 'zustand/vanilla';
import { nextTask } from '../base/time-slices';
import type { AppStore } from './app-state';
import type { SpanTable } from '../model/span-table';
import type { CaptureBackend, LoadProgress, ProcessSummary } from './backend';
import type { AppEnv } from './app-actions-api';
import { mark, mergedFraction } from './load-progress';
import { previewDue, previewWindow, type LastPreview } from './preview';
import { freshProcess, type ProcessOrigin } from './shown';
import { fullWindow, sameWindow, type TimeWindow, type ViewStore } from './view-state';

/** How the full view is shown: what it keeps. */
interface ShowWays {
  /** Whether the view keeps its zoom and selection (an additive load, or after a preview). */
  keep: boolean;
  known: Set<string>;
  /** The window the last preview opened on, while the user has not moved it. */
  opened: () => TimeWindow | null;
}

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
 * The process a load shows, of those merged: one it brought (not in `known`), else as
 * chooseProcess picks.
 */
function pickProcess(merged: ProcessSummary[], known: Set<string>, current: string | null) {
  return freshProcess(merged, known) ?? chooseProcess(merged, current);
}

/**
 * Shows `table` of process `next`: a newer table of the process shown keeps the zoom, the
 * selection and the filters when `keep` (an additive load, or a preview shown before).
 */
function show({ view }: Stores, table: SpanTable, next: string, keep: boolean): void {
  if (keep && next === view.getState().processId) view.getState().updateSpans(table);
  else view.getState().setSpans(table, next);
}

/**
 * Shows the merged data: the process a load brought (not in `known`), else as chooseProcess
 * picks, from ingest's process list (as the load's reread will from the database's), and its
 * span table. Returns the process shown, or null.
 */
async function showMerged(stores: Stores, ways: ShowWays) {
  const { app, view, backend } = stores;
  mark('merged');
  app.setState({ indexing: true });
  const merged = backend.mergedProcesses();
  const next = pickProcess(merged, ways.known, view.getState().processId);
  if (next === null) return null;
  const table = await backend.spanTable(next);
  show(stores, table, next, ways.keep);
  // the header, picker and status bar describe what is shown from ingest's own counts (equal to
  // SQL's, which replace them once indexed: capture-backend.test.ts), not the last load's
  const counts = { ...app.getState().counts, processes: merged.length };
  app.setState({ processes: merged, counts });
  // the window a preview opened on, unmoved: the full view's whole capture instead
  const window = ways.opened();
  if (window && sameWindow(view.getState().window, window))
    view.getState().setWindow(fullWindow(table));
  mark('first-view');
  const loadSteps = { ...app.getState().loadSteps, laidOut: true };
  app.setState({ loadSteps, preview: null });
  return next;
}

const defaultNow = () => performance.now();

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
 * The first view of a load: holds the database back from the start, draws previews of what is
 * merged while a long load goes on (`merging`, preview.ts), shows the merged data once ingest
 * has merged everything (`start`, at most once), then lets the database index. `onShown` runs
 * right after that view is shown (a link's view, restored there), before the page handles any
 * input: what the user then does is left alone by the rest of the load (app-actions.ts).
 */
export class EarlyView {
  private view: Promise<string | null> = Promise.resolve(null);
  private started = false;
  private readonly startMs: number;
  /** The last preview (ms after the start), and whether it is still building. */
  private last: LastPreview | null = null;
  private previewing = false;
  /** The process the last preview showed, and the window it opened on (null once moved). */
  private previewed: string | null = null;
  private opened: TimeWindow | null = null;
  /** Cancels a preview still building when the full view starts. */
  private readonly cancelPreview = new AbortController();
  readonly release: () => void;

  private readonly now: () => number;
  /** Resolves once the table shown has a frame drawn (AppEnv.drawn). */
  private readonly drawn: (table: SpanTable) => Promise<void>;

  constructor(
    private readonly stores: Stores,
    private readonly keepView: boolean,
    private readonly known: Set<string>,
    env: Pick<AppEnv, 'now' | 'drawn'> = {},
    private readonly onShown: () => Promise<void> = async () => {},
  ) {
    this.release = stores.backend.holdIndexing();
    this.now = env.now ?? defaultNow;
    this.drawn = env.drawn ?? (async () => {});
    this.startMs = this.now();
  }

  /** After each merge (between two merges): takes a preview of what is merged when one is due. */
  merging(progress: LoadProgress): void {
    if (this.started || this.previewing) return;
    const elapsedMs = this.now() - this.startMs;
    const fraction = mergedFraction(progress);
    if (!previewDue(elapsedMs, fraction, this.last)) return;
    const { backend, view } = this.stores;
    const merged = backend.mergedProcesses();
    const next = pickProcess(merged, this.known, view.getState().processId);
    if (next === null || !merged.some((p) => p.processId === next && p.spans > 0)) return;
    const last: LastPreview = { atMs: elapsedMs, costMs: null };
    this.last = last;
    this.previewing = true;
    mark('preview');
    void backend
      .previewTable(next, this.cancelPreview.signal) // the columns are copied now
      .then((table) => this.showPreview(table, next, fraction))
      .catch(() => {}) // a preview that fails leaves the view as it was; the full view follows
      .finally(() => {
        this.previewing = false;
        last.costMs = this.now() - this.startMs - last.atMs;
      });
  }

  private showPreview(table: SpanTable, next: string, fraction: number): void {
    if (this.started) return; // the full view is on its way
    const { view } = this.stores;
    show(this.stores, table, next, this.keepsView());
    this.previewed = next;
    // opened on where its spans begin, unless the user moved the window
    const window = view.getState().window;
    const opened = this.opened;
    const unmoved = sameWindow(window, fullWindow(table)) || (opened && sameWindow(window, opened));
    this.opened = unmoved ? previewWindow(table) : null;
    if (this.opened) view.getState().setWindow(this.opened);
    this.stores.app.setState({ preview: { fraction, spans: table.length } });
    mark('preview-view');
  }

  /** Whether a newer table of the process shown keeps the view: an additive load, or a preview. */
  private keepsView(): boolean {
    return this.keepView || this.previewed !== null;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.cancelPreview.abort(); // its worker's core goes to the full view
    const keep = this.keepsView();
    // ingest builds the database's rows, and the database indexes them, once the view is drawn:
    // the view worker's build, then the frame, have the cores (drawn.ts)
    const rows = this.stores.backend.holdRows();
    const opened = () => this.opened;
    // in a task of its own after the event that reports the merge (ingest goes on finishing its
    // step meanwhile; the copy for the view worker is not added to the merge's last slice)
    this.view = nextTask()
      .then(() => showMerged(this.stores, { keep, known: this.known, opened }))
      .then(async (shown) => {
        if (shown === null) return shown;
        // in the task that showed the view, so no click or key acts on it before (a link naming
        // another process of the capture waits for that process's table first)
        await this.onShown();
        const table = this.stores.view.getState().spans;
        if (table) await this.drawn(table);
        return shown;
      })
      .finally(() => {
        rows();
        this.release();
      });
  }

  /** The process the early view chose to show (then `onShown` ran); null when none was shown. */
  shown(): Promise<string | null> {
    return this.view;
  }
}
