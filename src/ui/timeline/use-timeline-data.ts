// Everything the timeline derives from the view state, memoized per input: the spans the view's
// filter keeps (src/model/span-filter.ts), lane layout, thread events, name colours, and the
// search / brush emphasis with its matches in begin order (a brush match is the histogram's and
// the tree's: spanInBrush). The emphasis is computed across tasks after the render (large: 1.76M
// spans per keystroke); until it is ready the matches are null (the toolbar says "searching…")
// and the lanes keep the previous emphasis of the same lanes, or none.
// Recomputed only when spans or a filter change, never per frame.
import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { LaneLayout } from '../../model/lanes';
import { emphasisSteps, nameMatches, type Emphasis } from '../../model/search';
import { filterMaskOf } from '../../model/analysis';
import type { CallPath } from '../../model/call-tree';
import type { SpanFilter } from '../../model/span-filter';
import type { SpanTable } from '../../model/span-table';
import type { ThreadEvents } from '../../model/thread-events';
import {
  laneLayoutOf,
  nameSlotsOf,
  subscribeViewParts,
  threadEventsOf,
  threadEventsPending,
} from '../../model/view-cache';
import type { DurationRange } from '../../store/view-state';
import type { RowSubset } from './scene-types';
import { nameColoursSteps } from './theme';
import { useSliced, useStepped } from '../use-sliced';

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
  /** Emphasized spans that are shown, in begin order (what n / N step through); null: computing. */
  matches: Int32Array | null;
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

/**
 * Steps of the name colours run in the render after the first (each passes 2^15 spans: captures
 * below that get their colours at once); a bigger table's run across tasks (large's took ~20 ms
 * of the first view's task).
 */
const COLOUR_STEPS_NOW = 0;

/** What an emphasis is computed from (compared by identity). */
interface EmphasisInputs {
  table: SpanTable;
  layout: LaneLayout;
  events: ThreadEvents;
  include: Uint8Array | null;
  names: Uint8Array | null;
  brush: DurationRange | null;
  brushNameIndex: number;
}

const same = (a: EmphasisInputs, b: EmphasisInputs) =>
  (Object.keys(a) as (keyof EmphasisInputs)[]).every((k) => a[k] === b[k]);

const emphasisOf = (inputs: EmphasisInputs) =>
  emphasisSteps(inputs.table, inputs.layout, inputs.events, inputs.include, inputs);

/**
 * The emphasis of `inputs`, computed in slices after the render: `value` is the last one finished
 * for the same lanes (null before one), `ready` whether it is the current inputs'.
 */
function useEmphasis(inputs: EmphasisInputs | null): { value: Emphasis | null; ready: boolean } {
  const none = !inputs || (!inputs.names && !inputs.brush);
  const done = useSliced(none ? null : inputs, emphasisOf);
  if (none) return { value: null, ready: true };
  if (!done || done.inputs.layout !== inputs.layout || done.inputs.events !== inputs.events)
    return { value: null, ready: false };
  return { value: done.value, ready: same(done.inputs, inputs) };
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
  // computed with the table when it was built in a view worker, else here in steps
  const ahead = table ? nameSlotsOf(table) : undefined;
  const colouring = useStepped(ahead ? null : table, nameColoursSteps, COLOUR_STEPS_NOW);
  const colours = ahead ?? (colouring?.inputs === table ? colouring.value : null);
  const names = useMemo(() => table && nameMatches(table.names, search), [table, search]);
  const inputs = useMemo(
    () =>
      table && layout && events
        ? { table, layout, events, include, names, brush, brushNameIndex }
        : null,
    [table, layout, events, include, names, brush, brushNameIndex],
  );
  const { value, ready } = useEmphasis(inputs);
  const data = useMemo(() => {
    if (!table || !layout || !events || !colours) return null;
    const emphasis = value?.rows ?? null;
    const emphasisEvents = value?.events ?? null;
    const matches = ready ? (value?.matches ?? new Int32Array(0)) : null;
    return { table, include, layout, events, colours, emphasis, emphasisEvents, matches };
  }, [table, include, layout, events, colours, value, ready]);
  // while a new table's colours are computed, the previous table's data stays drawn
  const shown = useRef<TimelineData | null>(null);
  if (data || !table || colours) shown.current = data;
  return shown.current;
}
