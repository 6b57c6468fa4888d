// The async_spans rows an export holds (weft export --format csv|parquet, the viewer's CSV and
// Parquet downloads): one process or all, spans overlapping an epoch-ns range (an open span
// reaches the capture's end, an orphan end starts at its beginning). Bound parameters only.
import type { Table } from 'apache-arrow';
import type { Db } from '../db/db';

export interface SpanRowsFilter {
  /** null: every process. */
  processId: string | null;
  /** Epoch ns; null: unbounded. */
  fromEpochNs: bigint | null;
  toEpochNs: bigint | null;
}

// $1 process id or NULL; $2, $3 epoch ns bounds or NULL.
const SPAN_ROWS_SQL = `SELECT * FROM async_spans
WHERE ($1::VARCHAR IS NULL OR process_id = $1::VARCHAR)
  AND ($2::BIGINT IS NULL OR end_time IS NULL OR epoch_ns(end_time) >= $2::BIGINT)
  AND ($3::BIGINT IS NULL OR begin_time IS NULL OR epoch_ns(begin_time) <= $3::BIGINT)
ORDER BY process_id, begin_time NULLS FIRST, span_id`;

export async function asyncSpanRows(db: Db, filter: SpanRowsFilter): Promise<Table> {
  return db.query(SPAN_ROWS_SQL, [filter.processId, filter.fromEpochNs, filter.toEpochNs]);
}
