// Arrow IPC rows of the keyed tables (src/db/schema.ts): weft_events (integers only: the block,
// scope and process texts are keyed, see keys.ts), weft_blocks, weft_scopes, weft_process_keys
// and weft_spans. Event columns are the decoder's typed arrays, wrapped without copying, one
// record batch per block. No DOM, no Node APIs, no DuckDB.
import {
  Int32,
  Int64,
  RecordBatch,
  Table,
  Uint32,
  Uint8,
  makeData,
  makeVector,
  tableToIPC,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { BlockMeta } from '../decode/block';
import type { AsyncEventColumns } from '../decode/event-columns';
import { rowsOf, utf8Vector } from './arrow-rows';
import type { ProcessKeyRow, ScopeRow } from './keys';
import type { IpcRows } from './protocol';
import type { SpanColumns } from './span-accumulator';

/** One block's events with its keys. */
export interface KeyedEvents {
  blockKey: number;
  events: AsyncEventColumns;
  /** Scope key per event. */
  scopeKey: Int32Array;
}

export interface KeyedBlock {
  blockKey: number;
  processKey: number;
  meta: BlockMeta;
  /** Smallest and largest ticks of its events (the capture's extent is read from these). */
  firstTicks: bigint;
  lastTicks: bigint;
}

function data<T extends DataType>(type: T, values: T['TArray']): Data<T> {
  return makeData({ type, length: values.length, data: values } as never) as Data<T>;
}

function eventBatch({ blockKey, events, scopeKey }: KeyedEvents): RecordBatch {
  return new RecordBatch({
    block_key: data(new Int32(), new Int32Array(events.length).fill(blockKey)),
    event_type: data(new Uint8(), events.eventType),
    span_id: data(new Int64(), events.spanId),
    parent_span_id: data(new Int64(), events.parentSpanId),
    depth: data(new Uint32(), events.depth),
    scope_key: data(new Int32(), scopeKey),
    ticks: data(new Int64(), events.ticks),
  });
}

/** weft_events rows of several blocks, one record batch each. */
export function eventRows(blocks: KeyedEvents[]): IpcRows {
  const table = new Table(blocks.map(eventBatch));
  return { table: 'weft_events', ipc: tableToIPC(table, 'stream'), rows: table.numRows };
}

export function keyedBlockRows(blocks: KeyedBlock[]): IpcRows {
  const int32 = (f: (b: KeyedBlock) => number) => makeVector(Int32Array.from(blocks, f));
  const int64 = (f: (b: KeyedBlock) => bigint) => makeVector(BigInt64Array.from(blocks, f));
  return rowsOf('weft_blocks', {
    block_key: int32((b) => b.blockKey),
    process_key: int32((b) => b.processKey),
    process_id: utf8Vector(blocks.map((b) => b.meta.processId)),
    stream_id: utf8Vector(blocks.map((b) => b.meta.streamId)),
    block_id: utf8Vector(blocks.map((b) => b.meta.blockId)),
    first_ticks: int64((b) => b.firstTicks),
    last_ticks: int64((b) => b.lastTicks),
  });
}

export function scopeRows(scopes: ScopeRow[]): IpcRows {
  return rowsOf('weft_scopes', {
    scope_key: makeVector(Int32Array.from(scopes, (s) => s.key)),
    hash: makeVector(Uint32Array.from(scopes, (s) => s.hash)),
    name: utf8Vector(scopes.map((s) => s.name)),
    filename: utf8Vector(scopes.map((s) => s.filename)),
    target: utf8Vector(scopes.map((s) => s.target)),
    line: makeVector(Uint32Array.from(scopes, (s) => s.line)),
  });
}

export function processKeyRows(processes: ProcessKeyRow[]): IpcRows {
  return rowsOf('weft_process_keys', {
    process_key: makeVector(Int32Array.from(processes, (p) => p.key)),
    process_id: utf8Vector(processes.map((p) => p.processId)),
  });
}

/** The weft_spans rows [from, to) of one process. */
export function spanRows(processKey: number, spans: SpanColumns, from = 0, to = spans.length) {
  const part = <T extends { subarray(a: number, b: number): T }>(a: T) => a.subarray(from, to);
  return rowsOf('weft_spans', {
    process_key: makeVector(new Int32Array(to - from).fill(processKey)),
    span_id: makeVector(part(spans.spanId)),
    parent_span_id: makeVector(part(spans.parentSpanId)),
    depth: makeVector(part(spans.depth)),
    scope_key: makeVector(part(spans.scopeKey)),
    begin_ticks: makeVector(part(spans.beginTicks)),
    end_ticks: makeVector(part(spans.endTicks)),
    begin_block: makeVector(part(spans.beginBlock)),
    end_block: makeVector(part(spans.endBlock)),
    begins: makeVector(part(spans.begins)),
    ends: makeVector(part(spans.ends)),
  });
}
