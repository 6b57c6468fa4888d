// Root-task groups of the async lanes: a group is a root span of the lane layout (depth 0, or a
// span whose parent is missing or filtered out: the layout's parent is -1) and all its placed
// descendants. Collapsing (span-collapse.ts: a root's group or any inner span's subtree) keeps the
// collapsed span's row and hides its descendants; the rows of the layout never move (each span
// keeps its row, so expanded groups draw exactly as laid out), a row is only hidden when nothing
// drawn on it is in the window (row-window.ts). Collapsed spans are never dropped silently: the
// collapsed span says how many it hides. Here: the group links (one Int32Array per layout, built
// in O(n) without per-span objects: which root task each span belongs to), the rows kept under a
// collapse (one O(n) masked copy of the layout's rows), the next group's row (] / [) and the
// cheap children test of the triangles. Pure, on columns: no DOM.
import type { LaneLayout } from './lanes';
import { runAtOnce, type Steps } from '../base/time-slices';
import { lowerBound } from './lod';

/** Rows of spans, as LaneLayout's rowStart / rowSpans (spans of a row sorted by begin and end). */
export interface RowSet {
  rowCount: number;
  rowStart: Int32Array;
  rowSpans: Int32Array;
}

/**
 * link[i] ≥ 0: the root of placed span i's group; link[r] < 0: r is a root and its group has
 * −link[r] − 1 placed descendants that collapsing it hides. A descendant outside its root's time
 * extent (an orphan end drawn from the capture start, a child outliving its parent) links to
 * itself: no collapse hides it, so it is never dropped where the root is not in the window.
 * Unplaced spans (row −1) are linked but never counted.
 */
export type GroupLinks = Int32Array;

/** Spans a step handles between two yields of the sliced passes (a few ms on large). */
const SPANS_PER_STEP = 1 << 16;

/** Start and end of each span (a SpanTable's columns). */
export interface SpanTimes {
  beginNs: Float64Array;
  endNs: Float64Array;
}

/** The group links of a layout: roots found by walking up `parent`, each span resolved once. */
export function groupLinks(
  layout: Pick<LaneLayout, 'parent' | 'row'>,
  times: SpanTimes,
): GroupLinks {
  return runAtOnce(groupLinksSteps(layout, times));
}

/** groupLinks as steps (base/time-slices.ts): a yield every SPANS_PER_STEP spans. */
export function* groupLinksSteps(
  layout: Pick<LaneLayout, 'parent' | 'row'>,
  times: SpanTimes,
): Steps<GroupLinks> {
  const { parent, row } = layout;
  const n = parent.length;
  const link = new Int32Array(n);
  const done = new Uint8Array(n);
  const walk = { path: new Int32Array(64) }; // the unresolved spans of one walk up (grows)
  for (let from = 0; from < n; from += SPANS_PER_STEP) {
    const to = Math.min(n, from + SPANS_PER_STEP);
    for (let i = from; i < to; i++) if (!done[i]) resolve(parent, link, done, walk, i);
    yield;
  }
  for (let from = 0; from < n; from += SPANS_PER_STEP) {
    const to = Math.min(n, from + SPANS_PER_STEP);
    for (let i = from; i < to; i++) {
      const r = link[i];
      if (r < 0) continue;
      if (times.beginNs[i] < times.beginNs[r] || times.endNs[i] > times.endNs[r]) link[i] = i;
      else if (row[i] >= 0) link[r]--;
    }
    yield;
  }
  return link;
}

/** Links span i (and the unresolved spans above it) to its root; marks a new root with −1. */
function resolve(
  parent: Int32Array,
  link: Int32Array,
  done: Uint8Array,
  walk: { path: Int32Array },
  i: number,
): void {
  const p = parent[i];
  if (p >= 0 && done[p]) {
    // the common case: the table is in begin order, so a parent usually comes first
    link[i] = link[p] < 0 ? p : link[p];
    done[i] = 1;
    return;
  }
  let depth = 0;
  let v = i;
  while (!done[v] && parent[v] >= 0) {
    if (depth === walk.path.length) walk.path = grown(walk.path);
    walk.path[depth++] = v;
    v = parent[v];
  }
  // v is a root (not yet done: mark it) or a span whose root is known
  const root = done[v] ? (link[v] < 0 ? v : link[v]) : v;
  if (!done[v]) link[v] = -1;
  done[v] = 1;
  for (let k = 0; k < depth; k++) {
    link[walk.path[k]] = root;
    done[walk.path[k]] = 1;
  }
}

function grown(values: Int32Array): Int32Array {
  const out = new Int32Array(values.length * 2);
  out.set(values);
  return out;
}

const linksOf = new WeakMap<object, GroupLinks>();

/** groupLinks, memoized by the layout's identity (a layout is never mutated). */
export function groupLinksOf(layout: Pick<LaneLayout, 'parent' | 'row'>, times: SpanTimes) {
  return remembered(layout) ?? rememberLinks(layout, groupLinks(layout, times));
}

/** The links built for `layout`, if they were. */
export function remembered(layout: object): GroupLinks | undefined {
  return linksOf.get(layout);
}

