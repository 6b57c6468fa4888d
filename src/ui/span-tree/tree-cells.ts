// The text of a span tree row's cells: start offset from the process start, duration, self time
// (adaptive units), threads, state. Open spans and orphan ends have no true duration: theirs is a
// lower bound (≥). No React, no DOM.
import { formatDurationNs } from '../../base/time';
import { SPAN_COMPLETE, SPAN_OPEN, type SpanTable } from '../../model/span-table';

export interface RowCells {
  name: string;
  /** "file:line" of the span's location, or ''. */
  location: string;
  start: string;
  duration: string;
  self: string;
  beginThread: string;
  endThread: string;
  state: string;
  /** Began and ended on different threads. */
  migrated: boolean;
}

export const STATE_LABEL = ['complete', 'open', 'orphan end'];

function threadName(table: SpanTable, thread: number): string {
  return thread >= 0 && thread < table.threads.length ? table.threads[thread].name : '—';
}

export function rowCells(table: SpanTable, row: number, selfNs: Float64Array): RowCells {
  const state = table.state[row];
  const bound = state === SPAN_COMPLETE ? '' : '≥ ';
  const location = table.locations[table.locationIndex[row]];
  const b = table.beginThread[row];
  const e = table.endThread[row];
  return {
    name: table.names[table.nameIndex[row]] ?? '',
    location: location ? `${location.filename}:${location.line}` : '',
    start:
      state === SPAN_COMPLETE || state === SPAN_OPEN ? formatDurationNs(table.beginNs[row]) : '—',
    duration: bound + formatDurationNs(table.endNs[row] - table.beginNs[row]),
    self: bound + formatDurationNs(selfNs[row]),
    beginThread: threadName(table, b),
    endThread: threadName(table, e),
    state: STATE_LABEL[state] ?? String(state),
    migrated: b >= 0 && e >= 0 && b !== e,
  };
}
