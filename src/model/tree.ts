// The span tree as columns: every span's parent row, children in CSR form (childStart/childIndex),
// sibling orders for the tree's sort keys, and the flattening of the expanded tree into the rows
// a virtualized list shows. A span is a row index into the SpanTable. Pure: no React, no DuckDB.
//
// Roots are spans whose parent_span_id is 0, whose parent is not loaded, or whose parent link
// would close a cycle (bad data must not hide spans): every span appears exactly once. The parent
// rows come from spanParents (span-parents.ts), shared with the timeline lanes.
import { runAtOnce, type Steps } from '../base/time-slices';
import { spanParents, type SpanIds } from './span-parents';

export interface SpanTree {
  length: number;
  /** Row of each span's parent, or -1 for a root (spanParents' shared array: read only). */
  parentIndex: Int32Array;
  /**
   * Children of row r are childIndex[childStart[r] .. childStart[r + 1]); row `length` is a
   * virtual node whose children are the roots. Siblings are in row order (begin time, span id).
   */
  childStart: Uint32Array;
  childIndex: Uint32Array;
}

/** Children lists re-ordered for one sort key; same layout as SpanTree.childStart/childIndex. */
export interface SiblingOrder {
  childStart: Uint32Array;
  childIndex: Uint32Array;
}

/** CSR children lists of `parent` with siblings in the order rows appear in `order`. */
export function childrenInOrder(parent: Int32Array, order?: ArrayLike<number>): SiblingOrder {
  const n = parent.length;
  const childStart = new Uint32Array(n + 2);
  for (let i = 0; i < n; i++) childStart[(parent[i] < 0 ? n : parent[i]) + 1]++;
  for (let s = 0; s <= n; s++) childStart[s + 1] += childStart[s];
  const cursor = childStart.slice(0, n + 1);
  const childIndex = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const row = order ? order[k] : k;
    const p = parent[row];
    childIndex[cursor[p < 0 ? n : p]++] = row;
  }
  return { childStart, childIndex };
}

/** The tree of `table`; its parentIndex is the timeline's (spanParents), computed once per table. */
export function buildSpanTree(table: SpanIds): SpanTree {
  const parentIndex = spanParents(table);
  return { length: table.length, parentIndex, ...childrenInOrder(parentIndex) };
}

export function rootsOf(tree: SpanTree, order: SiblingOrder = tree): Uint32Array {
  return order.childIndex.subarray(
    order.childStart[tree.length],
    order.childStart[tree.length + 1],
  );
}

export function childCount(tree: SpanTree, row: number): number {
  return tree.childStart[row + 1] - tree.childStart[row];
}

/**
 * Siblings ordered by `key` (ties keep row order, i.e. begin time); `key` null means row order.
 * Sorts each sibling list on its own: O(Σ s log s) ≤ O(n log n).
 */
export function siblingOrder(
  tree: SpanTree,
  key: Float64Array | null,
  descending: boolean,
): SiblingOrder {
  // by start, ascending: the tree's own order (nothing to copy: no order is mutated after this)
  if (!key && !descending) return { childStart: tree.childStart, childIndex: tree.childIndex };
  const childIndex = tree.childIndex.slice();
  const sign = descending ? -1 : 1;
  const compare = (a: number, b: number) => sign * (key![a] - key![b]) || a - b;
  for (let node = 0; node <= tree.length; node++) {
    const from = tree.childStart[node];
    const to = tree.childStart[node + 1];
    if (to - from < 2) continue;
    const siblings = childIndex.subarray(from, to);
    if (key) siblings.sort(compare);
    else if (descending) siblings.reverse();
  }
  return { childStart: tree.childStart, childIndex };
}

/** The rows a tree view shows, top to bottom, with their indentation level. */
export interface VisibleRows {
  count: number;
  rows: Uint32Array;
  levels: Uint32Array;
}

/** Filter marks per span (see markMatches): 0 = hidden when a filter is active. */
export const MATCH = 1;
export const ANCESTOR = 2;
export const FORCED = 4;

/** Children looked at between two steps of a flattening (< 1 ms). */
const ROWS_PER_STEP = 1 << 15;

/** Row and level pairs in typed arrays that grow: a flattening rarely shows all `max` rows. */
class RowLevels {
  rows: Uint32Array;
  levels: Uint32Array;
  length = 0;

  constructor(private readonly max: number) {
    this.rows = new Uint32Array(Math.min(max, 1024));
    this.levels = new Uint32Array(this.rows.length);
  }

  /** Appends a pair; at most `max` in all (each row is shown at most once). */
  push(row: number, level: number): void {
    if (this.length === this.rows.length) this.grow();
    this.rows[this.length] = row;
    this.levels[this.length++] = level;
  }

  private grow(): void {
    const capacity = Math.min(this.max, this.rows.length * 2);
    const rows = new Uint32Array(capacity);
    const levels = new Uint32Array(capacity);
    rows.set(this.rows);
    levels.set(this.levels);
    this.rows = rows;
    this.levels = levels;
  }
}

/**
 * Depth-first flattening: a row's children follow it when `expanded[row]` is set. With `marks`,
 * only spans with a non-zero mark are shown.
 */
export function flattenVisible(
  tree: SpanTree,
  order: SiblingOrder,
  expanded: Uint8Array,
  marks: Uint8Array | null = null,
): VisibleRows {
  return runAtOnce(flattenVisibleSteps(tree, order, expanded, marks));
}

