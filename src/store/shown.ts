// What the header and the status bar describe: the process the panels show (its threads, spans,
// events, and the errors of the loads that brought it), next to how many processes are loaded.
// Pure functions of the app state; no React.
import type { AppState } from './app-state';
import type { ProcessSummary } from './backend';
import type { IssueLog } from './load-reporter';

/** Where a loaded process came from: the load that first brought it, and its label. */
export interface ProcessOrigin {
  label: string;
  loadId: number;
}

export interface ShownStatus {
  /** Processes loaded (all of them, not only the shown one). */
  processes: number;
  threads: number;
  spans: number;
  events: number;
  errors: number;
  /** The shown process's summary, or null when none is shown. */
  process: ProcessSummary | null;
  /** Where the shown process came from (a `?process=` value, a file name, "3 files"…). */
  label: string | null;
  /**
   * A preview of a process not counted yet is shown (a load goes on): the counts are not known
   * until its blocks are all merged, so the status bar says so rather than showing 0.
   */
  counting: boolean;
}

/** Records the origin of processes that have none yet (the ones this load brought). */
export function withOrigins(
  origins: Record<string, ProcessOrigin>,
  processes: ProcessSummary[],
  origin: ProcessOrigin,
): Record<string, ProcessOrigin> {
  const fresh = processes.filter((p) => !(p.processId in origins));
  if (fresh.length === 0) return origins;
  const next = { ...origins };
  for (const p of fresh) next[p.processId] = origin;
  return next;
}

/** The process a load brought that was not loaded before it (most spans first), or null. */
export function freshProcess(processes: ProcessSummary[], known: Set<string>): string | null {
  let best: ProcessSummary | null = null;
  for (const p of processes)
    if (!known.has(p.processId) && (!best || p.spans > best.spans)) best = p;
  return best?.processId ?? null;
}

/**
 * Errors that concern the shown process: every rejected input except those of loads that only
 * brought other processes (a corrupt file names no process, so its load is the best witness).
 */
export function errorsOf(
  issues: IssueLog,
  origins: Record<string, ProcessOrigin>,
  processId: string | null,
): number {
  if (processId === null) return issues.errors;
  const own = origins[processId]?.loadId;
  const others = new Set<number>();
  for (const [id, origin] of Object.entries(origins))
    if (id !== processId && origin.loadId !== own) others.add(origin.loadId);
  let n = issues.errors;
  for (const loadId of others) n -= issues.errorsByLoad[loadId] ?? 0;
  return n;
}

export function shownStatus(state: AppState, processId: string | null): ShownStatus {
  const process = state.processes.find((p) => p.processId === processId) ?? null;
  const errors = errorsOf(state.issues, state.origins, process ? processId : null);
  const processes = state.counts.processes;
  if (!process) {
    const counting = state.preview !== null;
    return { ...state.counts, processes, errors, process, label: state.sourceLabel, counting };
  }
  const { threads, spans, events } = process;
  const label = state.origins[process.processId]?.label ?? state.sourceLabel;
  return { processes, threads, spans, events, errors, process, label, counting: false };
}
