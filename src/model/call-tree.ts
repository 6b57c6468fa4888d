// The aggregated async call tree: spans merged by their name path from the root (the names of
// the span and its ancestors, span-parents.ts decides the parents), top-down, and inverted
// (bottom-up: a root per span name, its children the callers). Per node, over the spans a
// selection mask keeps: complete spans' count, total (sum of durations) and self time (sum of
// selfTimesNs: children's intervals merged, never summed), and the count of open spans and
// orphan ends. Async children overlap and may outlive their parent, so children's totals can
// exceed their parent's. Pure: no React, no DuckDB.
import { SPAN_COMPLETE, type SpanTable } from './span-table';
import type { SpanTree } from './tree';

/** Node 0 is the virtual root (no name); nodes are numbered parents first. */
export interface CallTree {
  length: number;
  parent: Int32Array;
  nameIndex: Int32Array;
  depth: Uint16Array;
  count: Float64Array;
  open: Float64Array;
  totalNs: Float64Array;
  selfNs: Float64Array;
  /**
   * Width of the node in a flame graph: its total, or its children's widths together when they
   * add up to more (async children overlap and outlive their parent; under a filter, a parent's
   * own spans may be left out).
   */
  weightNs: Float64Array;
  /** Children of node k: childIndex[childStart[k] .. childStart[k + 1]), by weight desc, then name. */
  childStart: Uint32Array;
  childIndex: Uint32Array;
}

export interface TopDownTree extends CallTree {
  /** The node of each span (top-down path of its names). */
  nodeOfSpan: Int32Array;
}

/** Above this many (node × name) slots, the child lookup is a Map instead of a dense table. */
const DENSE_SLOTS = 1 << 22;

/**
 * Growable node columns keyed by (parent node, name). The (parent, name) → child lookup is a
 * dense table (slot parent·names + name, 0 = none: node 0 is never a child) while nodes × names
 * stays small, as in real captures (tens of nodes, tens of names), else a Map.
 */
class NodeBuilder {
  parent: number[] = [-1];
  nameIndex: number[] = [-1];
  depth: number[] = [0];
  private dense: Int32Array | null;
  private ids: Map<number, number> | null = null;

  constructor(private readonly nameCount: number) {
    this.dense = new Int32Array(Math.min(DENSE_SLOTS, 64 * nameCount));
  }

  child(parent: number, name: number): number {
    const key = parent * this.nameCount + name;
    let id = this.dense ? (key < this.dense.length ? this.dense[key] : 0) : this.ids!.get(key);
    if (!id) {
      id = this.parent.length;
      this.parent.push(parent);
      this.nameIndex.push(name);
      this.depth.push(this.depth[parent] + 1);
      this.remember(key, id);
    }
    return id;
  }

  private remember(key: number, id: number): void {
    if (this.dense && key >= this.dense.length) this.grow(key);
    if (this.dense) this.dense[key] = id;
    else this.ids!.set(key, id);
  }

  /** A dense table twice as big (or more), or the Map once past DENSE_SLOTS. */
  private grow(key: number): void {
    const old = this.dense!;
    let size = old.length * 2;
    while (size <= key) size *= 2;
    if (size <= DENSE_SLOTS) {
      this.dense = new Int32Array(size);
      this.dense.set(old);
      return;
    }
    this.ids = new Map();
    for (let k = 0; k < old.length; k++) if (old[k]) this.ids.set(k, old[k]);
    this.dense = null;
  }
}

/**
 * Assigns every span its node, parents before children. Rows are in begin order, so a parent's
 * row nearly always comes first: one sequential pass assigns those spans. A span left without a
 * node (its parent begins later, or has no node yet) is below a span whose parent has one: each
 * such top span is assigned with its whole subtree, breadth-first in a typed queue.
 */
