// Self time of every span: its duration minus the union of its children's intervals, each child
// clipped to the parent's interval. Children of async spans overlap often (joined futures), so
// they are merged, never summed. Pure: no React, no DuckDB.
import { runAtOnce, type Steps } from '../base/time-slices';
import { SPAN_COMPLETE, type SpanTable } from './span-table';
import type { SpanTree } from './tree';

/**
 * Self time (ns) per span. Children come in row order, which is begin order in a SpanTable, so
 * one sweep per parent merges them: O(n) overall, O(n log n) if some sibling list is unsorted.
 */
export function selfTimesNs(
  table: Pick<SpanTable, 'length' | 'beginNs' | 'endNs'>,
  tree: SpanTree,
): Float64Array {
  const self = new Float64Array(table.length);
  const { beginNs, endNs } = table;
  const { childStart } = tree;
  for (let row = 0; row < table.length; row++) {
    const durationNs = endNs[row] - beginNs[row];
    const from = childStart[row];
    const to = childStart[row + 1];
    self[row] = to > from ? durationNs - coveredNs(table, tree, row, from, to) : durationNs;
  }
  return self;
}

/**
 * 1 where a span's self time is only a lower bound: the span is open or an orphan end, or one of
 * its children is (drawn to the capture's edge, a child covers at least its real interval).
 */
export function selfBoundFlags(
  table: Pick<SpanTable, 'length' | 'state'>,
  tree: SpanTree,
): Uint8Array {
  return runAtOnce(selfBoundFlagsSteps(table, tree));
}

/** Rows selfBoundFlagsSteps passes between two steps. */
const ROWS_PER_STEP = 1 << 16;

/** selfBoundFlags as steps (the span tree's base of large: 1.76M rows). */
export function* selfBoundFlagsSteps(
  table: Pick<SpanTable, 'length' | 'state'>,
  tree: SpanTree,
): Steps<Uint8Array> {
  // one sequential pass: a span that is not complete flags itself and its parent (a node's
  // children are the rows whose parentIndex it is: tree.ts, childrenInOrder)
  const bound = new Uint8Array(table.length);
  const { state } = table;
  const { parentIndex } = tree;
  for (let row = 0; row < table.length; row++) {
    if (row % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    if (state[row] === SPAN_COMPLETE) continue;
    bound[row] = 1;
    if (parentIndex[row] >= 0) bound[parentIndex[row]] = 1;
  }
  return bound;
}

/** Length of the union of children childIndex[from..to) clipped to `parent`'s interval. */
function coveredNs(
  table: Pick<SpanTable, 'beginNs' | 'endNs'>,
  tree: SpanTree,
  parent: number,
  from: number,
  to: number,
): number {
  const lo = table.beginNs[parent];
  const hi = table.endNs[parent];
  if (!(hi > lo)) return 0;
  let starts: ArrayLike<number> | null = null;
  let ends: ArrayLike<number> | null = null;
  if (!childrenSortedByBegin(table, tree, from, to))
    [starts, ends] = sortedIntervals(table, tree, from, to);
  let total = 0;
  let runBegin = 0;
  let runEnd = -Infinity;
  for (let k = 0; k < to - from; k++) {
    const child = tree.childIndex[from + k];
    const b = Math.max(starts ? starts[k] : table.beginNs[child], lo);
    const e = Math.min(ends ? ends[k] : table.endNs[child], hi);
    if (!(e > b)) continue; // outside the parent, or zero-length
    if (b > runEnd) {
      if (runEnd > runBegin) total += runEnd - runBegin;
      runBegin = b;
      runEnd = e;
    } else if (e > runEnd) runEnd = e;
  }
  if (runEnd > runBegin) total += runEnd - runBegin;
  return total;
}

function childrenSortedByBegin(
  table: Pick<SpanTable, 'beginNs'>,
  tree: SpanTree,
  from: number,
  to: number,
): boolean {
  for (let k = from + 1; k < to; k++) {
    if (table.beginNs[tree.childIndex[k]] < table.beginNs[tree.childIndex[k - 1]]) return false;
  }
  return true;
}

function sortedIntervals(
  table: Pick<SpanTable, 'beginNs' | 'endNs'>,
  tree: SpanTree,
  from: number,
  to: number,
): [Float64Array, Float64Array] {
  const kids = Array.from(tree.childIndex.subarray(from, to));
  kids.sort((a, b) => table.beginNs[a] - table.beginNs[b]);
  return [
    Float64Array.from(kids, (c) => table.beginNs[c]),
    Float64Array.from(kids, (c) => table.endNs[c]),
  ];
}
