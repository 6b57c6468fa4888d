// Every await of the app shell: loading inputs (files, a capture folder, the default capture),
// cancelling, choosing the viewed process, running SQL. Loads run one after another; each adds to
// what is loaded, except that the first drop replaces the default sample. No React.
import type { StoreApi } from 'zustand/vanilla';
import type { AppActions, AppEnv, LoadRequest } from './app-actions-api';
import { BudgetGate, budgetBytes, type BudgetChoice } from './load-budget';
import type { CaptureBackend, LoadInput, LoadIssue, LoadProgress } from './backend';
import { EMPTY_COUNTS, type AppStore } from './app-state';
import { runConsoleSql } from './sql-run';
import { appendIssues, EMPTY_ISSUES, LoadReporter } from './load-reporter';
import { describe, emptyProgress, inputsLabel, mark, NO_STEPS } from './load-progress';
import { chooseProcess, EarlyView, followIndexing, type LoadOrigin } from './first-view';
import { SAMPLE_PROCESS, captureBaseUrl, serverProcessIds, manifestInputs } from './process-source';
import { LiveFeed, serverProcessId } from './live-feed';
import { freshProcess, withOrigins, type ProcessOrigin } from './shown';
import {
  fetchProgress,
  remoteLoadInputs,
  type RawProgress,
  type RemoteConnection,
  type RemoteRange,
} from './remote-source';
import { restoreLink, urlRange, type UrlView } from './url-state';
import type { ViewStore } from './view-state';
import { threadEventsSettled } from '../model/view-cache';

export type { AppActions, AppEnv } from './app-actions-api';

export { chooseProcess };

const originOf = ({ label, loadId }: ProcessOrigin): ProcessOrigin => ({ label, loadId });

export class AppController implements AppActions {
  private queue: Promise<void> = Promise.resolve();
  private controller: AbortController | null = null;
  private showingDefault = false;
  private loads = 0;
  private readonly live: LiveFeed | null;
  private readonly budget: BudgetGate;

  constructor(
    private readonly app: AppStore,
    private readonly view: StoreApi<ViewStore>,
    private readonly backend: CaptureBackend,
    private readonly env: AppEnv,
  ) {
    const open = env.openEvents;
    this.live = open ? new LiveFeed(open, (inputs) => void this.appendLive(inputs)) : null;
    this.budget = new BudgetGate(app, env.budgetBytes ?? budgetBytes(env.pageUrl(), undefined));
  }

  async openFiles(all: LoadInput[]): Promise<void> {
    // the budget's survey reads every picked file first: the page says it is loading from the
    // drop on, not once the survey is over (a cancel in the budget dialog puts the phase back)
    const before = this.app.getState().phase;
    if (before !== 'loading')
      this.app.setState({ phase: 'loading', progress: null, loadSteps: NO_STEPS });
    const inputs = await this.budget.check(all); // past the memory budget, the user chooses
    if (!inputs) {
      if (before !== 'loading' && !this.controller) this.app.setState({ phase: before });
      return;
    }
    const label = inputsLabel(inputs);
    return this.enqueue({ inputs: async () => inputs, label, processParam: null });
  }

  chooseBudget(choice: BudgetChoice): void {
    this.budget.choose(choice);
  }

  openProcess(param: string, restore?: UrlView): Promise<void> {
    return this.enqueue({ ...this.processRequest(param), restore });
  }

  openRemoteProcess(
    conn: RemoteConnection,
    processId: string,
    range?: RemoteRange,
    restore?: UrlView,
  ): Promise<void> {
    const onProgress = (p: RawProgress) => this.app.setState({ progress: fetchProgress(p, conn) });
    const inputs = () =>
      remoteLoadInputs(conn, processId, range, this.controller?.signal, onProgress);
    const label = `${processId} on ${conn.baseUrl}`;
    const request = { inputs, label, processParam: processId, range: urlRange(range), restore };
    return this.enqueue(request);
  }

  async openDefault(): Promise<void> {
    this.app.setState({ phase: 'loading' });
    const ids = await serverProcessIds(this.env.fetch);
    const latest = ids?.[0] ?? null;
    const source = this.processRequest(latest ?? SAMPLE_PROCESS);
    // The sample is a stand-in, never pinned in the URL: a reload looks for real processes again.
    const label = latest ?? 'bundled sample';
    const waiting = ids !== null && latest === null;
    return this.enqueue({ ...source, label, processParam: latest, isDefault: true, waiting });
  }

  /** Reads a `?process=` source; a refused value (not http(s)) fails the load with its reason. */
  private processRequest(param: string): LoadRequest {
    const request = { label: param, processParam: param };
    let baseUrl: string;
    try {
      baseUrl = captureBaseUrl(param, this.env.pageUrl());
    } catch (error) {
      return { ...request, inputs: () => Promise.reject(error) };
    }
    const inputs = () => manifestInputs(baseUrl, this.env.fetch, this.refuse);
    return { ...request, inputs, baseUrl };
  }

