// Shared by both Db implementations: query parameters as DuckDB-WASM binds them (JSON-encoded, so
// a bigint travels as a number when exact and as text otherwise; the SQL casts it), and reading
// the head of a streamed result. No React.
import type { RecordBatch } from 'apache-arrow';
import type { ResultHead, SqlParam } from './db';

export function jsonParam(value: SqlParam): string | number | boolean | null {
  if (typeof value !== 'bigint') return value;
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}

/** Keeps the batches holding the first `maxRows` rows of a stream and counts all its rows. */
export async function collectHead(
  stream: Iterable<RecordBatch> | AsyncIterable<RecordBatch>,
  maxRows: number,
): Promise<ResultHead> {
  const batches: RecordBatch[] = [];
  let columns: string[] = [];
  let rowCount = 0;
  for await (const batch of stream) {
    if (rowCount === 0) columns = batch.schema.fields.map((f) => f.name);
    if (rowCount < maxRows) batches.push(batch);
    rowCount += batch.numRows;
  }
  return { columns, batches, rowCount };
}
