// Async lane layout: assigns every span of a SpanTable to one row so that spans sharing a row never
// overlap (intervals are closed: touching spans and equal zero-length spans get separate rows) and
// every child sits below its parent. Each span's subtree is laid out as a block of rows (the span on
// the block's first row, its children's blocks packed below it in begin order, each as a rectangle
// of its time extent × its height), and root blocks are packed into the global rows the same way,
// so a family stays together. Pure, on columns: no DOM.
import type { SpanTable } from './span-table';
import { RowSpace } from './row-space';
import { SmallRows, SMALL_ROWS } from './small-rows';
import { parentIndices } from './span-parents';

export interface LaneLayout {
  /** Row of each span, or -1 when the span is filtered out. */
  row: Int32Array;
  rowCount: number;
  /**
   * Spans of row r are rowSpans[rowStart[r] .. rowStart[r + 1]), sorted by begin; since spans in a
   * row never overlap, they are sorted by end too (binary search either column).
   */
  rowStart: Int32Array;
  rowSpans: Int32Array;
  /** The layout parent of each span (nearest included ancestor), or -1 for a root. */
  parent: Int32Array;
}

/** Lays out the spans of `table` (only those with include[i] !== 0 when `include` is given). */
export function layoutLanes(table: SpanTable, include: Uint8Array | null = null): LaneLayout {
  const n = table.length;
  const order = beginOrder(table);
  const parent = parentIndices(table, include);
  const children = childLists(parent, order, include);
  const offset = packBlocks(table, children);
  const row = new Int32Array(n).fill(-1);
  let rowCount = 0;
  // Parents come before children in `preorder`, so each parent's row is known first.
  const { preorder } = children;
  for (let k = 0; k < preorder.length; k++) {
    const v = preorder[k];
    const p = parent[v];
    row[v] = (p < 0 ? -1 : row[p]) + offset[v];
    if (row[v] >= rowCount) rowCount = row[v] + 1;
  }
  const { rowStart, rowSpans } = groupByRow(row, rowCount, order);
  return { row, rowCount, rowStart, rowSpans, parent };
}

/** Span indices by begin (then index): the identity for a table sorted as the contract says. */
function beginOrder(table: SpanTable): Int32Array {
  const n = table.length;
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && table.beginNs[i] < table.beginNs[i - 1]) sorted = false;
  }
  if (!sorted) order.sort((a, b) => table.beginNs[a] - table.beginNs[b] || a - b);
  return order;
}

interface ChildLists {
  /** Children of span v: list[start[v] .. start[v + 1]); roots: list[start[n] .. start[n + 1]). */
  start: Int32Array;
  list: Int32Array;
  /** Included spans, every parent before its children. */
  preorder: Int32Array;
}

/** Children of each span (and of a virtual root at index n) in begin order, as CSR arrays. */
function childLists(parent: Int32Array, order: Int32Array, include: Uint8Array | null): ChildLists {
  const n = parent.length;
  const start = new Int32Array(n + 2);
  let included = 0;
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) continue;
    included++;
    start[(parent[i] < 0 ? n : parent[i]) + 1]++;
  }
  for (let v = 0; v <= n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n + 1);
  const list = new Int32Array(included);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (include && !include[i]) continue;
    list[fill[parent[i] < 0 ? n : parent[i]]++] = i;
  }
  return { start, list, preorder: preorderOf(start, list, n, included) };
}

function preorderOf(start: Int32Array, list: Int32Array, n: number, count: number): Int32Array {
  const out = new Int32Array(count);
  const stack = new Int32Array(count + 1);
  let top = 0;
  let k = 0;
  stack[top++] = n;
  while (top > 0) {
    const v = stack[--top];
    if (v !== n) out[k++] = v;
    for (let c = start[v + 1] - 1; c >= start[v]; c--) stack[top++] = list[c];
  }
  return out;
}

/**
 * Packed blocks, by span: rows (0 for a span without children: one row, its own extent) and time
 * extent. A block is packed into its parent's as this rectangle only.
 */
interface Blocks {
  height: Int32Array;
  beginNs: Float64Array;
  endNs: Float64Array;
}

