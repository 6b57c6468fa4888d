// Where span events happened: per thread, the times of the begin events and of the end events it
// holds, each sorted, with the span of each event. Thread lanes draw these; a migrated span's begin
// and end sit on different threads. Pure, on columns: no DOM.
import { itemsByKey } from '../base/key-order';
import { runAtOnce, type Steps } from '../base/time-slices';
import type { SpanTable } from './span-table';

export interface EventList {
  /** Relative ns, ascending. */
  timesNs: Float64Array;
  /** The span of each event. */
  spans: Int32Array;
}

export interface ThreadEvents {
  /** One entry per table.threads entry. */
  begins: EventList[];
  ends: EventList[];
}

/** The columns of a SpanTable that threadEvents reads. */
export type EventColumns = Pick<
  SpanTable,
  'threads' | 'beginThread' | 'beginNs' | 'endThread' | 'endNs'
>;

/**
 * Begin events of spans whose begin was seen (not orphan ends' made-up begins) and end events of
 * spans whose end was seen, per thread; only spans with include[i] !== 0 when `include` is given.
 */
export function threadEvents(table: EventColumns, include: Uint8Array | null = null): ThreadEvents {
  const threads = table.threads.length;
  const keep = (i: number) => !include || include[i] !== 0;
  return {
    begins: byThread(table.beginThread, table.beginNs, threads, keep),
    ends: byThread(table.endThread, table.endNs, threads, keep),
  };
}

function byThread(
  thread: Int32Array,
  timeNs: Float64Array,
  threads: number,
  keep: (i: number) => boolean,
): EventList[] {
  const counts = new Int32Array(threads);
  for (let i = 0; i < thread.length; i++) {
    if (thread[i] >= 0 && thread[i] < threads && keep(i)) counts[thread[i]]++;
  }
  const members = Array.from({ length: threads }, (_, t) => new Int32Array(counts[t]));
  counts.fill(0);
  for (let i = 0; i < thread.length; i++) {
    const t = thread[i];
    if (t >= 0 && t < threads && keep(i)) members[t][counts[t]++] = i;
  }
  return members.map((spans) => sortByTime(spans, timeNs));
}

/**
 * Sorts spans by time (equal times keep their order in `spans`, ascending where threadEvents
 * gathers them); spans already in time order are kept.
 */
export function sortByTime(spans: Int32Array, timeNs: Float64Array): EventList {
  let sorted = true;
  for (let k = 1; k < spans.length && sorted; k++) {
    if (timeNs[spans[k]] < timeNs[spans[k - 1]]) sorted = false;
  }
  const order = sorted ? spans : itemsByKey(spans, timeNs);
  const timesNs = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) timesNs[k] = timeNs[order[k]];
  return { timesNs, spans: order };
}

/**
 * The events of `events` whose span has mask[span] set, in the same order: equal to threadEvents
 * of the same spans (a subset of a list sorted by time, then span, is so sorted), without
 * gathering and sorting again (the search's emphasis on 1.76M spans: one linear pass).
 */
export function maskedEvents(events: ThreadEvents, mask: Uint8Array): ThreadEvents {
  return runAtOnce(maskedEventsSteps(events, mask));
}

/** maskedEvents as steps (src/model/search.ts: the timeline runs them across tasks). */
export function* maskedEventsSteps(events: ThreadEvents, mask: Uint8Array): Steps<ThreadEvents> {
  const begins: EventList[] = [];
  for (const list of events.begins) begins.push(yield* maskedListSteps(list, mask));
  const ends: EventList[] = [];
  for (const list of events.ends) ends.push(yield* maskedListSteps(list, mask));
  return { begins, ends };
}

/** Events passed between two steps. */
const EVENTS_PER_STEP = 1 << 15;

function* maskedListSteps(list: EventList, mask: Uint8Array): Steps<EventList> {
  let count = 0;
  for (let k = 0; k < list.spans.length; k++) {
    if (k % EVENTS_PER_STEP === EVENTS_PER_STEP - 1) yield;
    count += mask[list.spans[k]] ? 1 : 0;
  }
  const timesNs = new Float64Array(count);
  const spans = new Int32Array(count);
  let j = 0;
  for (let k = 0; k < list.spans.length; k++) {
    if (k % EVENTS_PER_STEP === EVENTS_PER_STEP - 1) yield;
    if (!mask[list.spans[k]]) continue;
    timesNs[j] = list.timesNs[k];
    spans[j++] = list.spans[k];
  }
  return { timesNs, spans };
}
