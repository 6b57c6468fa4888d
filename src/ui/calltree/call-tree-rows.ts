// The call tree table's rows: the nodes shown (children of expanded nodes), with their level,
// and the default expansion (the first levels). No React, no DOM.
import type { CallTree } from '../../model/call-tree';

export interface CallTreeRow {
  node: number;
  level: number;
  hasChildren: boolean;
}

/** Depth-first rows of the nodes under expanded ones (node 0, the virtual root, always). */
export function visibleNodes(tree: CallTree, expanded: Set<number>): CallTreeRow[] {
  const rows: CallTreeRow[] = [];
  const stack: [number, number][] = [];
  const push = (node: number, level: number) => {
    for (let k = tree.childStart[node + 1] - 1; k >= tree.childStart[node]; k--)
      stack.push([tree.childIndex[k], level]);
  };
  push(0, 0);
  while (stack.length) {
    const [node, level] = stack.pop()!;
    const hasChildren = tree.childStart[node + 1] > tree.childStart[node];
    rows.push({ node, level, hasChildren });
    if (hasChildren && expanded.has(node)) push(node, level + 1);
  }
  return rows;
}

/** Nodes at depth < `levels`, expanded by default. */
export function firstLevels(tree: CallTree, levels: number): Set<number> {
  const out = new Set<number>();
  for (let k = 1; k < tree.length; k++) if (tree.depth[k] < levels) out.add(k);
  return out;
}

/** The node whose name path from the root is `path` (names), or -1. */
export function nodeOfPath(tree: CallTree, names: string[], path: string[]): number {
  let node = 0;
  for (const name of path) {
    let next = -1;
    for (let k = tree.childStart[node]; k < tree.childStart[node + 1] && next < 0; k++)
      if (names[tree.nameIndex[tree.childIndex[k]]] === name) next = tree.childIndex[k];
    if (next < 0) return -1;
    node = next;
  }
  return node === 0 ? -1 : node;
}

/** `open` with every ancestor of `node` added (so that its row shows); `open` itself if so. */
export function openTo(tree: CallTree, open: Set<number>, node: number): Set<number> {
  const missing: number[] = [];
  for (let k = tree.parent[node]; k > 0; k = tree.parent[k]) if (!open.has(k)) missing.push(k);
  return missing.length ? new Set([...open, ...missing]) : open;
}