  /** A manifest entry that leaves its capture folder: listed as an error, never fetched. */
  private readonly refuse = (issue: LoadIssue): void => {
    this.app.setState({ issues: appendIssues(this.app.getState().issues, [issue]) });
  };

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
    this.queue = this.queue.then(async () => void (await this.reread(true)));
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
  private callbacks(reporter: LoadReporter, loadId?: number) {
    const onWaiting = (waiting: string[]) => this.app.setState({ waiting });
    const onIssue = (issue: LoadIssue) => reporter.onIssue({ ...issue, loadId });
    return { onProgress: reporter.onProgress, onIssue, onWaiting };
  }

  setSqlText(text: string): void {
    this.app.setState({ sql: { ...this.app.getState().sql, text } });
  }

  runSql(): Promise<void> {
    return runConsoleSql(this.app, this.backend);
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
    set({ processParam: request.processParam, processRange: request.range ?? null, live: 'off' });
    set({ loadSteps: NO_STEPS });
    let first: EarlyView | null = null;
    try {
      if (replace) await this.replaceAll();
      mark('load-start');
      const origin = { label: request.label, loadId: ++this.loads };
      const known = new Set(this.app.getState().processes.map((p) => p.processId));
      // the database indexes behind the first view, not beside the decoders
      const stores = { app: this.app, view: this.view, backend: this.backend };
      // a link's view comes with the load's first view, before any input (EarlyView); again at
      // the end only if the load replaced that view: never over what the user did since
      const restore = () => restoreLink(request.restore, stores);
      const early = (first = new EarlyView(stores, !replace, known, this.env, restore));
      const count = await this.readInputs(request, origin.loadId, controller.signal, early);
      mark('indexed');
      const shown = await early.shown();
      const replaced = await this.reread(!replace, { ...origin, known, shown });
      mark('view-set');
      this.follow(request, count, controller.signal);
      if (replaced) await restore();
      const loaded = this.app.getState().counts.processes > 0 || controller.signal.aborted;
      if (controller.signal.aborted) set({ sourceLabel: `${request.label} (cancelled)` });
      await this.threadLanesDrawn();
      set({ phase: loaded ? 'idle' : 'empty' });
    } catch (error) {
      set({ phase: 'error', failure: describe(error) });
    } finally {
      first?.release();
      this.controller = null;
      set({ progress: null, indexing: false, preview: null, loadSteps: NO_STEPS });
    }
  }

  /** Resolves once the shown table's thread events arrived (a load is idle with its lanes full). */
  private threadLanesDrawn(): Promise<void> {
    const table = this.view.getState().spans;
    return table ? threadEventsSettled(table) : Promise.resolve();
  }

  /** Reads a request's inputs; returns how many there were. */
  private async readInputs(
    request: LoadRequest,
    id: number,
    signal: AbortSignal,
    early: EarlyView,
  ) {
    const inputs = await request.inputs();
    this.app.setState({ progress: emptyProgress(inputs.length) });
    const reporter = new LoadReporter(this.app, true);
    const stopFollowing = followIndexing(this.app, () => this.backend.indexedFraction());
    try {
      const onMerged = () => early.start();
      const onMergedSome = (progress: LoadProgress) => early.merging(progress);
      const callbacks = { ...this.callbacks(reporter, id), onMerged, onMergedSome };
      await this.backend.load(inputs, callbacks, signal);
    } finally {
      stopFollowing();
      reporter.flush();
    }
    return inputs.length;
  }

  private follow(request: LoadRequest, since: number, signal: AbortSignal): void {
    const processId = request.baseUrl ? serverProcessId(request.baseUrl) : null;
    if (this.live && request.baseUrl && processId && !signal.aborted) {
      this.live.start(request.baseUrl, processId, since);
      this.app.setState({ live: 'following' });
    } else if (request.waiting) this.app.setState({ live: 'waiting' });
  }

  private async replaceAll(): Promise<void> {
    await this.backend.reset();
    this.view.getState().setSpans(null, null);
    const empty = { counts: EMPTY_COUNTS, processes: [], origins: {}, waiting: [] };
    this.app.setState({ ...empty, issues: EMPTY_ISSUES });
  }

  /**
   * Re-reads counts and the shown process; `keepView` keeps zoom and selection (live view). After
   * a load (`origin`), a process it brought is the one shown: the user opened it to see it. When
   * its first view showed that process already, the view stays as it is now (a link's view, what
   * the user did since). Returns whether the view was set.
   */
  private async reread(keepView: boolean, origin?: LoadOrigin): Promise<boolean> {
    const counts = await this.backend.counts();
    const processes = await this.backend.processes();
    const origins = this.app.getState().origins;
    this.app.setState({
      counts,
      processes,
      origins: origin ? withOrigins(origins, processes, originOf(origin)) : origins,
      indexing: false,
    });
    mark('counts-read');
    const current = this.view.getState().processId;
    const fresh = origin ? freshProcess(processes, origin.known) : null;
    const next = fresh ?? chooseProcess(processes, current);
    if (next !== null && next === origin?.shown) return false;
    if (keepView && next !== null && next === current)
      this.view.getState().updateSpans(await this.backend.spanTable(next));
    else await this.showProcess(next);
    return true;
  }

  private async showProcess(processId: string | null): Promise<void> {
    if (processId === null) return this.view.getState().setSpans(null, null);
    const spans = await this.backend.spanTable(processId);
    mark('span-table-read');
    this.view.getState().setSpans(spans, processId);
  }
}
