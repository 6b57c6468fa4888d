// Perfetto's native trace (protobuf TrackEvent) of a process's async spans: one process track, one
// track per thread (cpu stream) and one process-scoped track per async lane of weft's own lane
// layout (src/model/lanes.ts): spans sharing a lane never overlap, so every lane's slices strictly
// nest and Perfetto can never pair a slice's end with another span's begin. Each span's slice
// carries its ids, target, file:line and begin/end threads as debug annotations; each begin and
// end event is also an instant on its thread's track, linked to the span's slice by a flow. Names
// are interned once per trace (InternedData on the first packet of the sequence). Timestamps are
// exact epoch ns (TracePacket.timestamp, uint64 written from BigInt text).
// Encoded with protobufjs against perfetto-schema.ts. Pure: returns byte chunks, each a whole
// Trace message (concatenated Trace messages are one Trace: `packet` is a repeated field).
import { layoutLanes } from '../lanes';
import { SPAN_OPEN, SPAN_ORPHAN_END, type SpanTable } from '../span-table';
import {
  perfettoTypes,
  SEQ_INCREMENTAL_STATE_CLEARED,
  SEQ_NEEDS_INCREMENTAL_STATE,
  TYPE_INSTANT,
  TYPE_SLICE_BEGIN,
  TYPE_SLICE_END,
} from './perfetto-schema';
import { maskOf, processTitle, spansInScope, type ExportProcess, type ExportScope } from './scope';

const SEQUENCE_ID = 1;
export const PROCESS_TRACK_UUID = 1;
export const PERFETTO_PID = 1;
export function threadTrackUuid(thread: number): number {
  return 1000 + thread;
}
export function laneTrackUuid(row: number): number {
  return 1_000_000 + row;
}

/** Debug annotation names, interned as iid = index + 1. */
export const ANNOTATION_NAMES = [
  'span_id',
  'parent_span_id',
  'target',
  'location',
  'begin_thread',
  'end_thread',
  'open',
  'orphan_end',
  'event',
] as const;
const iidOf = (name: (typeof ANNOTATION_NAMES)[number]) => ANNOTATION_NAMES.indexOf(name) + 1;

type Packet = Record<string, unknown>;

/**
 * A 64-bit value as the two 32-bit halves protobufjs' writer takes (its LongBits.from reads
 * `low`/`high`): exact, and several times cheaper than decimal text parsed by Long.fromString.
 */
export function bits64(value: bigint): { low: number; high: number } {
  return { low: Number(value & 0xffffffffn), high: Number((value >> 32n) & 0xffffffffn) };
}

function headerPackets(table: SpanTable, process: ExportProcess, rowCount: number): Packet[] {
  const interned_data = {
    event_names: table.names.map((name, k) => ({ iid: k + 1, name })),
    debug_annotation_names: ANNOTATION_NAMES.map((name, k) => ({ iid: k + 1, name })),
  };
  const packets: Packet[] = [
    {
      trusted_packet_sequence_id: SEQUENCE_ID,
      sequence_flags: SEQ_INCREMENTAL_STATE_CLEARED,
      interned_data,
      track_descriptor: {
        uuid: PROCESS_TRACK_UUID,
        process: { pid: PERFETTO_PID, process_name: processTitle(process) },
        child_ordering: 3, // EXPLICIT: lanes in row order
      },
    },
  ];
  table.threads.forEach((thread, k) => {
    const track_descriptor = {
      uuid: threadTrackUuid(k),
      parent_uuid: PROCESS_TRACK_UUID,
      thread: { pid: PERFETTO_PID, tid: k + 1, thread_name: thread.name },
      description: `stream ${thread.streamId}`,
    };
    packets.push({ trusted_packet_sequence_id: SEQUENCE_ID, track_descriptor });
  });
  for (let r = 0; r < rowCount; r++) {
    const track_descriptor = {
      uuid: laneTrackUuid(r),
      parent_uuid: PROCESS_TRACK_UUID,
      name: `async lane ${r + 1}`,
      sibling_order_rank: r,
      sibling_merge_behavior: 2, // NONE: lanes are never merged into one track
    };
    packets.push({ trusted_packet_sequence_id: SEQUENCE_ID, track_descriptor });
  }
  return packets;
}

function threadName(table: SpanTable, thread: number): string {
  return thread >= 0 ? table.threads[thread].name : '';
}