function assignNodes(table: SpanTable, tree: SpanTree, nodes: NodeBuilder): Int32Array {
  const n = table.length;
  const { childStart, childIndex, parentIndex } = tree; // locals: the loops read only arrays
  const names = table.nameIndex;
  const nodeOfSpan = new Int32Array(n).fill(-1);
  for (let row = 0; row < n; row++) {
    const parentRow = parentIndex[row];
    const parentNode = parentRow < 0 ? 0 : nodeOfSpan[parentRow];
    if (parentNode >= 0) nodeOfSpan[row] = nodes.child(parentNode, names[row]);
  }
  const queue = new Int32Array(n);
  for (let top = 0; top < n; top++) {
    if (nodeOfSpan[top] >= 0 || nodeOfSpan[parentIndex[top]] < 0) continue;
    let tail = 0;
    queue[tail++] = top;
    for (let head = 0; head < tail; head++) {
      const row = queue[head];
      nodeOfSpan[row] = nodes.child(nodeOfSpan[parentIndex[row]], names[row]);
      for (let k = childStart[row]; k < childStart[row + 1]; k++) queue[tail++] = childIndex[k];
    }
  }
  return nodeOfSpan;
}

function emptyAggregates(n: number) {
  return {
    count: new Float64Array(n),
    open: new Float64Array(n),
    totalNs: new Float64Array(n),
    selfNs: new Float64Array(n),
  };
}

type Aggregates = Omit<CallTree, 'childStart' | 'childIndex' | 'weightNs'>;

/** Children lists ordered by weight desc, then name; nodes with nothing kept below are left out. */
function childrenLists(tree: Aggregates, names: string[]) {
  const n = tree.length;
  const kept = new Float64Array(n);
  const weightNs = new Float64Array(n);
  const childrenNs = new Float64Array(n);
  for (let k = n - 1; k > 0; k--) {
    kept[k] += tree.count[k] + tree.open[k];
    kept[tree.parent[k]] += kept[k];
    weightNs[k] = Math.max(tree.totalNs[k], childrenNs[k]);
    if (kept[k] > 0) childrenNs[tree.parent[k]] += weightNs[k];
  }
  weightNs[0] = childrenNs[0];
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let k = 1; k < n; k++) if (kept[k] > 0) lists[tree.parent[k]].push(k);
  const childStart = new Uint32Array(n + 1);
  const childIndex: number[] = [];
  const nameOf = (k: number) => names[tree.nameIndex[k]];
  for (let k = 0; k < n; k++) {
    lists[k].sort((a, b) => weightNs[b] - weightNs[a] || (nameOf(a) < nameOf(b) ? -1 : 1));
    childIndex.push(...lists[k]);
    childStart[k + 1] = childIndex.length;
  }
  return { weightNs, childStart, childIndex: Uint32Array.from(childIndex) };
}

/**
 * The top-down tree over the spans `mask` keeps (all when null). `selfNs` is
 * selfTimesNs(table, tree); paths use every span's ancestors, kept or not.
 */
export function topDownTree(
  table: SpanTable,
  tree: SpanTree,
  selfNs: Float64Array,
  mask: Uint8Array | null,
): TopDownTree {
  const { parent, nameIndex, depth, nodeOfSpan } = nodeColumns(table, tree);
  const n = parent.length;
  const sums = emptyAggregates(n);
  const { count, open, totalNs, selfNs: selfSums } = sums;
  const { state, beginNs, endNs } = table;
  for (let row = 0; row < table.length; row++) {
    if (mask && !mask[row]) continue;
    const node = nodeOfSpan[row];
    if (state[row] !== SPAN_COMPLETE) {
      open[node]++;
      continue;
    }
    count[node]++;
    totalNs[node] += endNs[row] - beginNs[row];
    selfSums[node] += selfNs[row];
  }
  const base = { length: n, parent, nameIndex, depth, ...sums };
  return { ...base, ...childrenLists(base, table.names), nodeOfSpan };
}

interface NodeColumns {
  parent: Int32Array;
  nameIndex: Int32Array;
  depth: Uint16Array;
  nodeOfSpan: Int32Array;
}

const nodesByTree = new WeakMap<SpanTree, NodeColumns>();

