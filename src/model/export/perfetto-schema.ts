// The subset of Perfetto's trace protos that weft's TrackEvent export writes, with upstream's
// message names, field names and field numbers (github.com/google/perfetto, protos/perfetto/trace/):
//   trace.proto                               Trace.packet = 1
//   trace_packet.proto                        TracePacket: timestamp 8, trusted_packet_sequence_id 10,
//                                             track_event 11, interned_data 12, sequence_flags 13,
//                                             track_descriptor 60
//   track_event/track_event.proto             TrackEvent, EventName
//   track_event/track_descriptor.proto        TrackDescriptor
//   track_event/process_descriptor.proto      ProcessDescriptor
//   track_event/thread_descriptor.proto       ThreadDescriptor
//   track_event/debug_annotation.proto        DebugAnnotation, DebugAnnotationName
//   interned_data/interned_data.proto         InternedData
// Fields weft never writes are left out (a reader skips unknown fields either way). Encoded and
// decoded with protobufjs (parsed once from this text; field names kept in snake_case).
import protobuf from 'protobufjs';

export const PERFETTO_PROTO = `
syntax = "proto2";
package perfetto.protos;

message Trace { repeated TracePacket packet = 1; }

message TracePacket {
  optional uint64 timestamp = 8;
  optional uint32 trusted_packet_sequence_id = 10;
  optional TrackEvent track_event = 11;
  optional InternedData interned_data = 12;
  optional uint32 sequence_flags = 13;
  optional TrackDescriptor track_descriptor = 60;
}

message InternedData {
  repeated EventName event_names = 2;
  repeated DebugAnnotationName debug_annotation_names = 3;
}

message EventName { optional uint64 iid = 1; optional string name = 2; }
message DebugAnnotationName { optional uint64 iid = 1; optional string name = 2; }

message DebugAnnotation {
  optional uint64 name_iid = 1;
  optional bool bool_value = 2;
  optional int64 int_value = 4;
  optional string string_value = 6;
}

message TrackEvent {
  enum Type {
    TYPE_UNSPECIFIED = 0;
    TYPE_SLICE_BEGIN = 1;
    TYPE_SLICE_END = 2;
    TYPE_INSTANT = 3;
  }
  repeated DebugAnnotation debug_annotations = 4;
  optional Type type = 9;
  optional uint64 name_iid = 10;
  optional uint64 track_uuid = 11;
  optional string name = 23;
  repeated fixed64 flow_ids = 47;
  repeated fixed64 terminating_flow_ids = 48;
}

message ProcessDescriptor {
  optional int32 pid = 1;
  optional string process_name = 6;
}

message ThreadDescriptor {
  optional int32 pid = 1;
  optional int64 tid = 2;
  optional string thread_name = 5;
}

message TrackDescriptor {
  enum ChildTracksOrdering { UNKNOWN = 0; LEXICOGRAPHIC = 1; CHRONOLOGICAL = 2; EXPLICIT = 3; }
  enum SiblingMergeBehavior {
    SIBLING_MERGE_BEHAVIOR_UNSPECIFIED = 0;
    SIBLING_MERGE_BEHAVIOR_BY_TRACK_NAME = 1;
    SIBLING_MERGE_BEHAVIOR_NONE = 2;
  }
  optional uint64 uuid = 1;
  optional string name = 2;
  optional ProcessDescriptor process = 3;
  optional ThreadDescriptor thread = 4;
  optional uint64 parent_uuid = 5;
  optional string description = 14;
  optional ChildTracksOrdering child_ordering = 11;
  optional int32 sibling_order_rank = 12;
  optional SiblingMergeBehavior sibling_merge_behavior = 15;
}
`;

/** TracePacket.sequence_flags (trace_packet.proto). */
export const SEQ_INCREMENTAL_STATE_CLEARED = 1;
export const SEQ_NEEDS_INCREMENTAL_STATE = 2;
/** TrackEvent.Type (track_event.proto). */
export const TYPE_SLICE_BEGIN = 1;
export const TYPE_SLICE_END = 2;
export const TYPE_INSTANT = 3;

let root: protobuf.Root | undefined;

/** The parsed schema's message types. */
export function perfettoTypes() {
  root ??= protobuf.parse(PERFETTO_PROTO, { keepCase: true }).root;
  return {
    Trace: root.lookupType('perfetto.protos.Trace'),
    TracePacket: root.lookupType('perfetto.protos.TracePacket'),
  };
}
