// The busiest stretch of a capture and how much of it one screen of lanes shows: what
// `weft bench ui` reports as "busy window: N of M active spans visible on the first screen".
// Pure, on columns: no DOM.
import { lowerBound } from './lod';

export interface BusyWindow {
  startNs: number;
  endNs: number;
  /** Spans overlapping [startNs, endNs] (closed). */
  active: number;
}

/** Number of sorted values < target (≤ target when `orEqual`). */
function countBelow(sorted: Float64Array, target: number, orEqual = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < target || (orEqual && sorted[mid] === target)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sorted begins (clipped to startNs) and ends of the spans overlapping [startNs, windowEndNs]
 * (only those with include[i] !== 0 when given).
 */
function sortedTimes(
  beginNs: Float64Array,
  endNs: Float64Array,
  include: Uint8Array | null,
  startNs: number,
  windowEndNs: number,
): { b: Float64Array; e: Float64Array } {
  const begins: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < beginNs.length; i++) {
    if ((include && !include[i]) || beginNs[i] > windowEndNs || endNs[i] < startNs) continue;
    begins.push(Math.max(startNs, beginNs[i]));
    ends.push(endNs[i]);
  }
  return { b: Float64Array.from(begins).sort(), e: Float64Array.from(ends).sort() };
}

/**
 * The window of `widthNs` overlapped by the most spans (only those with include[i] !== 0 when
 * given). Some busiest window ends at a span's begin: slide it left, gaining every span whose end
 * it reaches, until its right edge would pass the last begin it holds. So trying each begin b as
 * the right edge finds it: active = #(begin ≤ b) − #(end < b − w). Ties keep the earliest.
 */
export function busiestWindow(
  beginNs: Float64Array,
  endNs: Float64Array,
  widthNs: number,
  include: Uint8Array | null = null,
): BusyWindow {
  const { b, e } = sortedTimes(beginNs, endNs, include, -Infinity, Infinity);
  let best: BusyWindow = { startNs: 0, endNs: widthNs, active: 0 };
  for (let k = 0; k < b.length; k++) {
    const startNs = b[k] - widthNs;
    const active = countBelow(b, b[k], true) - countBelow(e, startNs);
    if (active > best.active) best = { startNs, endNs: b[k], active };
  }
  return best;
}

/** Distinct spans of rows [firstRow, lastRow) overlapping [startNs, endNs] (closed). */
export function spansInRows(
  rows: { rowStart: Int32Array; rowSpans: Int32Array },
  beginNs: Float64Array,
  endNs: Float64Array,
  firstRow: number,
  lastRow: number,
  startNs: number,
  windowEndNs: number,
): number {
  let count = 0;
  for (let r = firstRow; r < lastRow; r++) {
    const lo = rows.rowStart[r];
    const hi = rows.rowStart[r + 1];
    // spans of a row are sorted by begin and by end: skip those ending before the window
    for (let k = lowerBound(rows.rowSpans, lo, hi, endNs, startNs); k < hi; k++) {
      if (beginNs[rows.rowSpans[k]] > windowEndNs) break;
      count++;
    }
  }
  return count;
}

/**
 * The most spans open at one instant of [startNs, windowEndNs] (closed intervals: a span ending
 * at t and one beginning at t are both open at t). No layout can show a window's spans in fewer
 * rows, since spans open at the same instant never share a row.
 */
export function peakOpen(
  beginNs: Float64Array,
  endNs: Float64Array,
  startNs: number,
  windowEndNs: number,
  include: Uint8Array | null = null,
): number {
  const { b, e } = sortedTimes(beginNs, endNs, include, startNs, windowEndNs);
  // the count only rises at a begin: the peak is at some begin t, where open = #(begin ≤ t) − #(end < t)
  let peak = 0;
  for (let k = 0; k < b.length; k++) {
    peak = Math.max(peak, countBelow(b, b[k], true) - countBelow(e, b[k]));
  }
  return peak;
}

/**
 * What root-task groups and the next-group key give in the window shown (weft bench ui's busy
 * window; measured in the page by src/ui/timeline/bench-hooks.ts).
 */
export interface GroupsFigure {
  /** Root tasks with a span in the window. */
  roots: number;
  /** Spans the first screen shows with every group collapsed (each a root), normal and compact. */
  listed: number;
  listedCompact: number;
  /** The root task shown lowest (expanded): presses of ] and of PgDn until it is on screen. */
  nextPresses: number;
  pageDownPresses: number;
  /** The same with every group collapsed. */
  nextPressesCollapsed: number;
  pageDownPressesCollapsed: number;
}
