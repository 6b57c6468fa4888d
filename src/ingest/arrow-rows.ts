// Builds the Arrow IPC rows of the processes, streams and blocks tables, columns in the order of
// the DuckDB tables (src/db/schema.ts; the insert is positional and the db sink checks the
// names). Event and span rows are in key-rows.ts. No DOM, no Node APIs, no DuckDB.
import {
  Field,
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
import type { BlockMeta } from '../decode/block';
import type { ProcessInfo, StreamInfo } from '../decode/envelope';
import type { BlockStatus, IngestTable, IpcRows } from './protocol';

/** One row of the `blocks` table. */
export interface BlockRow {
  meta: BlockMeta;
  status: BlockStatus;
  /** Async events decoded from it. */
  events: number;
}

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

function timestamps(values: bigint[]): Vector {
  return makeVector(
    makeData({ type: new TimestampNanosecond(), data: BigInt64Array.from(values) }),
  );
}

function texts(values: (string | null)[]): Vector {
  return vectorFromArray(values, new Utf8());
}

export function rowsOf(table: IngestTable, columns: Record<string, Vector>): IpcRows {
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

/** The `blocks` rows of many blocks at once (one insert costs DuckDB ~2 ms, however small). */
export function blockRows(rows: BlockRow[]): IpcRows {
  const metas = rows.map((r) => r.meta);
  const int64 = (f: (m: BlockMeta) => bigint) => makeVector(BigInt64Array.from(metas, f));
  const int32 = (f: (r: BlockRow) => number) => makeVector(Int32Array.from(rows, f));
  return rowsOf('blocks', {
    block_id: utf8Vector(metas.map((m) => m.blockId)),
    stream_id: utf8Vector(metas.map((m) => m.streamId)),
    process_id: utf8Vector(metas.map((m) => m.processId)),
    begin_time: timestamps(metas.map((m) => m.beginTimeNs)),
    end_time: timestamps(metas.map((m) => m.endTimeNs)),
    begin_ticks: int64((m) => m.beginTicks),
    end_ticks: int64((m) => m.endTicks),
    object_offset: int64((m) => BigInt(m.objectOffset)),
    nb_objects: int32((r) => r.meta.nbObjects),
    payload_size: int32((r) => r.meta.byteLength),
    status: utf8Vector(rows.map((r) => r.status)),
    async_events: int32((r) => r.events),
  });
}