export function rememberLinks(layout: object, links: GroupLinks): GroupLinks {
  linksOf.set(layout, links);
  return links;
}

/**
 * The root of span i's group by walking up the layout's parents (no links needed: O(depth)).
 */
export function rootOf(parent: Int32Array, i: number): number {
  let v = i;
  for (let steps = 0; parent[v] >= 0 && steps < parent.length; steps++) v = parent[v];
  return v;
}

/** The root of span i's group (i itself for a root, or a span outside its root's extent). */
export function groupOf(link: GroupLinks, i: number): number {
  return link[i] < 0 ? i : link[i];
}

/** Placed descendants of root r (0 for a span that is not a root). */
export function descendantsOf(link: GroupLinks, r: number): number {
  return link[r] < 0 ? -link[r] - 1 : 0;
}

/** Whether span i is drawn under a collapse's `hidden` mask (span-collapse.ts; absent: all are). */
export function isDrawn(hidden: Uint8Array | null | undefined, i: number): boolean {
  return !hidden || hidden[i] === 0;
}

/** The spans of `rows` not `hidden` (same arrays layout; rows keep their index). */
export function drawnRows(
  rows: Pick<RowSet, 'rowStart' | 'rowSpans'>,
  hidden: Uint8Array | null,
): RowSet {
  return runAtOnce(drawnRowsSteps(rows, hidden));
}

export function* drawnRowsSteps(
  rows: Pick<RowSet, 'rowStart' | 'rowSpans'>,
  hidden: Uint8Array | null,
): Steps<RowSet> {
  const { rowStart, rowSpans } = rows;
  const rowCount = rowStart.length - 1;
  if (!hidden) return { rowCount, rowStart, rowSpans };
  const outStart = new Int32Array(rowCount + 1);
  const outSpans = new Int32Array(rowSpans.length);
  let j = 0;
  let r = 0; // the row of span slot k: rows end inside steps, and a row may span many steps
  for (let from = 0; from < rowSpans.length; from += SPANS_PER_STEP) {
    const to = Math.min(rowSpans.length, from + SPANS_PER_STEP);
    for (let k = from; k < to; k++) {
      while (k >= rowStart[r + 1]) outStart[++r] = j;
      const i = rowSpans[k];
      if (hidden[i] === 0) outSpans[j++] = i;
    }
    yield;
  }
  while (r < rowCount) outStart[++r] = j;
  return {
    rowCount,
    rowStart: outStart,
    rowSpans: j === outSpans.length ? outSpans : outSpans.slice(0, j),
  };
}

/**
 * Whether row r of `rows` holds a root span (parent −1: the layout's) overlapping [startNs,
 * windowEndNs] (closed): the first row of a group there.
 */
export function rowHasRootIn(
  rows: RowSet,
  parent: Int32Array,
  r: number,
  times: { beginNs: Float64Array; endNs: Float64Array },
  startNs: number,
  windowEndNs: number,
): boolean {
  const hi = rows.rowStart[r + 1];
  for (let k = lowerBound(rows.rowSpans, rows.rowStart[r], hi, times.endNs, startNs); k < hi; k++) {
    const i = rows.rowSpans[k];
    if (times.beginNs[i] > windowEndNs) return false;
    if (parent[i] < 0) return true;
  }
  return false;
}

/**
 * Whether span r (a root or any span below one) has placed children, without children lists: a
 * span's first child always goes on the row just below it (lanes.ts packs a block's first child
 * at offset 1), and inside r's time extent that row holds only r's block. Exact when children lie
 * inside their parent (a child wholly before it is missed). O(log spans of a row): cheap enough
 * for each span labelled.
 */
export function hasChildren(
  layout: Pick<LaneLayout, 'row' | 'rowCount' | 'rowStart' | 'rowSpans' | 'parent'>,
  times: { beginNs: Float64Array; endNs: Float64Array },
  r: number,
): boolean {
  const below = layout.row[r] + 1;
  if (below <= 0 || below >= layout.rowCount) return false;
  const hi = layout.rowStart[below + 1];
  const k = lowerBound(layout.rowSpans, layout.rowStart[below], hi, times.endNs, times.beginNs[r]);
  return k < hi && layout.parent[layout.rowSpans[k]] === r;
}

/**
 * The next (dir 1) or previous (−1) shown row after shown row `from` that starts a group in the
 * window (rowHasRootIn), as a shown-row position; −1 when there is none. `layoutRow`: the layout
 * row at each shown position (row-window.ts).
 */
export function nextGroupRow(
  rows: RowSet,
  layoutRow: Int32Array,
  parent: Int32Array,
  times: { beginNs: Float64Array; endNs: Float64Array },
  window: { startNs: number; endNs: number },
  from: number,
  dir: 1 | -1,
): number {
  for (let s = from + dir; s >= 0 && s < layoutRow.length; s += dir) {
    if (rowHasRootIn(rows, parent, layoutRow[s], times, window.startNs, window.endNs)) return s;
  }
  return -1;
}
