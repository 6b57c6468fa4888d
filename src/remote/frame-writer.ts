// Writes the framing of micromegas' `POST /api/query-stream` answer (what weft serve sends, and
// what tests replay): `{"type":"schema","size":N}` + the IPC schema message, per batch
// `{"type":"batch","size":N,"rows":M}` + its dictionary messages and record batch message, then
// `{"type":"done"}` or `{"type":"error","code":…,"message":…}`; no end-of-stream marker
// (rust/analytics-web-srv/src/stream_query.rs). Each batch is written with its dictionaries (a
// replacement dictionary message, valid IPC), so frames never depend on earlier ones except
// for the schema. Compression needs an LZ4_FRAME encoder in apache-arrow's codec registry
// (src/server/lz4-encoder.ts registers one in Node). No DOM, no Node.
import {
  CompressionType,
  RecordBatchStreamWriter,
  Table,
  type RecordBatch,
  type Schema,
} from 'apache-arrow';

export type ErrorCode =
  'INVALID_SQL' | 'CONNECTION_FAILED' | 'INTERNAL' | 'FORBIDDEN' | 'DATA_SOURCE_NOT_FOUND';

const utf8 = new TextEncoder();

function line(value: unknown): Uint8Array {
  return utf8.encode(`${JSON.stringify(value)}\n`);
}

function ipcStream(table: Table, compress: boolean): Uint8Array {
  const compressionType = compress ? CompressionType.LZ4_FRAME : null;
  const writer = new RecordBatchStreamWriter({ compressionType });
  writer.write(table);
  writer.finish();
  return writer.toUint8Array(true);
}

/** Length of the IPC message at `offset` (continuation, metadata length, metadata, body 0). */
function schemaMessageLength(ipc: Uint8Array): number {
  const view = new DataView(ipc.buffer, ipc.byteOffset, ipc.byteLength);
  return 8 + view.getInt32(4, true);
}

export function schemaFrame(schema: Schema): Uint8Array[] {
  const ipc = ipcStream(new Table(schema), false);
  const body = ipc.subarray(0, schemaMessageLength(ipc));
  return [line({ type: 'schema', size: body.length }), body];
}

export function batchFrame(batch: RecordBatch, compress: boolean): Uint8Array[] {
  const ipc = ipcStream(new Table([batch]), compress);
  const body = ipc.subarray(schemaMessageLength(ipc), ipc.length - 8);
  return [line({ type: 'batch', size: body.length, rows: batch.numRows }), body];
}

export function doneFrame(): Uint8Array {
  return line({ type: 'done' });
}

export function errorFrame(code: ErrorCode, message: string): Uint8Array {
  return line({ type: 'error', code, message });
}

/** A whole answer for a table (tests, small results). */
export function tableFrames(table: Table, compress: boolean): Uint8Array[] {
  const out = schemaFrame(table.schema);
  for (const batch of table.batches) out.push(...batchFrame(batch, compress));
  out.push(doneFrame());
  return out;
}
