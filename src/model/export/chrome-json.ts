// Chrome trace-event JSON ({"traceEvents": [...]}) of a process's async spans, for Perfetto,
// chrome://tracing and other trace-event tools. Each span is a nestable async pair ("ph":"b" /
// "ph":"e", Trace Event Format spec) with its own "id2": {"local": span_id}: a process-local id
// unique per span, so two overlapping spans can never be paired with each other's end (micromegas'
// own Perfetto writer puts all async spans on one track, where they are mis-paired).
//
// Times: "ts" is in microseconds with exactly 3 decimals, RELATIVE TO THE PROCESS START
// (otherData.weft_ts_origin_epoch_ns holds that start as exact epoch ns). Absolute epoch ns exceed
// 2^53, and Perfetto reads "ts" as a double and rounds ts × 1000 to ns (upstream
// src/trace_processor/importers/json/json_trace_tokenizer.cc, CoerceToTs): relative values stay
// exact through that. The text is formatted from integer ns (microsecondsText), never divided as
// a double.
//
// Open spans (no end seen) end at the capture's last event with args.open = true; orphan ends (no
// begin seen) begin at the capture's first event with args.orphan_end = true. pid 1 is the
// process, tid k + 1 the k-th cpu stream (thread) of the table; metadata records name them.
// Pure: returns text chunks (a Blob or a stream takes them without one huge string).
import { SPAN_OPEN, SPAN_ORPHAN_END, type SpanTable } from '../span-table';
import {
  microsecondsText,
  processTitle,
  spansInScope,
  type ExportProcess,
  type ExportScope,
} from './scope';

export const CHROME_PID = 1;

export function chromeTid(thread: number): number {
  return thread + 1;
}

function metadataEvents(table: SpanTable, process: ExportProcess): object[] {
  const out: object[] = [
    {
      ph: 'M',
      name: 'process_name',
      pid: CHROME_PID,
      tid: 0,
      args: { name: processTitle(process) },
    },
  ];
  table.threads.forEach((thread, k) => {
    const tid = chromeTid(k);
    const args = { name: thread.name, stream_id: thread.streamId };
    out.push({ ph: 'M', name: 'thread_name', pid: CHROME_PID, tid, args });
  });
  return out;
}

function threadName(table: SpanTable, thread: number): string | null {
  return thread >= 0 ? table.threads[thread].name : null;
}

/** The "b" event's args: identity, location and threads of the span. */
export function spanArgs(table: SpanTable, i: number): Record<string, unknown> {
  const location = table.locations[table.locationIndex[i]];
  const args: Record<string, unknown> = {
    span_id: table.spanId[i].toString(),
    parent_span_id: table.parentSpanId[i].toString(),
    depth: table.depth[i],
    target: location?.target ?? '',
    location: location ? `${location.filename}:${location.line}` : '',
    begin_thread: threadName(table, table.beginThread[i]),
    end_thread: threadName(table, table.endThread[i]),
  };
  if (table.state[i] === SPAN_OPEN) args.open = true;
  if (table.state[i] === SPAN_ORPHAN_END) args.orphan_end = true;
  return args;
}

/** One event as JSON text with "ts" first, written exactly. */
function eventText(tsNs: number, event: Record<string, unknown>): string {
  return `{"ts":${microsecondsText(tsNs)},${JSON.stringify(event).slice(1)}`;
}

function spanEvents(table: SpanTable, i: number): string {
  const name = table.names[table.nameIndex[i]];
  const begin = table.beginThread[i];
  const end = table.endThread[i];
  const id2 = { local: table.spanId[i].toString() };
  const common = { cat: 'async', name, id2, pid: CHROME_PID };
  const b = eventText(table.beginNs[i], {
    ph: 'b',
    ...common,
    tid: chromeTid(begin >= 0 ? begin : end),
    args: spanArgs(table, i),
  });
  const endArgs = table.state[i] === SPAN_OPEN ? { open: true } : {};
  const e = eventText(table.endNs[i], {
    ph: 'e',
    ...common,
    tid: chromeTid(end >= 0 ? end : begin),
    args: endArgs,
  });
  return `${b},\n${e}`;
}

/** The trace as JSON text chunks; spans in scope only, each exactly once. */
export function chromeTraceChunks(
  table: SpanTable,
  process: ExportProcess,
  scope: ExportScope = {},
): string[] {
  const otherData = {
    weft_process_id: process.processId,
    weft_ts_origin_epoch_ns: table.originNs.toString(),
    weft_ts: 'microseconds relative to weft_ts_origin_epoch_ns',
  };
  const head = `{"displayTimeUnit":"ns","otherData":${JSON.stringify(otherData)},"traceEvents":[\n`;
  const chunks = [
    head,
    metadataEvents(table, process)
      .map((m) => JSON.stringify(m))
      .join(',\n'),
  ];
  const indices = spansInScope(table, scope);
  const batch = 4096;
  for (let start = 0; start < indices.length; start += batch) {
    const parts: string[] = [];
    for (const i of indices.subarray(start, start + batch)) parts.push(spanEvents(table, i));
    chunks.push(`,\n${parts.join(',\n')}`);
  }
  chunks.push('\n]}\n');
  return chunks;
}
