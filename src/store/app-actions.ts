// Every await of the app shell: loading inputs (files, a capture folder, the default capture),
// cancelling, choosing the viewed process, running SQL. Loads run one after another; each adds to
// what is loaded, except that the first drop replaces the default sample. No React.
import type { StoreApi } from 'zustand/vanilla';
import type { CaptureBackend, LoadInput, LoadProgress, ProcessSummary } from './backend';
import { EMPTY_COUNTS, type AppStore } from './app-state';
import { EMPTY_ISSUES, LoadReporter } from './load-reporter';
import {
  SAMPLE_PROCESS,
  SourceError,
  captureBaseUrl,
  latestServerProcess,
  manifestInputs,
  type FetchFn,
} from './process-source';
import { LiveFeed, serverProcessId, type OpenEvents } from './live-feed';
import { restoreUrlView, type UrlView } from './url-state';
import type { ViewStore } from './view-state';

export interface AppEnv {
  fetch: FetchFn;
  pageUrl(): string;
  /** Opens a Server-Sent Events feed (live view); without it, server captures are not followed. */
  openEvents?: OpenEvents;
}

export interface AppActions {
  openFiles(inputs: LoadInput[]): Promise<void>;
  /** Opens `?process=<url-or-id>`; `restore` re-applies a window and selection from a link. */
  openProcess(param: string, restore?: UrlView): Promise<void>;
  /** First start: the server's latest process, else the bundled sample. */
  openDefault(): Promise<void>;
  cancel(): void;
  selectProcess(processId: string): Promise<void>;
  /** Re-reads counts and the viewed process's spans (new blocks arrived, live view). */
  refresh(): Promise<void>;
  setSqlText(text: string): void;
  runSql(): Promise<void>;
}

/** A User Timing mark (weft:…) so profiles and `weft bench ui` can split a load into steps. */
function mark(step: string): void {
  globalThis.performance?.mark?.(`weft:${step}`);
}

function emptyProgress(filesTotal: number): LoadProgress {
  return {
    filesDone: 0,
    filesTotal,
    bytesDone: 0,
    bytesTotal: 0,
    blocksDone: 0,
    blocksSeen: 0,
    currentFile: '',
  };
}

/** The process to show: the one already shown if still loaded, else the one with most spans. */
export function chooseProcess(processes: ProcessSummary[], current: string | null): string | null {
  if (current && processes.some((p) => p.processId === current)) return current;
  let best: ProcessSummary | null = null;
  for (const p of processes) if (!best || p.spans > best.spans) best = p;
  return best?.processId ?? null;
}

function describe(error: unknown): string {
  if (error instanceof SourceError) return error.message;
  return `Loading failed: ${error instanceof Error ? error.message : String(error)}`;
}

interface LoadRequest {
  inputs: () => Promise<LoadInput[]>;
  label: string;
  processParam: string | null;
  restore?: UrlView;
  isDefault?: boolean;
  /** The capture folder of a `?process=` source (followed live when on a weft server). */
  baseUrl?: string;
}

export class AppController implements AppActions {
  private queue: Promise<void> = Promise.resolve();
  private controller: AbortController | null = null;
  private showingDefault = false;
  private readonly live: LiveFeed | null;

  constructor(
    private readonly app: AppStore,
    private readonly view: StoreApi<ViewStore>,
    private readonly backend: CaptureBackend,
    private readonly env: AppEnv,
  ) {
    const open = env.openEvents;
    this.live = open ? new LiveFeed(open, (inputs) => void this.appendLive(inputs)) : null;
  }

  openFiles(inputs: LoadInput[]): Promise<void> {
    const label = inputs.length === 1 ? inputs[0].path : `${inputs.length} files`;
    return this.enqueue({ inputs: async () => inputs, label, processParam: null });
  }

  openProcess(param: string, restore?: UrlView): Promise<void> {
    const baseUrl = captureBaseUrl(param, this.env.pageUrl());
    const inputs = () => manifestInputs(baseUrl, this.env.fetch);
    return this.enqueue({ inputs, label: param, processParam: param, restore, baseUrl });
  }

  async openDefault(): Promise<void> {
    this.app.setState({ phase: 'loading' });
    const param = (await latestServerProcess(this.env.fetch)) ?? SAMPLE_PROCESS;
    const baseUrl = captureBaseUrl(param, this.env.pageUrl());
    const inputs = () => manifestInputs(baseUrl, this.env.fetch);
    const request = { inputs, label: param, processParam: param, isDefault: true, baseUrl };
    return this.enqueue(request);
  }

  /** Bound, so a button can take it as its click handler. */
  readonly cancel = (): void => {
    this.controller?.abort();
  };