/**
 * flattenVisible as steps (base/time-slices.ts): the span tree runs them across tasks when they
 * are many (large under a search: a million rows shown, ~50 ms at once). Depth first with one
 * frame per open level (its next child and the end of its children), so a step looks at
 * ROWS_PER_STEP children however many one node has (large has roots with 10^5 descendants).
 */
export function* flattenVisibleSteps(
  tree: SpanTree,
  order: SiblingOrder,
  expanded: Uint8Array,
  marks: Uint8Array | null = null,
): Steps<VisibleRows> {
  const n = tree.length;
  const out = new RowLevels(n);
  const next = [order.childStart[n]];
  const end = [order.childStart[n + 1]];
  let work = 0;
  while (next.length > 0) {
    if (++work >= ROWS_PER_STEP) {
      work = 0;
      yield;
    }
    const level = next.length - 1;
    const k = next[level];
    if (k >= end[level]) {
      next.pop();
      end.pop();
      continue;
    }
    next[level] = k + 1;
    const row = order.childIndex[k];
    if (marks && marks[row] === 0) continue;
    out.push(row, level);
    if (expanded[row]) {
      next.push(order.childStart[row]);
      end.push(order.childStart[row + 1]);
    }
  }
  const count = out.length;
  return { count, rows: out.rows.subarray(0, count), levels: out.levels.subarray(0, count) };
}

/**
 * Position of span `row` among the shown rows, or -1 when it is not shown: a scan (~1 ms per
 * million rows shown), for a key press or a reveal, never per row.
 */
export function positionOf(visible: VisibleRows, row: number): number {
  return visible.rows.subarray(0, visible.count).indexOf(row);
}

/** Marks spans for which `isMatch` holds (MATCH) and every ancestor of one (ANCESTOR); O(n). */
export function markMatches(tree: SpanTree, isMatch: (row: number) => boolean): Uint8Array {
  const marks = new Uint8Array(tree.length);
  for (let i = 0; i < tree.length; i++) {
    if (!isMatch(i)) continue;
    marks[i] |= MATCH;
    markAncestors(tree, marks, i);
  }
  return marks;
}

/** Sets ANCESTOR on the ancestors of `row`, stopping at the first one already marked. */
export function markAncestors(tree: SpanTree, marks: Uint8Array, row: number): void {
  for (let p = tree.parentIndex[row]; p >= 0 && !(marks[p] & ANCESTOR); p = tree.parentIndex[p]) {
    marks[p] |= ANCESTOR;
  }
}

/** Ancestors of `row`, nearest first. */
export function ancestorsOf(tree: SpanTree, row: number): number[] {
  const out: number[] = [];
  for (let p = tree.parentIndex[row]; p >= 0; p = tree.parentIndex[p]) out.push(p);
  return out;
}

/** Whether a shown row has children to show (under a filter: ancestors of a match only). */
export function hasShownChildren(tree: SpanTree, marks: Uint8Array | null, row: number): boolean {
  return marks ? (marks[row] & ANCESTOR) !== 0 : childCount(tree, row) > 0;
}

/** The two 32-bit words of each id (ids compared word by word: no BigInt per read). */
const wordsOf = (ids: BigInt64Array) => new Int32Array(ids.buffer, ids.byteOffset, ids.length * 2);

/** A slot of an open-addressing table of 2^bits slots for the id whose words are w0, w1. */
const slotOf = (w0: number, w1: number, bits: number) =>
  Math.imul(w0 ^ Math.imul(w1, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);

/**
 * Copies per-span flags (e.g. "expanded") from an older table to a newer one of the same process
 * (a preview's or a live view's), matching spans by id: O(flagged + n). The flagged ids go to a
 * typed open-addressing table probed with each new id's two 32-bit words; a Map of BigInt keys
 * read one BigInt per new row (large: 1.76M, ~50 ms and its garbage in one render).
 */
export function carryFlagsBySpanId(
  oldIds: BigInt64Array,
  oldFlags: Uint8Array,
  newIds: BigInt64Array,
  newFlags: Uint8Array,
): void {
  let flagged = 0;
  for (let i = 0; i < oldFlags.length; i++) if (oldFlags[i]) flagged++;
  if (flagged === 0) return;
  const bits = Math.max(4, Math.ceil(Math.log2(flagged * 2)) + 1);
  const mask = (1 << bits) - 1;
  const table = new Int32Array(1 << bits).fill(-1); // old row per slot, -1: empty
  const oldWords = wordsOf(oldIds);
  for (let i = 0; i < oldFlags.length; i++) {
    if (!oldFlags[i]) continue;
    let slot = slotOf(oldWords[2 * i], oldWords[2 * i + 1], bits);
    while (table[slot] >= 0) slot = (slot + 1) & mask;
    table[slot] = i;
  }
  const newWords = wordsOf(newIds);
  for (let j = 0; j < newIds.length; j++) {
    const w0 = newWords[2 * j];
    const w1 = newWords[2 * j + 1];
    for (let slot = slotOf(w0, w1, bits); table[slot] >= 0; slot = (slot + 1) & mask) {
      const i = table[slot];
      if (oldWords[2 * i] === w0 && oldWords[2 * i + 1] === w1) {
        newFlags[j] = oldFlags[i];
        break;
      }
    }
  }
}
