// The process browser's canonical state and its poll: the processes a source lists (the page's
// own weft server, or a connected micromegas deployment), newest first; which of them arrived
// while the page was open ("new"); the filter. Polled every 1.5 s so a process that starts
// sending shows within 2 s. The lister is injected (see server-processes.ts). No React.
import { createStore } from 'zustand/vanilla';
import { DEFAULT_EVENT_BUDGET, type BlockOverview, type RemoteConnection } from './remote-source';
import type { UrlView } from './url-state';

export interface BrowserProcess {
  processId: string;
  exe: string;
  computer: string;
  username: string;
  /** RFC 3339, as the source sends it; null when unknown. */
  startTime: string | null;
  lastBlockTime: string | null;
  cpuBlocks: number;
  totalBlocks: number;
}

export interface BrowserFilter {
  text: string;
  /** RFC 3339 bounds of the time range (a process is listed when it overlaps it), or null. */
  beginIso: string | null;
  endIso: string | null;
}

/** 'unavailable': the source answers no process list (not a weft server, vite preview…). */
export type BrowserStatus = 'idle' | 'listing' | 'unavailable' | 'error';

export interface BrowserState {
  /** Where the list comes from, for the header: "this server", a deployment's base URL… */
  sourceLabel: string;
  processes: BrowserProcess[];
  /** Ids that arrived after the first answer and were not opened yet. */
  newIds: string[];
  filter: BrowserFilter;
  status: BrowserStatus;
  error: string | null;
  /** Whether any answer came yet (before it, "new" means nothing). */
  listed: boolean;
  /** Epoch ms of the last answer: ages ("5 s ago") are counted from it. */
  listedAtMs: number;
  /** The process waiting for a time range (or for its overview), or null. */
  pick: PendingPick | null;
  /** Processes with more cpu events than this open on their overview first (a setting). */
  eventBudget: number;
}

/**
 * A process too big to load whole (more cpu events than the budget): its block overview, on
 * which the user picks the time range to read. `viaCaptures`: opening it whole reads the own
 * server's capture folder (followed live) instead of the protocol.
 */
export interface PendingPick {
  processId: string;
  conn: RemoteConnection;
  viaCaptures: boolean;
  status: 'loading' | 'ready' | 'error';
  overview: BlockOverview | null;
  error: string | null;
  /** The brushed range, epoch ns, or null. */
  rangeNs: [bigint, bigint] | null;
  /** A deep link's window and selection, re-applied once loaded. */
  restore?: UrlView;
}

/** Lists the processes matching a filter, newest first; null when the source has no list. */
export type ProcessLister = (
  filter: BrowserFilter,
  signal: AbortSignal,
) => Promise<BrowserProcess[] | null>;

export const POLL_INTERVAL_MS = 1500;

export const NO_FILTER: BrowserFilter = { text: '', beginIso: null, endIso: null };

export function createBrowserStore(sourceLabel = 'this server') {
  return createStore<BrowserState>()(() => ({
    sourceLabel,
    processes: [],
    newIds: [],
    filter: NO_FILTER,
    status: 'idle',
    error: null,
    listed: false,
    listedAtMs: 0,
    pick: null,
    eventBudget: DEFAULT_EVENT_BUDGET,
  }));
}

export type BrowserStore = ReturnType<typeof createBrowserStore>;

/** Ids of `next` first seen now; none for the first answer or right after a filter change. */
export function arrivals(known: Set<string>, next: BrowserProcess[], sameFilter: boolean) {
  const fresh = next.filter((p) => !known.has(p.processId)).map((p) => p.processId);
  for (const id of fresh) known.add(id);
  return sameFilter ? fresh : [];
}
