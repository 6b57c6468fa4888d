// Lane layouts, thread events, the span tree and self times computed ahead for a span table (off the main thread, by
// src/store/view-builder.ts), found again by the table's identity, so the timeline's first frame
// does not lay out 1M spans on the main thread. Only the unfiltered results are kept; a filter
// (include mask) computes its own. Pure apart from the weak map: no DOM.
import { layoutLanes, type LaneLayout } from './lanes';
import { rememberParents } from './span-parents';
import type { SpanTable } from './span-table';
import { threadEvents, type ThreadEvents } from './thread-events';
import type { SpanTree } from './tree';

export interface ViewParts {
  layout: LaneLayout;
  events: ThreadEvents;
  /** The span tree (buildSpanTree) and self times (selfTimesNs) of the table. */
  tree: SpanTree;
  selfNs: Float64Array;
}

const ahead = new WeakMap<SpanTable, ViewParts>();

/** Records the unfiltered layout and thread events of `table`. */
export function rememberViewParts(table: SpanTable, parts: ViewParts): void {
  ahead.set(table, parts);
  rememberParents(table, parts.tree.parentIndex);
}

/** The span tree and self times computed ahead for `table`, if they were. */
export function treePartsOf(table: SpanTable): Pick<ViewParts, 'tree' | 'selfNs'> | undefined {
  return ahead.get(table);
}

/** layoutLanes(table, include), from what was computed ahead when include is null. */
export function laneLayoutOf(table: SpanTable, include: Uint8Array | null): LaneLayout {
  return (include === null ? ahead.get(table)?.layout : undefined) ?? layoutLanes(table, include);
}

/** threadEvents(table, include), from what was computed ahead when include is null. */
export function threadEventsOf(table: SpanTable, include: Uint8Array | null): ThreadEvents {
  return (include === null ? ahead.get(table)?.events : undefined) ?? threadEvents(table, include);
}