  async selectProcess(processId: string): Promise<void> {
    this.app.setState({ phase: 'loading' });
    try {
      await this.showProcess(processId);
      this.app.setState({ phase: 'idle' });
    } catch (error) {
      this.app.setState({ phase: 'error', failure: describe(error) });
    }
  }

  refresh(): Promise<void> {
    this.queue = this.queue.then(() => this.reread(true));
    return this.queue;
  }

  /** New files of the followed server process: loaded quietly, the view kept. */
  private appendLive(inputs: LoadInput[]): Promise<void> {
    this.queue = this.queue.then(async () => {
      const controller = new AbortController();
      const reporter = new LoadReporter(this.app, false);
      try {
        await this.backend.load(inputs, this.callbacks(reporter), controller.signal);
        reporter.flush();
        await this.reread(true);
      } catch (error) {
        reporter.flush();
        this.app.setState({ failure: describe(error) });
      }
    });
    return this.queue;
  }

  /** Batched through `reporter`: one store update per interval, whatever the number of inputs. */
  private callbacks(reporter: LoadReporter) {
    const onWaiting = (waiting: string[]) => this.app.setState({ waiting });
    return { onProgress: reporter.onProgress, onIssue: reporter.onIssue, onWaiting };
  }

  setSqlText(text: string): void {
    this.app.setState({ sql: { ...this.app.getState().sql, text } });
  }

  async runSql(): Promise<void> {
    const sql = () => this.app.getState().sql;
    this.app.setState({ sql: { ...sql(), running: true, error: null } });
    try {
      const result = await this.backend.runSql(sql().text);
      this.app.setState({ sql: { ...sql(), running: false, result, error: null } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.app.setState({ sql: { ...sql(), running: false, error: message } });
    }
  }

  private enqueue(request: LoadRequest): Promise<void> {
    this.queue = this.queue.then(() => this.run(request));
    return this.queue;
  }

  private async run(request: LoadRequest): Promise<void> {
    const replace = this.showingDefault || request.isDefault === true;
    this.showingDefault = request.isDefault === true;
    const controller = (this.controller = new AbortController());
    const set = this.app.setState;
    this.live?.stop();
    set({ phase: 'loading', failure: null, progress: null, sourceLabel: request.label });
    set({ processParam: request.processParam });
    try {
      if (replace) await this.replaceAll();
      mark('load-start');
      const count = await this.readInputs(request, controller.signal);
      mark('inputs-merged');
      await this.reread(!replace);
      mark('view-set');
      this.follow(request, count, controller.signal);
      if (request.restore) restoreUrlView(this.view, request.restore);
      const loaded = this.app.getState().counts.processes > 0 || controller.signal.aborted;
      if (controller.signal.aborted) set({ sourceLabel: `${request.label} (cancelled)` });
      set({ phase: loaded ? 'idle' : 'empty' });
    } catch (error) {
      set({ phase: 'error', failure: describe(error) });
    } finally {
      this.controller = null;
      set({ progress: null });
    }
  }

  /** Reads a request's inputs; returns how many there were. */
  private async readInputs(request: LoadRequest, signal: AbortSignal): Promise<number> {
    const inputs = await request.inputs();
    this.app.setState({ progress: emptyProgress(inputs.length) });
    const reporter = new LoadReporter(this.app, true);
    try {
      await this.backend.load(inputs, this.callbacks(reporter), signal);
    } finally {
      reporter.flush();
    }
    return inputs.length;
  }

  private follow(request: LoadRequest, since: number, signal: AbortSignal): void {
    const processId = request.baseUrl ? serverProcessId(request.baseUrl) : null;
    if (this.live && request.baseUrl && processId && !signal.aborted)
      this.live.start(request.baseUrl, processId, since);
  }

  private async replaceAll(): Promise<void> {
    await this.backend.reset();
    this.view.getState().setSpans(null, null);
    this.app.setState({ counts: EMPTY_COUNTS, processes: [], issues: EMPTY_ISSUES, waiting: [] });
  }

  /** Re-reads counts and the shown process; `keepView` keeps zoom and selection (live view). */
  private async reread(keepView: boolean): Promise<void> {
    const counts = await this.backend.counts();
    const processes = await this.backend.processes();
    this.app.setState({ counts, processes });
    mark('counts-read');
    const current = this.view.getState().processId;
    const next = chooseProcess(processes, current);
    if (keepView && next !== null && next === current)
      this.view.getState().updateSpans(await this.backend.spanTable(next));
    else await this.showProcess(next);
  }

  private async showProcess(processId: string | null): Promise<void> {
    if (processId === null) return this.view.getState().setSpans(null, null);
    const spans = await this.backend.spanTable(processId);
    mark('span-table-read');
    this.view.getState().setSpans(spans, processId);
  }
}
