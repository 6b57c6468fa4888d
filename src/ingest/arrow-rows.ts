// Builds the Arrow IPC rows of each table from decoded pieces, columns in the order of the DuckDB
// tables (src/db/schema.ts; the insert is positional and the db sink checks the names). Event
// columns are typed arrays wrapped without copying; strings repeated per row are dictionaries.
// `time` is left null: the database computes it from `ticks` with the process's converter, so a
// converter change re-times rows in place. No DOM, no Node APIs, no DuckDB.
import {
  Dictionary,
  Field,
  Int32,
  Int8,
  List,
  Map_,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import type { BlockMeta, DecodedBlock } from '../decode/block';
import type { ProcessInfo, StreamInfo } from '../decode/envelope';
import type { IngestTable, IpcRows } from './protocol';

/** Status of a block in the `blocks` table. */
export type BlockStatus = 'decoded' | 'counted' | 'rejected';

const encoder = new TextEncoder();

/**
 * A Utf8 vector with exact buffers. (apache-arrow 21's builder may leave its buffers longer than
 * the data, and the IPC writer then declares more body bytes than it writes.)
 */
export function utf8Vector(values: string[]): Vector<Utf8> {
  const encoded = values.map((v) => encoder.encode(v));
  const valueOffsets = new Int32Array(values.length + 1);
  for (let i = 0; i < encoded.length; i++) {
    valueOffsets[i + 1] = valueOffsets[i] + encoded[i].byteLength;
  }
  const data = new Uint8Array(valueOffsets[values.length]);
  encoded.forEach((bytes, i) => data.set(bytes, valueOffsets[i]));
  return makeVector(makeData({ type: new Utf8(), length: values.length, valueOffsets, data }));
}

/**
 * A dictionary column: `indices[i]` picks a value of `values`. Each column needs indices of its
 * own: apache-arrow 21's IPC writer miscounts the body when two columns share an index buffer.
 */
function dictionary(values: string[], indices: Int32Array): Vector {
  const dictionaryVector = utf8Vector(values);
  return makeVector(
    makeData({
      type: new Dictionary(new Utf8(), new Int32()), // a new type per column: a new dictionary id
      length: indices.length,
      data: indices,
      dictionary: dictionaryVector,
    }),
  );
}

function repeated(value: string, length: number): Vector {
  return dictionary([value], new Int32Array(length));
}

function nullTimestamps(length: number): Vector {
  return makeVector(
    makeData({
      type: new TimestampNanosecond(),
      length,
      nullCount: length,
      nullBitmap: new Uint8Array(Math.ceil(length / 8)),
      data: new BigInt64Array(length),
    }),
  );
}

function timestamps(values: bigint[]): Vector {
  return makeVector(
    makeData({ type: new TimestampNanosecond(), data: BigInt64Array.from(values) }),
  );
}

function texts(values: (string | null)[]): Vector {
  return vectorFromArray(values, new Utf8());
}

function rowsOf(table: IngestTable, columns: Record<string, Vector>): IpcRows {
  const arrow = new Table(columns);
  return { table, ipc: tableToIPC(arrow, 'stream'), rows: arrow.numRows };
}

const mapType = new Map_<Utf8, Utf8>(
  new Field(
    'entries',
    new Struct<{ key: Utf8; value: Utf8 }>([
      new Field('key', new Utf8(), false),
      new Field('value', new Utf8(), true),
    ]),
    false,
  ),
);

function stringMap(values: Record<string, string>): Vector {
  return vectorFromArray([new Map(Object.entries(values))], mapType);
}

export function processRows(p: ProcessInfo): IpcRows {
  return rowsOf('processes', {
    process_id: texts([p.processId]),
    exe: texts([p.exe]),
    username: texts([p.username]),
    computer: texts([p.computer]),
    start_time: timestamps([p.startTimeNs]),
    start_ticks: makeVector(BigInt64Array.of(p.startTicks)),
    tsc_frequency: makeVector(BigInt64Array.of(p.tscFrequency)),
    parent_process_id: texts([p.parentProcessId]),
    properties: stringMap(p.properties),
  });
}

export function streamRows(s: StreamInfo): IpcRows {
  return rowsOf('streams', {
    stream_id: texts([s.streamId]),
    process_id: texts([s.processId]),
    tags: vectorFromArray([s.tags], new List(new Field('item', new Utf8(), true))),
    properties: stringMap(s.properties),
    thread_name: texts([s.properties['thread-name'] ?? null]),
  });
}

export function blockRows(m: BlockMeta, status: BlockStatus, events: number): IpcRows {
  return rowsOf('blocks', {
    block_id: texts([m.blockId]),
    stream_id: texts([m.streamId]),
    process_id: texts([m.processId]),
    begin_time: timestamps([m.beginTimeNs]),
    end_time: timestamps([m.endTimeNs]),
    begin_ticks: makeVector(BigInt64Array.of(m.beginTicks)),
    end_ticks: makeVector(BigInt64Array.of(m.endTicks)),
    object_offset: makeVector(BigInt64Array.of(BigInt(m.objectOffset))),
    nb_objects: makeVector(Int32Array.of(m.nbObjects)),
    payload_size: makeVector(Int32Array.of(m.byteLength)),
    status: texts([status]),
    async_events: makeVector(Int32Array.of(events)),
  });
}

/** The async_events rows of one decoded block; `time` is null until the database times it. */
export function eventRows(block: DecodedBlock): IpcRows {
  return rowsOf('async_events', eventColumns(block));
}

/** The columns looked up through each event's scope (its span description). */
function scopeColumns(block: DecodedBlock) {
  const { events, scopes } = block;
  const n = events.length;
  const scopeIndex = new Int32Array(events.scope.buffer, events.scope.byteOffset, n);
  const hash = new Uint32Array(n);
  const line = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const scope = scopes[events.scope[i]];
    hash[i] = scope.hash;
    line[i] = scope.line;
  }
  const text = (key: 'name' | 'filename' | 'target') =>
    dictionary(
      scopes.map((s) => s[key]),
      scopeIndex.slice(),
    );
  return { hash, line, name: text('name'), filename: text('filename'), target: text('target') };
}

function eventTypes(eventType: Uint8Array): Vector {
  const indices = new Int8Array(eventType.buffer, eventType.byteOffset, eventType.length);
  const type = new Dictionary(new Utf8(), new Int8());
  const dictionary = utf8Vector(['begin', 'end']); // BEGIN = 0, END = 1
  return makeVector(makeData({ type, length: indices.length, data: indices, dictionary }));
}

export function eventColumns(block: DecodedBlock): Record<string, Vector> {
  const { events, meta } = block;
  const n = events.length;
  const scope = scopeColumns(block);
  return {
    process_id: repeated(meta.processId, n),
    stream_id: repeated(meta.streamId, n),
    block_id: repeated(meta.blockId, n),
    time: nullTimestamps(n),
    event_type: eventTypes(events.eventType),
    span_id: makeVector(events.spanId),
    parent_span_id: makeVector(events.parentSpanId),
    depth: makeVector(events.depth),
    hash: makeVector(scope.hash),
    name: scope.name,
    filename: scope.filename,
    target: scope.target,
    line: makeVector(scope.line),
    ticks: makeVector(events.ticks),
  };
}
