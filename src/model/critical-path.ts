// The critical path of a span: the chain of descendants that determined when it ended. Pure: no
// React, no DuckDB.
//
// The rule (critical-path.test.ts checks it on hand-made cases, and against SQL on every capture):
// - The critical child of span p is, among p's children (span-parents.ts) that have an end event
//   (complete spans and orphan ends) and end no later than p ends, the one that ends last. Ties on
//   the end go to the child that began last, then to the greater span id: in a SpanTable's row
//   order (begin, then span id) that is the last such child.
// - Open children (no end seen) never ended, so they cannot have made p end; children that end
//   after p did not hold p back (p returned without waiting for them: spawned, detached or
//   cancelled work). Neither can be critical.
// - An open span has no critical path: nothing determined an end that did not happen.
// - The path is s, its critical child c1, c1's critical child c2, … until a span has none.
// - Per link c of parent p: waitedNs = c.end − max(c.begin, p.begin), how long p waited on c
//   while it was alive; tailNs = p.end − c.end, what p still did after c ended.
import { SPAN_OPEN, type SpanTable } from './span-table';
import type { SpanTree } from './tree';

export interface CriticalLink {
  /** Row of the span on the path. */
  row: number;
  /** Row of its parent on the path (the previous link, or the selected span). */
  parentRow: number;
  waitedNs: number;
  tailNs: number;
}

/** The critical child of `row`, or -1 (see the rule above). */
export function criticalChild(
  table: Pick<SpanTable, 'beginNs' | 'endNs' | 'state'>,
  tree: SpanTree,
  row: number,
): number {
  if (table.state[row] === SPAN_OPEN) return -1;
  const parentEndNs = table.endNs[row];
  let best = -1;
  for (let k = tree.childStart[row]; k < tree.childStart[row + 1]; k++) {
    const child = tree.childIndex[k];
    if (table.state[child] === SPAN_OPEN) continue;
    const endNs = table.endNs[child];
    if (endNs > parentEndNs) continue;
    // Children come in row order, so `>=` keeps the last of equal ends.
    if (best < 0 || endNs >= table.endNs[best]) best = child;
  }
  return best;
}

/** The links of `row`'s critical path, from its critical child down; [] when it has none. */
export function criticalPath(
  table: Pick<SpanTable, 'beginNs' | 'endNs' | 'state'>,
  tree: SpanTree,
  row: number,
): CriticalLink[] {
  const links: CriticalLink[] = [];
  for (let parent = row, child = criticalChild(table, tree, row); child >= 0;) {
    links.push({
      row: child,
      parentRow: parent,
      waitedNs: table.endNs[child] - Math.max(table.beginNs[child], table.beginNs[parent]),
      tailNs: table.endNs[parent] - table.endNs[child],
    });
    parent = child;
    child = criticalChild(table, tree, child);
  }
  return links;
}