/**
 * The top-down nodes and each span's node: they depend on the table's names and tree only, not
 * on the mask, so they are computed once per span tree (shared by every tree built from it: read
 * only) and a filter or range change only re-aggregates.
 */
function nodeColumns(table: SpanTable, tree: SpanTree): NodeColumns {
  let columns = nodesByTree.get(tree);
  if (!columns) {
    const nodes = new NodeBuilder(Math.max(1, table.names.length));
    const nodeOfSpan = assignNodes(table, tree, nodes);
    columns = {
      parent: Int32Array.from(nodes.parent),
      nameIndex: Int32Array.from(nodes.nameIndex),
      depth: Uint16Array.from(nodes.depth),
      nodeOfSpan,
    };
    nodesByTree.set(tree, columns);
  }
  return columns;
}

/**
 * The inverted tree: the node for names [X, P, G…] aggregates the spans named X whose parent is
 * named P, grandparent G…; so a root holds every kept span of its name. Built from the top-down
 * nodes (each adds its sums along its path), O(nodes × depth).
 */
export function invertedTree(topDown: CallTree, names: string[]): CallTree {
  const nodes = new NodeBuilder(Math.max(1, names.length));
  const contributions: [number, number][] = []; // [inverted node, top-down node]
  for (let k = 1; k < topDown.length; k++) {
    if (topDown.count[k] === 0 && topDown.open[k] === 0) continue;
    let inverted = 0;
    for (let up = k; up > 0; up = topDown.parent[up]) {
      inverted = nodes.child(inverted, topDown.nameIndex[up]);
      contributions.push([inverted, k]);
    }
  }
  const n = nodes.parent.length;
  const sums = emptyAggregates(n);
  for (const [inv, k] of contributions) {
    sums.count[inv] += topDown.count[k];
    sums.open[inv] += topDown.open[k];
    sums.totalNs[inv] += topDown.totalNs[k];
    sums.selfNs[inv] += topDown.selfNs[k];
  }
  const base = {
    length: n,
    parent: Int32Array.from(nodes.parent),
    nameIndex: Int32Array.from(nodes.nameIndex),
    depth: Uint16Array.from(nodes.depth),
    ...sums,
  };
  return { ...base, ...childrenLists(base, names) };
}

/** The names of node `k`'s path, from the root down (top-down) or from the span up (inverted). */
export function nodePath(tree: CallTree, names: string[], k: number): string[] {
  const path: string[] = [];
  for (let up = k; up > 0; up = tree.parent[up]) path.push(names[tree.nameIndex[up]]);
  return path.reverse();
}

/** Per span: 1 when its top-down node is `node` (the spans a click on a path selects). */
export function spansOfNode(tree: TopDownTree, node: number): Uint8Array {
  return Uint8Array.from(tree.nodeOfSpan, (k) => (k === node ? 1 : 0));
}

/** A node of either tree, by names: top-down from the root, or inverted from the span up. */
export interface CallPath {
  names: string[];
  inverted: boolean;
}

/**
 * Per span: 1 when it is one of the spans of `path`'s node: top-down, its names from the root
 * are exactly `names`; inverted, its own name and its ancestors' begin with `names`.
 */
export function spansOnPath(table: SpanTable, tree: SpanTree, path: CallPath): Uint8Array {
  const mask = new Uint8Array(table.length);
  const ids = path.names.map((n) => table.names.indexOf(n));
  if (ids.length === 0 || ids.includes(-1)) return mask;
  const own = path.inverted ? ids[0] : ids[ids.length - 1];
  for (let row = 0; row < table.length; row++) {
    if (table.nameIndex[row] !== own) continue;
    let up = row;
    let k = 0;
    for (; k < ids.length && up >= 0; k++, up = tree.parentIndex[up]) {
      const want = path.inverted ? ids[k] : ids[ids.length - 1 - k];
      if (table.nameIndex[up] !== want) break;
    }
    if (k === ids.length && (path.inverted || up < 0)) mask[row] = 1;
  }
  return mask;
}
