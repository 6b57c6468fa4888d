// What the analysis panels and `weft stats` share: a table's span tree and self times, computed
// once per SpanTable (memoized like spanParents), and the selection (filter + range) applied to
// statistics and the aggregated call trees. Pure: no React, no DuckDB.
import { invertedTree, topDownTree, type CallTree, type TopDownTree } from './call-tree';
import { selfTimesNs } from './self-time';
import { selectionMask, type RangeNs, type SpanFilter } from './span-filter';
import { nameStatistics, type NameStats } from './span-stats';
import type { SpanTable } from './span-table';
import { buildSpanTree, type SpanTree } from './tree';

export interface SpanBasis {
  tree: SpanTree;
  selfNs: Float64Array;
}

const bases = new WeakMap<SpanTable, SpanBasis>();

/** The span tree and every span's self time, computed once per table. */
export function spanBasis(table: SpanTable): SpanBasis {
  let basis = bases.get(table);
  if (!basis) {
    const tree = buildSpanTree(table);
    basis = { tree, selfNs: selfTimesNs(table, tree) };
    bases.set(table, basis);
  }
  return basis;
}

let lastMask: { table: SpanTable; filter: SpanFilter; mask: Uint8Array | null } | null = null;

/**
 * selectionMask(table, filter, null), remembered for the last (table, filter): the timeline, the
 * span tree and the status bar all ask for it after each filter change.
 */
export function filterMaskOf(table: SpanTable, filter: SpanFilter): Uint8Array | null {
  if (lastMask?.table !== table || lastMask.filter !== filter)
    lastMask = { table, filter, mask: selectionMask(table, filter, null) };
  return lastMask.mask;
}

/** Statistics per name of the spans the filter and the range keep. */
export function statisticsOf(
  table: SpanTable,
  filter: SpanFilter,
  range: RangeNs | null,
): NameStats[] {
  return nameStatistics(table, spanBasis(table).selfNs, selectionMask(table, filter, range));
}

export interface CallTrees {
  topDown: TopDownTree;
  inverted: CallTree;
}

/** Top-down and inverted call trees of the spans the filter and the range keep. */
export function callTreesOf(
  table: SpanTable,
  filter: SpanFilter,
  range: RangeNs | null,
): CallTrees {
  const { tree, selfNs } = spanBasis(table);
  const topDown = topDownTree(table, tree, selfNs, selectionMask(table, filter, range));
  return { topDown, inverted: invertedTree(topDown, table.names) };
}
