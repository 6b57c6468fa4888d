// Canonical view state shared by every panel: what is shown, selected, hovered, filtered.
// Derived data (lanes, tree rows, histogram bins) is never stored here: panels compute it from
// this state and the span table with memoized pure functions from src/model. No React.
import { createStore } from 'zustand/vanilla';
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
  /** Name the histogram shows (index into spans.names), or -1 for all spans. */
  histogramName: number;
  search: string;
  migratedOnly: boolean;
}

export interface ViewActions {
  setSpans(spans: SpanTable | null, processId: string | null): void;
  setWindow(window: TimeWindow): void;
  select(index: number): void;
  hover(index: number): void;
  setBrush(brush: DurationRange | null): void;
  setHistogramName(nameIndex: number): void;
  setSearch(text: string): void;
  setMigratedOnly(on: boolean): void;
}

export type ViewStore = ViewState & ViewActions;

export function fullWindow(spans: SpanTable | null): TimeWindow {
  if (!spans || spans.length === 0) return { startNs: 0, endNs: 1e9 };
  const pad = Math.max(1, (spans.captureEndNs - spans.captureBeginNs) * 0.01);
  return { startNs: spans.captureBeginNs - pad, endNs: spans.captureEndNs + pad };
}

export function createViewStore() {
  return createStore<ViewStore>()((set) => ({
    spans: null,
    processId: null,
    window: fullWindow(null),
    selected: -1,
    hovered: -1,
    brush: null,
    histogramName: -1,
    search: '',
    migratedOnly: false,
    setSpans: (spans, processId) =>
      set({ spans, processId, window: fullWindow(spans), selected: -1, hovered: -1, brush: null }),
    setWindow: (window) => set({ window }),
    select: (selected) => set({ selected }),
    hover: (hovered) => set({ hovered }),
    setBrush: (brush) => set({ brush }),
    setHistogramName: (histogramName) => set({ histogramName, brush: null }),
    setSearch: (search) => set({ search }),
    setMigratedOnly: (migratedOnly) => set({ migratedOnly }),
  }));
}
