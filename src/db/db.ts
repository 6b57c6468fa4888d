// The database contract every query runs against: DuckDB-WASM in the browser (async API, its own
// worker) and the blocking Node bindings in tests and the CLI implement it. No React.
import type { RecordBatch, Table } from 'apache-arrow';

export type SqlParam = string | number | bigint | boolean | null;

export interface Db {
  /** Runs one statement; `$1`, `$2`… are bound to `params` (never concatenate user text). */
  query(sql: string, params?: SqlParam[]): Promise<Table>;
  /** Appends an Arrow IPC stream to `tableName`, creating the table when it does not exist. */
  insertIpc(tableName: string, ipc: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /**
   * Optional: the SQL console's query. Runs the user's text read-only (src/db/read-only.ts: one
   * statement, a query, in a transaction rolled back), streaming its result; keeps the batches
   * holding the first `maxRows` rows and only counts the others.
   */
  queryHead?(sql: string, maxRows: number): Promise<ResultHead>;
  /**
   * Optional: a result's batches as a Parquet file. DuckDB-WASM 1.32 has no parquet extension
   * built in (it would fetch one from the network), so the rows DuckDB returned are written by
   * parquet-wasm (arrow-rs' writer) from their Arrow IPC stream.
   */
  toParquet?(batches: RecordBatch[]): Promise<Uint8Array>;
}

/** The first rows of a result, and how many rows it had in all. */
export interface ResultHead {
  columns: string[];
  /** Batches holding (at least) the first rows; read them through the Arrow API only. */
  batches: RecordBatch[];
  rowCount: number;
}
