// What the process browser does: list a source (polling), open one of its processes — whole
// when its cpu events fit the budget, else on its block overview where the user picks a time
// range — and, on a page that waits for data, open the first process that arrives. No React.
import { formatEpochNs } from '../base/time';
import type { AppActions } from './app-actions';
import type { AppStore } from './app-state';
import type { RemoteDirectory } from './connect-actions';
import { connectionOf, type ConnectionStore } from './connection';
import {
  createBrowserStore,
  type BrowserFilter,
  type PendingPick,
  type ProcessLister,
} from './process-browser';
import { ProcessPoll, type Timers } from './process-poll';
import type { RemoteConnection } from './remote-source';
import type { UrlRange, UrlView } from './url-state';

/** Buckets of the overview: about one per 5 px of a wide window. */
export const OVERVIEW_BUCKETS = 240;
/** A deployment is listed less often than the own server (its list is a lakehouse query). */
export const REMOTE_POLL_MS = 10_000;

/** A deep link's process, opened once its server is connected (maybe after a log-in). */
export interface PendingLink {
  processId: string;
  range: UrlRange | null;
  restore?: UrlView;
}

export interface BrowserActions {
  open(processId: string): Promise<void>;
  /** Takes the "new" mark off without opening it. */
  dismiss(processId: string): void;
  setFilter(filter: BrowserFilter): void;
  /** Lists again now (after an error, or when the drawer opens). */
  refresh(): void;
  setRange(rangeNs: [bigint, bigint] | null): void;
  /** Reads the picked range of the pending process; `whole` reads all of it. */
  loadPick(whole: boolean): Promise<void>;
  cancelPick(): void;
  setBudget(events: number): void;
}

