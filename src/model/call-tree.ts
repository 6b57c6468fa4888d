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

/** Growable node columns keyed by (parent node, name). */
class NodeBuilder {
  parent: number[] = [-1];
  nameIndex: number[] = [-1];
  depth: number[] = [0];
  private readonly ids = new Map<number, number>();

  constructor(private readonly nameCount: number) {}

  child(parent: number, name: number): number {
    const key = parent * this.nameCount + name;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.parent.length;
      this.ids.set(key, id);
      this.parent.push(parent);
      this.nameIndex.push(name);
      this.depth.push(this.depth[parent] + 1);
    }
    return id;
  }
}

/**
 * Assigns every span its node, parents before children (breadth-first over `tree`, in a typed
 * queue). Siblings often share a name: the last (parent node, name) looked up is remembered.
 */
function assignNodes(table: SpanTable, tree: SpanTree, nodes: NodeBuilder): Int32Array {
  const n = table.length;
  const nodeOfSpan = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let k = tree.childStart[n]; k < tree.childStart[n + 1]; k++)
    queue[tail++] = tree.childIndex[k];
  let lastParent = -1;
  let lastName = -1;
  let lastNode = -1;
  for (let head = 0; head < tail; head++) {
    const row = queue[head];
    const parentRow = tree.parentIndex[row];
    const parentNode = parentRow < 0 ? 0 : nodeOfSpan[parentRow];
    const name = table.nameIndex[row];
    if (parentNode !== lastParent || name !== lastName) {
      lastNode = nodes.child(parentNode, name);
      lastParent = parentNode;
      lastName = name;
    }
    nodeOfSpan[row] = lastNode;
    for (let k = tree.childStart[row]; k < tree.childStart[row + 1]; k++)
      queue[tail++] = tree.childIndex[k];
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
  const nodes = new NodeBuilder(Math.max(1, table.names.length));
  const nodeOfSpan = assignNodes(table, tree, nodes);
  const n = nodes.parent.length;
  const sums = emptyAggregates(n);
  for (let row = 0; row < table.length; row++) {
    if (mask && !mask[row]) continue;
    const node = nodeOfSpan[row];
    if (table.state[row] !== SPAN_COMPLETE) {
      sums.open[node]++;
      continue;
    }
    sums.count[node]++;
    sums.totalNs[node] += table.endNs[row] - table.beginNs[row];
    sums.selfNs[node] += selfNs[row];
  }
  const base = {
    length: n,
    parent: Int32Array.from(nodes.parent),
    nameIndex: Int32Array.from(nodes.nameIndex),
    depth: Uint16Array.from(nodes.depth),
    ...sums,
  };
  return { ...base, ...childrenLists(base, table.names), nodeOfSpan };
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
