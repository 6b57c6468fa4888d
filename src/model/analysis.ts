// What the analysis panels and `weft stats` share: a table's span tree and self times, computed
// once per SpanTable (memoized like spanParents), and the selection (filter + range) applied to
// statistics and the aggregated call trees. Pure: no React, no DuckDB.
import {
  invertedTree,
  spansOnPath,
  topDownTree,
  type CallPath,
  type CallTree,
  type TopDownTree,
} from './call-tree';
import { selfTimesNs } from './self-time';
import { selectionMask, type RangeNs, type SpanFilter } from './span-filter';
import { nameStatistics, type NameStats } from './span-stats';
import type { SpanTable } from './span-table';
import { buildSpanTree, type SpanTree } from './tree';
import { treePartsOf } from './view-cache';

export interface SpanBasis {
  tree: SpanTree;
  selfNs: Float64Array;
}

const bases = new WeakMap<SpanTable, SpanBasis>();

/** The span tree and every span's self time, computed once per table. */
export function spanBasis(table: SpanTable): SpanBasis {
  let basis = bases.get(table);
  if (!basis) basis = treePartsOf(table); // computed off the main thread with the table
  if (!basis) {
    const tree = buildSpanTree(table);
    basis = { tree, selfNs: selfTimesNs(table, tree) };
    bases.set(table, basis);
  }
  return basis;
}

interface MaskKey {
  table: SpanTable;
  filter: SpanFilter;
  path: CallPath | null;
}

let lastMask: (MaskKey & { mask: Uint8Array | null }) | null = null;

/** `mask` (null: every span) kept to the spans of `path`'s call tree node; `mask` without one. */
export function onCallPath(
  table: SpanTable,
  mask: Uint8Array | null,
  path: CallPath | null,
): Uint8Array | null {
  if (!path) return mask;
  const onPath = spansOnPath(table, spanBasis(table).tree, path);
  if (mask) for (let i = 0; i < mask.length; i++) onPath[i] &= mask[i];
  return onPath;
}

function viewMask({ table, filter, path }: MaskKey): Uint8Array | null {
  return onCallPath(table, selectionMask(table, filter, null), path);
}

/**
 * The spans the view's filter keeps (selectionMask without a range) and, when a call tree node
 * is picked, that are spans of its path; null for all. Remembered for the last arguments: the
 * timeline, the span tree and the status bar all ask after each change.
 */
export function filterMaskOf(
  table: SpanTable,
  filter: SpanFilter,
  path: CallPath | null = null,
): Uint8Array | null {
  if (lastMask?.table !== table || lastMask.filter !== filter || lastMask.path !== path)
    lastMask = { table, filter, path, mask: viewMask({ table, filter, path }) };
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
