// The in-memory span table every panel draws from: one row per async span (process + span_id),
// columns as typed arrays, rows sorted by beginNs (then spanId). A span is an index into these
// columns. Times are nanoseconds relative to `originNs` (the process start), exact as doubles for
// captures shorter than 104 days. No React, no DuckDB.

export const SPAN_COMPLETE = 0;
/** Begin seen, no end: drawn to the end of the capture. */
export const SPAN_OPEN = 1;
/** End seen, no begin: drawn from the start of the capture. */
export const SPAN_ORPHAN_END = 2;
export type SpanState = typeof SPAN_COMPLETE | typeof SPAN_OPEN | typeof SPAN_ORPHAN_END;

export interface ThreadInfo {
  streamId: string;
  /** The stream's `thread-name` property, or a short stream id when it has none. */
  name: string;
}

export interface SpanTable {
  length: number;
  /** Epoch nanoseconds of relative time 0 (the process start time). */
  originNs: bigint;
  /** Relative time of the capture's first and last event. */
  captureBeginNs: number;
  captureEndNs: number;
  spanId: BigInt64Array;
  parentSpanId: BigInt64Array;
  /** Relative begin time; for an orphan end, captureBeginNs. */
  beginNs: Float64Array;
  /** Relative end time; for an open span, captureEndNs. */
  endNs: Float64Array;
  state: Uint8Array;
  depth: Uint32Array;
  /** Index into `names` (dictionary-encoded span names). */
  nameIndex: Uint32Array;
  names: string[];
  /** Index into `locations` ("file:line", target) per span. */
  locationIndex: Uint32Array;
  locations: { filename: string; line: number; target: string }[];
  /** Index into `threads` of the stream that holds the begin / end event; -1 when not seen. */
  beginThread: Int32Array;
  endThread: Int32Array;
  threads: ThreadInfo[];
}

export function durationNs(table: SpanTable, i: number): number {
  return table.endNs[i] - table.beginNs[i];
}

export function isMigrated(table: SpanTable, i: number): boolean {
  const b = table.beginThread[i];
  const e = table.endThread[i];
  return b >= 0 && e >= 0 && b !== e;
}
