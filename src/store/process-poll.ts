// Keeps the process browser's list fresh: asks the lister now and then every interval (one
// request at a time; a filter change aborts the one in flight), marks the processes that arrive
// while the page is open, and tells a listener about them (the waiting page opens the first one).
// Timers are injected so tests drive time. No React.
import {
  POLL_INTERVAL_MS,
  arrivals,
  type BrowserFilter,
  type BrowserStore,
  type ProcessLister,
} from './process-browser';

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const GLOBAL_TIMERS: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ProcessPoll {
  private known = new Set<string>();
  private polledFilter: BrowserFilter | null = null;
  private timer: unknown = undefined;
  private controller: AbortController | null = null;
  private running = false;

  constructor(
    private readonly store: BrowserStore,
    private lister: ProcessLister,
    private readonly onArrival: (ids: string[]) => void = () => {},
    private readonly timers: Timers = GLOBAL_TIMERS,
    private intervalMs = POLL_INTERVAL_MS,
  ) {}

  start(): void {
    this.running = true;
    void this.poll();
  }

  stop(): void {
    this.running = false;
    this.controller?.abort();
    this.clearTimer();
  }

  /** Lists another source from now on (a connection was applied): nothing of the old is kept. */
  setSource(lister: ProcessLister, sourceLabel: string, intervalMs = POLL_INTERVAL_MS): void {
    this.lister = lister;
    this.intervalMs = intervalMs;
    this.known = new Set();
    this.polledFilter = null;
    this.store.setState({ sourceLabel, processes: [], newIds: [], listed: false, error: null });
    if (this.running) void this.poll();
  }

  setFilter(filter: BrowserFilter): void {
    this.store.setState({ filter });
    if (this.running) void this.poll();
  }

  /** An opened process is no longer new. */
  markOpened(processId: string): void {
    const newIds = this.store.getState().newIds.filter((id) => id !== processId);
    this.store.setState({ newIds });
  }

  /** One listing now; the next is scheduled when it ends. */
  async poll(): Promise<void> {
    this.clearTimer();
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const filter = this.store.getState().filter;
    this.store.setState({ status: 'listing' });
    try {
      const list = await this.lister(filter, controller.signal);
      if (controller.signal.aborted) return;
      if (list === null) return this.store.setState({ status: 'unavailable', error: null });
      this.accept(list, filter);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.store.setState({ status: 'error', error: describe(error) });
    }
    this.controller = null;
    if (this.running) this.timer = this.timers.set(() => void this.poll(), this.intervalMs);
  }

  private accept(list: Parameters<typeof arrivals>[1], filter: BrowserFilter): void {
    const { listed, newIds } = this.store.getState();
    const sameFilter = listed && this.polledFilter === filter;
    const fresh = arrivals(this.known, list, sameFilter);
    this.polledFilter = filter;
    this.store.setState({
      processes: list,
      newIds: fresh.length > 0 ? [...newIds, ...fresh] : newIds,
      status: 'idle',
      error: null,
      listed: true,
      listedAtMs: Date.now(),
    });
    if (fresh.length > 0) this.onArrival(fresh);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
