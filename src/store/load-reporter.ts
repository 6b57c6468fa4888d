// What a load reports to the store, batched: progress and rejected inputs reach the store at most
// once per interval (and once at the end), never once per input. The store keeps exact counts of
// errors and skipped files but lists only the first ISSUES_LISTED of each kind, so a drop of 100k
// bad files costs O(1) per input and renders the status bar a few times, not 100k times. No React.
import { isError, type LoadIssue, type LoadProgress } from './backend';
import type { AppState, AppStore } from './app-state';

/** How many errors (and, separately, skipped files) the errors panel lists; counts stay exact. */
export const ISSUES_LISTED = 500;

const FLUSH_INTERVAL_MS = 100;

/** Rejected inputs: exact counts, and the first few of each kind in arrival order. */
export interface IssueLog {
  readonly errors: number;
  readonly skipped: number;
  readonly errorList: readonly LoadIssue[];
  readonly skippedList: readonly LoadIssue[];
  /** Errors per load (LoadIssue.loadId): the status bar counts those of the process shown. */
  readonly errorsByLoad: Readonly<Record<number, number>>;
  /** What the errors lost: blocks, their events where known, and blocks of unknown event count. */
  readonly lost: LostData;
}

export interface LostData {
  readonly blocks: number;
  readonly events: number;
  readonly blocksOfUnknownSize: number;
}

function addLost(lost: LostData, issue: LoadIssue): LostData {
  if (!issue.lost) return lost;
  const known = issue.lost.objects !== undefined;
  return {
    blocks: lost.blocks + issue.lost.blocks,
    events: lost.events + (issue.lost.objects ?? 0),
    blocksOfUnknownSize: lost.blocksOfUnknownSize + (known ? 0 : issue.lost.blocks),
  };
}

export const EMPTY_ISSUES: IssueLog = {
  errors: 0,
  skipped: 0,
  errorList: [],
  skippedList: [],
  errorsByLoad: {},
  lost: { blocks: 0, events: 0, blocksOfUnknownSize: 0 },
};

/** Every listed issue, errors first (what the errors panel shows). */
export function listedIssues(log: IssueLog): LoadIssue[] {
  return [...log.errorList, ...log.skippedList];
}

/** `log` with `issues` appended; copies at most ISSUES_LISTED entries per list. */
export function appendIssues(log: IssueLog, issues: readonly LoadIssue[]): IssueLog {
  let { errors, skipped } = log;
  const errorRoom = ISSUES_LISTED - log.errorList.length;
  const skippedRoom = ISSUES_LISTED - log.skippedList.length;
  const newErrors: LoadIssue[] = [];
  const newSkipped: LoadIssue[] = [];
  let errorsByLoad = log.errorsByLoad;
  let lost = log.lost;
  for (const issue of issues) {
    if (isError(issue)) {
      errors++;
      lost = addLost(lost, issue);
      if (issue.loadId !== undefined) {
        if (errorsByLoad === log.errorsByLoad) errorsByLoad = { ...errorsByLoad };
        (errorsByLoad as Record<number, number>)[issue.loadId] =
          (errorsByLoad[issue.loadId] ?? 0) + 1;
      }
      if (newErrors.length < errorRoom) newErrors.push(issue);
    } else {
      skipped++;
      if (newSkipped.length < skippedRoom) newSkipped.push(issue);
    }
  }
  const errorList = newErrors.length > 0 ? [...log.errorList, ...newErrors] : log.errorList;
  const skippedList = newSkipped.length > 0 ? [...log.skippedList, ...newSkipped] : log.skippedList;
  return { errors, skipped, errorList, skippedList, errorsByLoad, lost };
}

/** Collects a load's progress and issues; one store update per interval. */
export class LoadReporter {
  private progress: LoadProgress | null = null;
  private pending: LoadIssue[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly app: AppStore,
    private readonly showProgress: boolean,
  ) {}

  readonly onProgress = (progress: LoadProgress): void => {
    if (!this.showProgress) return;
    this.progress = progress;
    this.schedule();
  };

  readonly onIssue = (issue: LoadIssue): void => {
    this.pending.push(issue);
    this.schedule();
  };

  /** Writes what was collected to the store now. */
  readonly flush = (): void => {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const patch: Partial<AppState> = {};
    if (this.pending.length > 0)
      patch.issues = appendIssues(this.app.getState().issues, this.pending);
    if (this.progress !== null) patch.progress = this.progress;
    this.pending = [];
    this.progress = null;
    if (patch.issues || patch.progress) this.app.setState(patch);
  };

  private schedule(): void {
    if (this.timer === undefined) this.timer = setTimeout(this.flush, FLUSH_INTERVAL_MS);
  }
}