type OpenActions = Pick<AppActions, 'openProcess' | 'openRemoteProcess'>;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class BrowserController implements BrowserActions {
  readonly store = createBrowserStore();
  readonly poll: ProcessPoll;
  private pendingLink: PendingLink | null = null;
  /** The page says it is loading for a deep link whose load has not started (linkLoading). */
  private forLink = false;

  constructor(
    private readonly app: AppStore,
    private readonly actions: OpenActions,
    lister: ProcessLister,
    private readonly remote: { directory: RemoteDirectory; connection: ConnectionStore } | null,
    timers?: Timers,
  ) {
    this.poll = new ProcessPoll(this.store, lister, (ids) => this.arrived(ids), timers);
    // A process that arrived while the page was still loading its sample (not yet waiting) is
    // opened as soon as the page starts waiting: the first process to send always opens.
    app.subscribe((s, prev) => {
      const first = this.store.getState().newIds[0];
      if (s.live === 'waiting' && prev.live !== 'waiting' && first) void this.open(first);
    });
  }

  start(): void {
    this.poll.start();
  }

  /** The own server answers no protocol: list its capture folders (/api/processes) instead. */
  listServerCaptures(): void {
    this.poll.start();
  }

  /**
   * A deep link's process, opened once its server is connected (maybe after a log-in): the page
   * says it is loading from now on, not empty while the server and the block overview answer.
   */
  awaitLink(link: PendingLink): void {
    this.pendingLink = link;
    this.linkLoading(true);
  }

  /** The deep link's server did not answer (or wants a log-in first): nothing loads meanwhile. */
  linkUnanswered(): void {
    this.linkLoading(false);
  }

  /** A working connection: the browser lists it from now on; a waiting deep link opens. */
  connected(conn: RemoteConnection, own: boolean, lister: ProcessLister): void {
    const label = own ? 'this server' : `${conn.baseUrl} · ${conn.dataSource}`;
    this.poll.setSource(lister, label, own ? undefined : REMOTE_POLL_MS);
    this.poll.start();
    const link = this.pendingLink;
    this.pendingLink = null;
    if (!link) return;
    this.linkLoading(true);
    void this.openLink(conn, link.processId, link.range, link.restore);
  }

  /**
   * Says the page is loading for a link (on), or no longer (off: the load started and says so
   * itself, or the link waits for the user), unless something else made it load meanwhile.
   */
  private linkLoading(on: boolean): void {
    const { phase } = this.app.getState();
    if (on && phase !== 'loading') this.app.setState({ phase: 'loading' });
    if (!on && this.forLink && phase === 'loading') this.app.setState({ phase: 'empty' });
    this.forLink = on && (this.forLink || phase !== 'loading');
  }

  /** From the list: the own server's capture folder (followed live) or the protocol. */
  open(processId: string): Promise<void> {
    this.poll.markOpened(processId);
    const state = this.remote?.connection.getState();
    const conn = state ? connectionOf(state) : null;
    if (!state || !conn) return this.actions.openProcess(processId);
    return this.openChecked(conn, processId, state.own && !state.token);
  }

  /** A deep link: its range as given, else the whole process if it fits the budget. */
  openLink(conn: RemoteConnection, processId: string, range: UrlRange | null, restore?: UrlView) {
    if (!range) return this.openChecked(conn, processId, false, restore);
    this.forLink = false; // the load says it is loading from now on
    return this.actions.openRemoteProcess(conn, processId, range, restore);
  }

  dismiss(processId: string): void {
    this.poll.markOpened(processId);
  }

  setFilter(filter: BrowserFilter): void {
    this.poll.setFilter(filter);
  }

  refresh(): void {
    void this.poll.poll();
  }

  setRange(rangeNs: [bigint, bigint] | null): void {
    const pick = this.store.getState().pick;
    if (pick) this.store.setState({ pick: { ...pick, rangeNs } });
  }

  async loadPick(whole: boolean): Promise<void> {
    const pick = this.store.getState().pick;
    if (!pick || (!whole && !pick.rangeNs)) return;
    this.store.setState({ pick: null });
    if (whole) return this.openWhole(pick);
    const [beginNs, endNs] = pick.rangeNs!;
    const range = { beginIso: formatEpochNs(beginNs), endIso: formatEpochNs(endNs) };
    return this.actions.openRemoteProcess(pick.conn, pick.processId, range, pick.restore);
  }

  cancelPick(): void {
    this.store.setState({ pick: null });
  }

  setBudget(events: number): void {
    if (Number.isFinite(events) && events > 0) this.store.setState({ eventBudget: events });
  }

  private openWhole(pick: PendingPick): Promise<void> {
    if (pick.viaCaptures) return this.actions.openProcess(pick.processId, pick.restore);
    return this.actions.openRemoteProcess(pick.conn, pick.processId, undefined, pick.restore);
  }

  /** Reads the block overview first: a process over the budget waits for a range. */
  private async openChecked(
    conn: RemoteConnection,
    processId: string,
    viaCaptures: boolean,
    restore?: UrlView,
  ): Promise<void> {
    const base = { processId, conn, viaCaptures, overview: null, error: null, rangeNs: null };
    const pick: PendingPick = { ...base, status: 'loading', restore };
    this.store.setState({ pick });
    try {
      const options = { bucketCount: OVERVIEW_BUCKETS };
      const overview = await this.remote!.directory.overview(conn, processId, options);
      if (this.store.getState().pick !== pick) return void (this.forLink = false); // another open
      if (overview.cpuObjects <= this.store.getState().eventBudget) {
        this.store.setState({ pick: null });
        this.forLink = false; // the load says it is loading from now on
        return this.openWhole(pick);
      }
      this.store.setState({ pick: { ...pick, status: 'ready', overview } });
    } catch (error) {
      if (this.store.getState().pick !== pick) return void (this.forLink = false);
      this.store.setState({ pick: { ...pick, status: 'error', error: describe(error) } });
    }
    this.linkLoading(false); // the user picks a range (or reads the error) first
  }

  /** The page waited for a process to send data: the first one to arrive opens. */
  private arrived(ids: string[]): void {
    if (this.app.getState().live === 'waiting') void this.open(ids[0]);
  }
}