/**
 * Offset of each span's row below its parent's row (for roots: below the virtual row -1), found by
 * packing, children before parents, each child's block into its parent's block.
 */
function packBlocks(table: SpanTable, children: ChildLists): Int32Array {
  const n = table.length;
  const offset = new Int32Array(n);
  const blocks: Blocks = {
    height: new Int32Array(n),
    beginNs: new Float64Array(n),
    endNs: new Float64Array(n),
  };
  const small = new SmallRows();
  const { start, preorder } = children;
  for (let k = preorder.length - 1; k >= 0; k--) {
    const v = preorder[k];
    if (start[v + 1] > start[v]) packChildren(table, v, children, blocks, offset, small);
  }
  packChildren(table, n, children, blocks, offset, small);
  return offset;
}

/**
 * Builds the block of span v (or of the virtual root n): v alone on its first row, then each
 * child's block, in begin order, as a rectangle (its whole time extent × its height) on the first
 * free rows below, so a later sibling never slips under a block's descendants and looks like their
 * child. A block that cannot outgrow SMALL_ROWS is packed in `small` (reused), others in a RowSpace.
 */
function packChildren(
  table: SpanTable,
  v: number,
  children: ChildLists,
  blocks: Blocks,
  offset: Int32Array,
  small: SmallRows,
): void {
  const { start, list } = children;
  if (v < table.length && start[v + 1] - start[v] === 1)
    return packOnlyChild(table, v, list[start[v]], blocks, offset);
  let most = v < table.length ? 1 : 0;
  for (let c = start[v]; c < start[v + 1] && most <= SMALL_ROWS; c++)
    most += blocks.height[list[c]] || 1;
  const space = most <= SMALL_ROWS ? small : new RowSpace();
  if (space === small) small.reset();
  if (v < table.length) space.add(0, table.beginNs[v], table.endNs[v]);
  for (let c = start[v]; c < start[v + 1]; c++) {
    const child = list[c];
    const leaf = blocks.height[child] === 0;
    const height = leaf ? 1 : blocks.height[child];
    const beginNs = leaf ? table.beginNs[child] : blocks.beginNs[child];
    const endNs = leaf ? table.endNs[child] : blocks.endNs[child];
    const off = space.findBand(1, height, beginNs, endNs);
    space.addBand(off, height, beginNs, endNs);
    offset[child] = off;
  }
  if (v >= table.length) return;
  blocks.height[v] = space.height;
  blocks.beginNs[v] = space.beginNs;
  blocks.endNs[v] = space.endNs;
}

/** packChildren for a span with one child: its block goes right below the span, whatever it is. */
function packOnlyChild(
  table: SpanTable,
  v: number,
  child: number,
  blocks: Blocks,
  offset: Int32Array,
): void {
  const leaf = blocks.height[child] === 0;
  const beginNs = leaf ? table.beginNs[child] : blocks.beginNs[child];
  const endNs = leaf ? table.endNs[child] : blocks.endNs[child];
  offset[child] = 1;
  blocks.height[v] = 1 + (leaf ? 1 : blocks.height[child]);
  // as RowSpace.add keeps its extent: the span's own, widened by strictly earlier / later ones
  blocks.beginNs[v] = beginNs < table.beginNs[v] ? beginNs : table.beginNs[v];
  blocks.endNs[v] = endNs > table.endNs[v] ? endNs : table.endNs[v];
}

/** Counting sort of the placed spans by row, keeping begin order within a row. */
function groupByRow(row: Int32Array, rowCount: number, order: Int32Array) {
  const rowStart = new Int32Array(rowCount + 1);
  for (let i = 0; i < row.length; i++) if (row[i] >= 0) rowStart[row[i] + 1]++;
  for (let r = 0; r < rowCount; r++) rowStart[r + 1] += rowStart[r];
  const fill = rowStart.slice(0, rowCount);
  const rowSpans = new Int32Array(rowStart[rowCount]);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (row[i] >= 0) rowSpans[fill[row[i]]++] = i;
  }
  return { rowStart, rowSpans };
}
