// Lane layouts, thread events, the span tree and self times computed ahead for a span table (off
// the main thread, by src/store/view-builder.ts), found again by the table's identity, so the
// timeline's first frame does not lay out 1M spans on the main thread. The thread events come
// after the rest: until they arrive the unfiltered view has none (its thread lanes are empty, not
// computed here), and subscribers hear when they do. Only the unfiltered results are kept; a
// filter (include mask) computes its own. Pure apart from the weak maps and listeners: no DOM.
import { layoutLanes, type LaneLayout } from './lanes';
import { rememberParents } from './span-parents';
import type { SpanTable } from './span-table';
import { threadEvents, type ThreadEvents } from './thread-events';
import type { SpanTree } from './tree';

/** What the first view needs, computed ahead with the table. */
export interface FirstViewParts {
  layout: LaneLayout;
  /** The span tree (buildSpanTree) and self times (selfTimesNs) of the table. */
  tree: SpanTree;
  selfNs: Float64Array;
  /** The palette slot of each name (name-colours.ts nameSlots, NAME_SLOTS slots). */
  nameSlots: Uint8Array;
}

export interface ViewParts extends FirstViewParts {
  events: ThreadEvents;
}

const ahead = new WeakMap<SpanTable, FirstViewParts>();
const eventsAhead = new WeakMap<SpanTable, ThreadEvents>();
/** Tables whose thread events are still being computed, with their empty stand-in. */
const pending = new WeakMap<SpanTable, { empty: ThreadEvents; settled: Promise<void> }>();
const listeners = new Set<() => void>();

/** The palette slot of each name of `table`, when computed ahead. */
export function nameSlotsOf(table: SpanTable): Uint8Array | undefined {
  return ahead.get(table)?.nameSlots;
}

/** Records the unfiltered layout, tree and self times of `table` (and its thread events). */
export function rememberViewParts(
  table: SpanTable,
  parts: FirstViewParts & { events?: ThreadEvents },
): void {
  const { events, ...first } = parts;
  ahead.set(table, first);
  rememberParents(table, parts.tree.parentIndex);
  if (events) eventsAhead.set(table, events);
}

/**
 * Marks the thread events of `table` as coming: `events` resolves with them (undefined when they
 * could not be had: threadEventsOf computes them then); listeners hear when it settles.
 */
export function expectThreadEvents(
  table: SpanTable,
  events: Promise<ThreadEvents | undefined>,
): Promise<void> {
  const settled = events.then(
    (value) => arrived(table, value),
    () => arrived(table, undefined),
  );
  const none = () =>
    table.threads.map(() => ({ timesNs: new Float64Array(0), spans: new Int32Array(0) }));
  pending.set(table, { empty: { begins: none(), ends: none() }, settled });
  return settled;
}

function arrived(table: SpanTable, events: ThreadEvents | undefined): void {
  if (events) eventsAhead.set(table, events);
  pending.delete(table);
  for (const listener of [...listeners]) listener();
}

/** Whether the thread events of `table` are still being computed ahead. */
export function threadEventsPending(table: SpanTable): boolean {
  return pending.has(table);
}

/** Resolves once the thread events of `table` are no longer pending. */
export function threadEventsSettled(table: SpanTable): Promise<void> {
  return pending.get(table)?.settled ?? Promise.resolve();
}

/** Calls `listener` whenever the thread events of a table arrive; returns the unsubscribe. */
export function subscribeViewParts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The span tree and self times computed ahead for `table`, if they were. */
export function treePartsOf(table: SpanTable): Pick<ViewParts, 'tree' | 'selfNs'> | undefined {
  return ahead.get(table);
}

/** layoutLanes(table, include), from what was computed ahead when include is null. */
export function laneLayoutOf(table: SpanTable, include: Uint8Array | null): LaneLayout {
  return (include === null ? ahead.get(table)?.layout : undefined) ?? layoutLanes(table, include);
}

/**
 * threadEvents(table, include), from what was computed ahead when include is null; while those
 * are pending, no events (the same empty lists each time), never a second computation.
 */
export function threadEventsOf(table: SpanTable, include: Uint8Array | null): ThreadEvents {
  if (include !== null) return threadEvents(table, include);
  const known = eventsAhead.get(table) ?? pending.get(table)?.empty;
  return known ?? threadEvents(table, include);
}
