// The async_spans rows an export holds (weft export --format csv|parquet, the viewer's CSV and
// Parquet downloads): one process or all, spans overlapping an epoch-ns range (an open span
// reaches the capture's end, an orphan end starts at its beginning). Bound parameters only.
import type { Table } from 'apache-arrow';
import type { Db } from '../db/db';
import { csvChunks } from './csv-table';

export interface SpanRowsFilter {
  /** null: every process. */
  processId: string | null;
  /** Epoch ns; null: unbounded. */
  fromEpochNs: bigint | null;
  toEpochNs: bigint | null;
  /** Only these spans (the viewer's current filter); null: no such restriction. */
  spanIds?: bigint[] | null;
}

// $1 process id or NULL; $2, $3 epoch ns bounds or NULL; $4 span ids joined by commas or NULL
// (one bound text parameter, split by DuckDB: never spliced into the SQL).
const SPAN_ROWS_SQL = `SELECT * FROM async_spans
WHERE ($1::VARCHAR IS NULL OR process_id = $1::VARCHAR)
  AND ($2::BIGINT IS NULL OR end_time IS NULL OR epoch_ns(end_time) >= $2::BIGINT)
  AND ($3::BIGINT IS NULL OR begin_time IS NULL OR epoch_ns(begin_time) <= $3::BIGINT)
  AND ($4::VARCHAR IS NULL OR span_id IN (SELECT unnest(string_split($4::VARCHAR, ','))::BIGINT))
ORDER BY process_id, begin_time NULLS FIRST, span_id`;

export async function asyncSpanRows(db: Db, filter: SpanRowsFilter): Promise<Table> {
  const ids = filter.spanIds ? filter.spanIds.join(',') : null;
  return db.query(SPAN_ROWS_SQL, [filter.processId, filter.fromEpochNs, filter.toEpochNs, ids]);
}

export type RowsFormat = 'csv' | 'parquet';

/**
 * The rows as a file's parts: CSV (csv-table.ts, as `weft sql` prints) or Parquet.
 */
export async function spanRowsFile(
  db: Db,
  filter: SpanRowsFilter,
  format: RowsFormat,
): Promise<(string | Uint8Array)[]> {
  const table = await asyncSpanRows(db, filter);
  if (format === 'parquet') {
    if (!db.toParquet) throw new Error('Parquet is not available here.');
    return [await db.toParquet(table.batches)];
  }
  return [...csvChunks(table)];
}