function sliceAnnotations(table: SpanTable, i: number): object[] {
  const location = table.locations[table.locationIndex[i]];
  const text = (name: (typeof ANNOTATION_NAMES)[number], value: string) => ({
    name_iid: iidOf(name),
    string_value: value,
  });
  const out: object[] = [
    { name_iid: iidOf('span_id'), int_value: bits64(table.spanId[i]) },
    { name_iid: iidOf('parent_span_id'), int_value: bits64(table.parentSpanId[i]) },
    text('target', location?.target ?? ''),
    text('location', location ? `${location.filename}:${location.line}` : ''),
    text('begin_thread', threadName(table, table.beginThread[i])),
    text('end_thread', threadName(table, table.endThread[i])),
  ];
  if (table.state[i] === SPAN_OPEN) out.push({ name_iid: iidOf('open'), bool_value: true });
  if (table.state[i] === SPAN_ORPHAN_END)
    out.push({ name_iid: iidOf('orphan_end'), bool_value: true });
  return out;
}

/** Event kinds, in the order events of one span at one time are written. */
const BEGIN_INSTANT = 0;
const SLICE_BEGIN = 1;
const SLICE_END = 2;
const END_INSTANT = 3;

/** Flow ids: from the begin thread's instant into the slice, from the slice to the end's. */
const beginFlow = (i: number) => 2 * i + 1;
const endFlow = (i: number) => 2 * i + 2;

function trackEvent(table: SpanTable, row: Int32Array, code: number): object {
  const i = code >> 2;
  const kind = code & 3;
  const name_iid = table.nameIndex[i] + 1;
  const hasBegin = table.beginThread[i] >= 0;
  const hasEnd = table.endThread[i] >= 0;
  if (kind === SLICE_BEGIN) {
    return {
      type: TYPE_SLICE_BEGIN,
      track_uuid: laneTrackUuid(row[i]),
      name_iid,
      debug_annotations: sliceAnnotations(table, i),
      terminating_flow_ids: hasBegin ? [beginFlow(i)] : [],
      flow_ids: hasEnd ? [endFlow(i)] : [],
    };
  }
  if (kind === SLICE_END) return { type: TYPE_SLICE_END, track_uuid: laneTrackUuid(row[i]) };
  const begin = kind === BEGIN_INSTANT;
  return {
    type: TYPE_INSTANT,
    track_uuid: threadTrackUuid(begin ? table.beginThread[i] : table.endThread[i]),
    name_iid,
    debug_annotations: [
      { name_iid: iidOf('event'), string_value: begin ? 'begin' : 'end' },
      { name_iid: iidOf('span_id'), int_value: bits64(table.spanId[i]) },
    ],
    [begin ? 'flow_ids' : 'terminating_flow_ids']: [begin ? beginFlow(i) : endFlow(i)],
  };
}

/** Event codes (span × 4 + kind) of the spans in scope, sorted by time, then code. */
function eventCodes(
  table: SpanTable,
  indices: Int32Array,
): { codes: Int32Array; ts: Float64Array } {
  const codes: number[] = [];
  for (const i of indices) {
    if (table.beginThread[i] >= 0) codes.push(i * 4 + BEGIN_INSTANT);
    codes.push(i * 4 + SLICE_BEGIN, i * 4 + SLICE_END);
    if (table.endThread[i] >= 0) codes.push(i * 4 + END_INSTANT);
  }
  const timeOf = (code: number) =>
    (code & 3) <= SLICE_BEGIN ? table.beginNs[code >> 2] : table.endNs[code >> 2];
  const sorted = Int32Array.from(codes).sort((a, b) => timeOf(a) - timeOf(b) || a - b);
  return { codes: sorted, ts: Float64Array.from(sorted, timeOf) };
}

/** The trace as protobuf byte chunks (each a Trace message); spans in scope only. */
export function perfettoTraceChunks(
  table: SpanTable,
  process: ExportProcess,
  scope: ExportScope = {},
): Uint8Array[] {
  const { Trace } = perfettoTypes();
  const indices = spansInScope(table, scope);
  const lanes = layoutLanes(table, maskOf(table.length, indices));
  const chunks = [Trace.encode({ packet: headerPackets(table, process, lanes.rowCount) }).finish()];
  const { codes, ts } = eventCodes(table, indices);
  const batch = 8192;
  for (let start = 0; start < codes.length; start += batch) {
    const packet: Packet[] = [];
    for (let k = start; k < Math.min(codes.length, start + batch); k++) {
      packet.push({
        timestamp: bits64(table.originNs + BigInt(Math.round(ts[k]))),
        trusted_packet_sequence_id: SEQUENCE_ID,
        sequence_flags: SEQ_NEEDS_INCREMENTAL_STATE,
        track_event: trackEvent(table, lanes.row, codes[k]),
      });
    }
    chunks.push(Trace.encode({ packet }).finish());
  }
  return chunks;
}
