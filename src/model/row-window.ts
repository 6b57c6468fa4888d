// Lanes that fit the window: of a lane layout's rows, the ones with at least one span in the
// visible time window, in layout order. The timeline shows only these, so zoomed into a busy
// stretch the first screen is full of spans instead of rows that are empty there. Nothing of the
// layout changes: each span keeps its row (drawn once, never beside a span it overlaps), rows
// keep their order (children stay below their parents), so panning never shuffles rows; a row
// only appears or disappears as spans enter or leave the window. O(rows × log spans per row) per
// window, with two small arrays: cheap enough for every frame. Pure, on columns: no DOM.
import { lowerBound } from './lod';

export interface ShownRows {
  /** Layout row of each shown row, ascending. */
  layoutRow: Int32Array;
  /** Shown row of each layout row, or -1 when it is hidden (nothing of it in the window). */
  shownRow: Int32Array;
}

interface Rows {
  rowCount: number;
  rowStart: Int32Array;
  rowSpans: Int32Array;
}

/** True when row r holds a span overlapping [startNs, windowEndNs] (closed). */
function rowHasSpanIn(
  rows: Rows,
  r: number,
  beginNs: Float64Array,
  endNs: Float64Array,
  startNs: number,
  windowEndNs: number,
): boolean {
  const lo = rows.rowStart[r];
  const hi = rows.rowStart[r + 1];
  // spans of a row are sorted by begin and by end: the first one ending at or after the window
  // start is the only candidate
  const k = lowerBound(rows.rowSpans, lo, hi, endNs, startNs);
  return k < hi && beginNs[rows.rowSpans[k]] <= windowEndNs;
}

/** The rows of `rows` with a span overlapping [startNs, windowEndNs]. */
export function rowsInWindow(
  rows: Rows,
  beginNs: Float64Array,
  endNs: Float64Array,
  startNs: number,
  windowEndNs: number,
): ShownRows {
  const shownRow = new Int32Array(rows.rowCount).fill(-1);
  const kept: number[] = [];
  for (let r = 0; r < rows.rowCount; r++) {
    if (!rowHasSpanIn(rows, r, beginNs, endNs, startNs, windowEndNs)) continue;
    shownRow[r] = kept.length;
    kept.push(r);
  }
  return { layoutRow: Int32Array.from(kept), shownRow };
}

/** rowsInWindow, memoized on the last layout and window asked (every frame asks again). */
export class WindowRows {
  private last: { rows: Rows; startNs: number; endNs: number; shown: ShownRows } | null = null;

  of(
    rows: Rows,
    table: { beginNs: Float64Array; endNs: Float64Array },
    startNs: number,
    endNs: number,
  ): ShownRows {
    const m = this.last;
    if (m && m.rows === rows && m.startNs === startNs && m.endNs === endNs) return m.shown;
    const shown = rowsInWindow(rows, table.beginNs, table.endNs, startNs, endNs);
    this.last = { rows, startNs, endNs, shown };
    return shown;
  }
}
