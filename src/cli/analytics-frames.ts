// A DuckDB result (its own Arrow IPC messages) → the frames of micromegas' query-stream answer
// (src/remote/frame-writer.ts), LZ4_FRAME-compressed as upstream sends them, timestamps marked
// UTC ('+00:00') as upstream's columns are, within limits: past `maxRows` rows or `maxBytes`
// bytes the answer ends with an error frame instead of growing without bound. Node only.
import {
  Field,
  RecordBatch,
  RecordBatchReader,
  Schema,
  Struct,
  Timestamp,
  makeData,
  type DataType,
} from 'apache-arrow';
import { batchFrame, doneFrame, errorFrame, schemaFrame } from '../remote/frame-writer';

export interface FrameLimits {
  maxRows: number;
  maxBytes: number;
}

function utcType(type: DataType): DataType {
  return type instanceof Timestamp && !type.timezone ? new Timestamp(type.unit, '+00:00') : type;
}

function utcSchema(schema: Schema): Schema {
  return new Schema(
    schema.fields.map((f) => new Field(f.name, utcType(f.type), f.nullable, f.metadata)),
  );
}

function withSchema(batch: RecordBatch, schema: Schema): RecordBatch {
  const children = batch.data.children.map((child, i) => child.clone(schema.fields[i].type));
  const data = makeData({
    type: new Struct(schema.fields),
    length: batch.numRows,
    children,
    nullCount: 0,
  });
  return new RecordBatch(schema, data);
}

/** Frames of a result; a failure while reading ends them with an error frame. */
export function* resultFrames(
  ipc: Iterable<Uint8Array>,
  limits: FrameLimits,
): Generator<Uint8Array> {
  let started = false;
  try {
    const reader = RecordBatchReader.from(ipc);
    reader.open();
    const schema = utcSchema(reader.schema);
    yield* schemaFrame(schema);
    started = true;
    let [rows, bytes] = [0, 0];
    for (const batch of reader) {
      rows += batch.numRows;
      const frame = batchFrame(withSchema(batch, schema), true);
      bytes += frame[1].length;
      if (rows > limits.maxRows || bytes > limits.maxBytes) {
        const what = rows > limits.maxRows ? `${limits.maxRows} rows` : `${limits.maxBytes} bytes`;
        yield errorFrame(
          'INTERNAL',
          `the result is larger than weft serves (${what}): narrow the query or the time range`,
        );
        return;
      }
      yield* frame;
    }
    yield doneFrame();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    yield errorFrame(started ? 'INTERNAL' : 'INVALID_SQL', message);
  }
}
