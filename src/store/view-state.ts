// Canonical view state shared by every panel: what is shown, selected, hovered, filtered.
// Derived data (lanes, tree rows, histogram bins) is never stored here: panels compute it from
// this state and the span table with memoized pure functions from src/model. No React.
import { createStore } from 'zustand/vanilla';
import type { CallPath } from '../model/call-tree';
import { EMPTY_FILTER, type RangeNs, type SpanFilter } from '../model/span-filter';
import type { SpanTable } from '../model/span-table';

export interface TimeWindow {
  /** Relative nanoseconds (see SpanTable). */
  startNs: number;
  endNs: number;
}

export interface DurationRange {
  minNs: number;
  maxNs: number;
}

export interface ViewState {
  /** The span table of the process being viewed, or null before anything is loaded. */
  spans: SpanTable | null;
  processId: string | null;
  window: TimeWindow;
  /** Selected span (row index into spans), or -1. */
  selected: number;
  /** Hovered span, or -1; updated transiently (subscribe, not React renders). */
  hovered: number;
  /** Duration range brushed in the histogram: matching spans are highlighted and filter the tree. */
  brush: DurationRange | null;
  /**
   * Span name the histogram shows, or null for all spans. A name, not an index into spans.names:
   * it stays the same name when another process (another dictionary) is shown.
   */
  histogramName: string | null;
  /**
   * Whether selecting a span (`select`, a user's act) shows its name in the histogram; off once the
   * user picks a name there, ignored while a brush is active (clicking a brushed span keeps it).
   */
  histogramFollow: boolean;
  search: string;
  /**
   * Filters every panel and the status bar apply (name, target, file, threads, state, migrated,
   * duration: src/model/span-filter.ts); the timeline hides the spans it drops.
   */
  filter: SpanFilter;
  /**
   * The selected time range (relative ns), or null: statistics, call tree and histogram keep the
   * spans that begin in it (span-filter.ts' inRange).
   */
  range: RangeNs | null;
  /** A call tree node picked in the call tree panel: the timeline shows only its spans. */
  callPath: CallPath | null;
  /** Low async rows without labels, so a screen shows more of a busy window (timeline only). */
  compactRows: boolean;
  /**
   * Collapsed spans of the timeline (src/model/span-collapse.ts): every root-task group collapsed
   * when `groupsCollapsed`, except the roots whose span ids are in `groupsFlipped`, which go the
   * other way; any other span (an inner one) is collapsed when its id is in `groupsFlipped` (ids,
   * not row indices: they survive a live update and a link).
   */
  groupsCollapsed: boolean;
  groupsFlipped: ReadonlySet<bigint>;
  /**
   * A drag is under way (the timeline's pan, the overview's brush): the view changes it makes
   * become one history entry when it ends (url-history.ts), not one per pause.
   */
  gesture: boolean;
  /**
   * The span table the timeline last drew a frame of (set by the timeline): what a load's work
   * behind its first view waits for (src/store/drawn.ts).
   */
  drawn: SpanTable | null;
}

export interface ViewActions {
  setSpans(spans: SpanTable | null, processId: string | null): void;
  /** A newer table of the same process (live view): keeps the zoom, selection, and filters. */
  updateSpans(spans: SpanTable): void;
  setWindow(window: TimeWindow): void;
  /** The user selects a span: the histogram shows its name when it follows the selection. */
  select(index: number): void;
  hover(index: number): void;
  setBrush(brush: DurationRange | null): void;
  setHistogramName(name: string | null): void;
  setHistogramFollow(on: boolean): void;
  setSearch(text: string): void;
  setCompactRows(compact: boolean): void;
  /** Collapses (or expands) every root-task group: no span is flipped any more. */
  setGroupsCollapsed(all: boolean): void;
  /** Collapses or expands these spans (roots' groups or inner spans' subtrees) in one change. */
  setGroupCollapsed(spans: readonly GroupSpan[], collapsed: boolean): void;
  setGesture(on: boolean): void;
  /** Changes some filter fields; the others stay. */
  setFilter(patch: Partial<SpanFilter>): void;
  setRange(range: RangeNs | null): void;
  setCallPath(path: CallPath | null): void;
}

export type ViewStore = ViewState & ViewActions;

/** A span to collapse or expand: its id, and whether it is a root task (its layout parent: -1). */
export interface GroupSpan {
  spanId: bigint;
  root: boolean;
}

export function fullWindow(spans: SpanTable | null): TimeWindow {
  if (!spans || spans.length === 0) return { startNs: 0, endNs: 1e9 };
  const pad = Math.max(1, (spans.captureEndNs - spans.captureBeginNs) * 0.01);
  return { startNs: spans.captureBeginNs - pad, endNs: spans.captureEndNs + pad };
}

