// What the process browser does: list a source (polling), open one of its processes, and on a
// page that waits for data, open the first process that arrives. No React.
import type { AppActions } from './app-actions';
import type { AppStore } from './app-state';
import { createBrowserStore, type BrowserFilter, type ProcessLister } from './process-browser';
import { ProcessPoll, type Timers } from './process-poll';

export interface BrowserActions {
  open(processId: string): Promise<void>;
  /** Takes the "new" mark off without opening it. */
  dismiss(processId: string): void;
  setFilter(filter: BrowserFilter): void;
  /** Lists again now (after an error, or when the drawer opens). */
  refresh(): void;
}

export class BrowserController implements BrowserActions {
  readonly store = createBrowserStore();
  readonly poll: ProcessPoll;

  constructor(
    private readonly app: AppStore,
    private readonly actions: Pick<AppActions, 'openProcess'>,
    lister: ProcessLister,
    timers?: Timers,
  ) {
    this.poll = new ProcessPoll(this.store, lister, (ids) => this.arrived(ids), timers);
  }

  start(): void {
    this.poll.start();
  }

  open(processId: string): Promise<void> {
    this.poll.markOpened(processId);
    return this.actions.openProcess(processId);
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

  /** The page waited for a process to send data: the first one to arrive opens. */
  private arrived(ids: string[]): void {
    if (this.app.getState().live === 'waiting') void this.open(ids[0]);
  }
}
