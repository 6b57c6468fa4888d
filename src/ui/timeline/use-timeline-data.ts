// Everything the timeline derives from the view state, memoized per input: the spans the view's
// filter keeps (src/model/span-filter.ts), lane layout, thread events, name colours, and the search / brush emphasis with its
// matches in begin order (a brush match is the histogram's and the tree's: spanInBrush).
// Recomputed only when spans or a filter change, never per frame.
import { useMemo, useSyncExternalStore } from 'react';
import type { LaneLayout } from '../../model/lanes';
import { emphasisMask, maskedList, maskedRows, nameMatches } from '../../model/search';
import { filterMaskOf } from '../../model/analysis';
import type { CallPath } from '../../model/call-tree';
import type { SpanFilter } from '../../model/span-filter';
import type { SpanTable } from '../../model/span-table';
import { maskedEvents, type ThreadEvents } from '../../model/thread-events';
import {
  laneLayoutOf,
  subscribeViewParts,
  threadEventsOf,
  threadEventsPending,
} from '../../model/view-cache';
import type { DurationRange } from '../../store/view-state';
import type { RowSubset } from './scene-types';
import { nameColours } from './theme';

export interface TimelineData {
  table: SpanTable;
  /** Spans shown (those the filter keeps), or null for all. */
  include: Uint8Array | null;
  layout: LaneLayout;
  events: ThreadEvents;
  colours: Uint8Array;
  /** Spans emphasized by the search and the brush, by lane row; null when neither is set. */
  emphasis: RowSubset | null;
  /** Thread events of the emphasized spans that are shown; null when neither is set. */
  emphasisEvents: ThreadEvents | null;
  /** Emphasized spans that are shown, in begin order (what n / N step through). */
  matches: Int32Array;
}

/** threadEventsOf, again when the table's thread events arrive from the worker (empty until then). */
function useThreadEvents(table: SpanTable | null, include: Uint8Array | null): ThreadEvents | null {
  const pending = useSyncExternalStore(subscribeViewParts, () =>
    table ? threadEventsPending(table) : false,
  );
  return useMemo(
    () => table && threadEventsOf(table, include),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- again once they are no longer pending
    [table, include, pending],
  );
}

export function useTimelineData(
  table: SpanTable | null,
  filter: SpanFilter,
  callPath: CallPath | null,
  search: string,
  brush: DurationRange | null,
  brushNameIndex: number,
): TimelineData | null {
  const include = useMemo(
    () => (table ? filterMaskOf(table, filter, callPath) : null),
    [table, filter, callPath],
  );
  // unfiltered: computed with the table, off the main thread (src/store/view-builder.ts)
  const layout = useMemo(() => table && laneLayoutOf(table, include), [table, include]);
  const events = useThreadEvents(table, include);
  const colours = useMemo(() => table && nameColours(table), [table]);
  const names = useMemo(() => table && nameMatches(table.names, search), [table, search]);
  const mask = useMemo(
    () => table && emphasisMask(table, names, brush, brushNameIndex),
    [table, names, brush, brushNameIndex],
  );
  const emphasis = useMemo(
    () => (layout && mask ? maskedRows(layout.rowStart, layout.rowSpans, mask) : null),
    [layout, mask],
  );
  // the shown events (already filtered by `include`) that are emphasized, kept in their order
  const emphasisEvents = useMemo(
    () => (events && mask ? maskedEvents(events, mask) : null),
    [events, mask],
  );
  const matches = useMemo(
    () => (mask ? maskedList(mask, include) : new Int32Array(0)),
    [mask, include],
  );
  return useMemo(
    () =>
      table && layout && events && colours
        ? { table, include, layout, events, colours, emphasis, emphasisEvents, matches }
        : null,
    [table, include, layout, events, colours, emphasis, emphasisEvents, matches],
  );
}
