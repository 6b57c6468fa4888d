// Frames → Arrow record batches. The `schema` and `batch` bodies, concatenated, are an Arrow IPC
// stream without its end-of-stream marker (analytics-web-srv writes none: rust/analytics-web-srv/
// src/stream_query.rs), so one is appended after `done`; one reader keeps the dictionaries across
// batches (dictionary and delta-dictionary messages precede their batch). Buffers compressed with
// LZ4_FRAME are decoded by weft's own frame decoder, registered in apache-arrow's codec registry.
// No DOM, no Node.
import {
  CompressionType,
  RecordBatchReader,
  compressionRegistry,
  type RecordBatch,
  type Schema,
} from 'apache-arrow';
import { decodeLz4Frames } from '../decode/lz4-frame';
import { protocolError, queryError, RemoteError } from './errors';
import type { Frame } from './frame-parser';

/** Continuation marker then a zero metadata length: the IPC stream's end. */
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Lets apache-arrow read LZ4_FRAME-compressed bodies (idempotent; keeps an encoder if set). */
export function registerLz4Decoder(): void {
  const current = compressionRegistry.get(CompressionType.LZ4_FRAME);
  if (current?.decode === decodeLz4Frames) return;
  compressionRegistry.set(CompressionType.LZ4_FRAME, { ...current, decode: decodeLz4Frames });
}

/** The IPC bytes of a frame sequence; an `error` frame throws its code and message. */
export async function* ipcBodies(frames: AsyncIterable<Frame>): AsyncGenerator<Uint8Array> {
  let sawSchema = false;
  for await (const frame of frames) {
    if (frame.type === 'error') throw queryError(frame.code, frame.message);
    if (frame.type === 'done') {
      if (!sawSchema) throw protocolError('"done" before any "schema" frame');
      yield END_OF_STREAM;
      return;
    }
    if (frame.type === 'batch' && !sawSchema)
      throw protocolError('a "batch" frame before the "schema" frame');
    sawSchema ||= frame.type === 'schema';
    if (frame.body.length > 0) yield frame.body;
  }
}

export interface BatchStream {
  schema: Schema;
  batches: AsyncIterable<RecordBatch>;
}

/** Opens the Arrow stream of a frame sequence (reads up to its schema). */
export async function openBatches(frames: AsyncIterable<Frame>): Promise<BatchStream> {
  registerLz4Decoder();
  const reader = await guard(() => RecordBatchReader.from(ipcBodies(frames)));
  await guard(() => reader.open());
  if (reader.schema === undefined || reader.schema === null)
    throw protocolError('no Arrow schema in the answer');
  return { schema: reader.schema, batches: guardIterable(reader) };
}

/** Arrow's own failures (bad IPC, missing codec) become protocol errors; ours pass through. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asRemote(error);
  }
}

async function* guardIterable(source: AsyncIterable<RecordBatch>): AsyncGenerator<RecordBatch> {
  try {
    for await (const batch of source) yield batch;
  } catch (error) {
    throw asRemote(error);
  }
}

function asRemote(error: unknown): unknown {
  if (error instanceof RemoteError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  return protocolError(`unreadable Arrow IPC (${(error as Error)?.message ?? String(error)})`);
}
