// Where things sit in the timeline canvas, in CSS pixels: the axis band, one lane per thread, then
// the scrolled async lanes. Shared by the renderer, the hit test and the panel. No React, no DOM.
import type { PixelView } from '../../model/lod';
import type { ShownRows } from '../../model/row-window';

export const AXIS_CSS = 36;
export const THREAD_ROW_CSS = 18;
export const THREAD_GAP_CSS = 6;
export const ROW_CSS = 18;
/**
 * Row height in compact mode: bars without labels, so a screen holds 4.5× the rows (a busy window
 * of thousands of concurrent spans shows far more of them at once; hover still names each span).
 */
export const COMPACT_ROW_CSS = 4;
/** Vertical inset of a span bar inside its row. */
export const BAR_INSET_CSS = 1;
const COMPACT_BAR_INSET_CSS = 0.5;

export interface TimelineGeometry {
  widthCss: number;
  heightCss: number;
  dpr: number;
  /** The visible time window (relative ns). */
  startNs: number;
  endNs: number;
  threadCount: number;
  rowCount: number;
  /** How far the async lanes are scrolled down. */
  scrollTopCss: number;
  /**
   * The layout rows shown (those with spans in the window, src/model/row-window.ts); `rowCount`
   * is then their number. Absent or null: every layout row is shown.
   */
  shownRows?: ShownRows | null;
  /** Height of an async row: ROW_CSS, or COMPACT_ROW_CSS in compact mode. Absent: ROW_CSS. */
  rowCss?: number;
}

/** Row height for the view store's compactRows. */
export function rowCssFor(compact: boolean): number {
  return compact ? COMPACT_ROW_CSS : ROW_CSS;
}

/** Height of one async row. */
export function rowCssOf(g: TimelineGeometry): number {
  return g.rowCss ?? ROW_CSS;
}

/** A span bar's top inset and height in its row (CSS px). */
export function barCss(g: TimelineGeometry): { insetCss: number; heightCss: number } {
  const rowCss = rowCssOf(g);
  const insetCss = rowCss < ROW_CSS ? COMPACT_BAR_INSET_CSS : BAR_INSET_CSS;
  return { insetCss, heightCss: rowCss - 2 * insetCss };
}

/** The layout row shown at position `shown` (0 = top). */
export function layoutRowAt(g: TimelineGeometry, shown: number): number {
  return g.shownRows ? g.shownRows.layoutRow[shown] : shown;
}

/** Position of layout row `row` among the shown rows, or -1 when it is hidden. */
export function shownRowOf(g: TimelineGeometry, row: number): number {
  return g.shownRows ? (g.shownRows.shownRow[row] ?? -1) : row;
}

export function threadsTopCss(): number {
  return AXIS_CSS;
}

export function lanesTopCss(g: TimelineGeometry): number {
  return AXIS_CSS + g.threadCount * THREAD_ROW_CSS + THREAD_GAP_CSS;
}

export function lanesHeightCss(g: TimelineGeometry): number {
  return Math.max(0, g.heightCss - lanesTopCss(g));
}

/** Largest useful scroll: the last row at the bottom of the lanes area. */
export function maxScrollTopCss(g: TimelineGeometry): number {
  const rowCss = rowCssOf(g);
  return Math.max(0, g.rowCount * rowCss - lanesHeightCss(g) + rowCss);
}

/** Top of layout row `row`'s slot in canvas CSS px (may be off screen; far above if hidden). */
export function rowTopCss(g: TimelineGeometry, row: number): number {
  const shown = shownRowOf(g, row);
  return lanesTopCss(g) + (shown < 0 ? -1e6 : shown * rowCssOf(g)) - g.scrollTopCss;
}

/** Shown rows (positions, see layoutRowAt) at least partly inside the lanes area: [first, last). */
export function visibleRows(g: TimelineGeometry): [number, number] {
  const rowCss = rowCssOf(g);
  const first = Math.max(0, Math.floor(g.scrollTopCss / rowCss));
  const last = Math.min(g.rowCount, Math.ceil((g.scrollTopCss + lanesHeightCss(g)) / rowCss));
  return [first, Math.max(first, last)];
}

export function threadTopCss(thread: number): number {
  return AXIS_CSS + thread * THREAD_ROW_CSS;
}

export function nsPerCss(g: TimelineGeometry): number {
  return (g.endNs - g.startNs) / Math.max(1, g.widthCss);
}

export function xCssOf(g: TimelineGeometry, timeNs: number): number {
  return (timeNs - g.startNs) / nsPerCss(g);
}

export function timeAtCss(g: TimelineGeometry, xCss: number): number {
  return g.startNs + xCss * nsPerCss(g);
}

/** The device-pixel mapping the level-of-detail code works in. */
export function pixelView(g: TimelineGeometry): PixelView {
  const widthPx = Math.max(1, Math.round(g.widthCss * g.dpr));
  return { startNs: g.startNs, nsPerPx: (g.endNs - g.startNs) / widthPx, widthPx };
}

/** Scroll that puts layout row `row` in view: unchanged when it already is, else centred. */
export function scrollToRow(g: TimelineGeometry, row: number): number {
  const shown = shownRowOf(g, row);
  if (shown < 0) return g.scrollTopCss;
  const rowCss = rowCssOf(g);
  const top = shown * rowCss;
  const height = lanesHeightCss(g);
  if (top >= g.scrollTopCss && top + rowCss <= g.scrollTopCss + height) return g.scrollTopCss;
  return Math.min(maxScrollTopCss(g), Math.max(0, top - height / 2 + rowCss / 2));
}