/**
 * The index of `name` in `spans.names`: -1 for all spans (null), `names.length` (no span) for a
 * name this process does not have.
 */
export function histogramNameIndex(spans: SpanTable | null, name: string | null): number {
  if (name === null || !spans) return -1;
  const index = spans.names.indexOf(name);
  return index >= 0 ? index : spans.names.length;
}

export function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return a.startNs === b.startNs && a.endNs === b.endNs;
}

function spanIndex(spans: SpanTable, spanId: bigint): number {
  for (let i = 0; i < spans.length; i++) if (spans.spanId[i] === spanId) return i;
  return -1;
}

/** The view state carried over to a newer table of the same process. */
export function carryOver(state: ViewState, spans: SpanTable): Partial<ViewState> {
  const old = state.spans;
  if (!old) return { spans, window: fullWindow(spans), selected: -1, hovered: -1 };
  const zoomed = !sameWindow(state.window, fullWindow(old));
  return {
    spans,
    window: zoomed ? state.window : fullWindow(spans),
    selected: state.selected >= 0 ? spanIndex(spans, old.spanId[state.selected]) : -1,
    hovered: -1,
  };
}

/** The histogram's name after the user selects `row`, when it follows the selection. */
function followed(state: ViewState, row: number): Partial<ViewState> {
  const { spans, histogramFollow, brush } = state;
  if (!histogramFollow || brush || !spans || row < 0 || row >= spans.length) return {};
  const histogramName = spans.names[spans.nameIndex[row]];
  return histogramName === state.histogramName ? {} : { histogramName };
}

/** Turning following on shows the selected span's name at once. */
function follow(state: ViewState, on: boolean): Partial<ViewState> {
  return { histogramFollow: on, ...followed({ ...state, histogramFollow: on }, state.selected) };
}

const NO_FLIPS: ReadonlySet<bigint> = new Set();

/**
 * The flips that make `spans` collapsed (or expanded): a root is flipped when it differs from
 * `groupsCollapsed`, another span when it is collapsed. Unchanged when they all already are.
 */
function flipGroups(
  state: ViewState,
  spans: readonly GroupSpan[],
  collapsed: boolean,
): Partial<ViewState> {
  const change = spans.filter(
    (s) => state.groupsFlipped.has(s.spanId) !== (collapsed !== (s.root && state.groupsCollapsed)),
  );
  if (change.length === 0) return {};
  const groupsFlipped = new Set(state.groupsFlipped);
  for (const id of new Set(change.map((s) => s.spanId)))
    if (groupsFlipped.has(id)) groupsFlipped.delete(id);
    else groupsFlipped.add(id);
  return { groupsFlipped };
}

/** A view with nothing loaded. */
function emptyView(): ViewState {
  return {
    spans: null,
    processId: null,
    window: fullWindow(null),
    selected: -1,
    hovered: -1,
    brush: null,
    histogramName: null,
    histogramFollow: true,
    search: '',
    filter: EMPTY_FILTER,
    range: null,
    callPath: null,
    compactRows: false,
    groupsCollapsed: false,
    groupsFlipped: NO_FLIPS,
    gesture: false,
    drawn: null,
  };
}

export function createViewStore() {
  return createStore<ViewStore>()((set) => ({
    ...emptyView(),
    setSpans: (spans, processId) =>
      set({
        spans,
        processId,
        window: fullWindow(spans),
        selected: -1,
        hovered: -1,
        brush: null,
        range: null,
        callPath: null,
        groupsFlipped: NO_FLIPS,
      }),
    updateSpans: (spans) => set((state) => carryOver(state, spans)),
    setWindow: (window) => set({ window }),
    select: (selected) => set((state) => ({ selected, ...followed(state, selected) })),
    hover: (hovered) => set({ hovered }),
    setBrush: (brush) => set({ brush }),
    setHistogramName: (histogramName) => set({ histogramName, brush: null }),
    setHistogramFollow: (on) => set((state) => follow(state, on)),
    setSearch: (search) => set({ search }),
    setCompactRows: (compactRows) => set({ compactRows }),
    setGroupsCollapsed: (groupsCollapsed) => set({ groupsCollapsed, groupsFlipped: NO_FLIPS }),
    setGroupCollapsed: (spans, collapsed) => set((state) => flipGroups(state, spans, collapsed)),
    setGesture: (gesture) => set({ gesture }),
    setFilter: (patch) => set((state) => ({ filter: { ...state.filter, ...patch } })),
    setCallPath: (callPath) => set({ callPath }),
    setRange: (range) => set({ range: range && range.endNs > range.startNs ? range : null }),
  }));
}
