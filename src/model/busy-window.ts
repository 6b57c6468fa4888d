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
 * The window of `widthNs` overlapped by the most spans (only those with include[i] !== 0 when
 * given). Some busiest window starts at a span's begin (slide it right until one does), so trying
 * each begin finds it: active = #(begin ≤ t + w) − #(end < t). Ties keep the earliest.
 */
export function busiestWindow(
  beginNs: Float64Array,
  endNs: Float64Array,
  widthNs: number,
  include: Uint8Array | null = null,
): BusyWindow {
  const begins: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < beginNs.length; i++) {
    if (include && !include[i]) continue;
    begins.push(beginNs[i]);
    ends.push(endNs[i]);
  }
  const b = Float64Array.from(begins).sort();
  const e = Float64Array.from(ends).sort();
  let best: BusyWindow = { startNs: 0, endNs: widthNs, active: 0 };
  for (let k = 0; k < b.length; k++) {
    const t = b[k];
    const active = countBelow(b, t + widthNs, true) - countBelow(e, t);
    if (active > best.active) best = { startNs: t, endNs: t + widthNs, active };
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
