// DDL of weft's tables (the views over them are in views.ts). Ingest appends Arrow IPC rows
// positionally, so each table's columns are listed once here, in order, and the sink checks
// incoming batches against them. No React, no ingest.
import type { Db } from './db';
import { createViews, dropViews } from './views';

/** Columns of the tables ingest appends to, in table order (the Arrow batches must match). */
export const TABLE_COLUMNS = {
  processes: [
    ['process_id', 'VARCHAR'],
    ['exe', 'VARCHAR'],
    ['username', 'VARCHAR'],
    ['computer', 'VARCHAR'],
    ['start_time', 'TIMESTAMP_NS'],
    ['start_ticks', 'BIGINT'],
    ['tsc_frequency', 'BIGINT'],
    ['parent_process_id', 'VARCHAR'],
    ['properties', 'MAP(VARCHAR, VARCHAR)'],
  ],
  streams: [
    ['stream_id', 'VARCHAR'],
    ['process_id', 'VARCHAR'],
    ['tags', 'VARCHAR[]'],
    ['properties', 'MAP(VARCHAR, VARCHAR)'],
    ['thread_name', 'VARCHAR'],
  ],
  blocks: [
    ['block_id', 'VARCHAR'],
    ['stream_id', 'VARCHAR'],
    ['process_id', 'VARCHAR'],
    ['begin_time', 'TIMESTAMP_NS'],
    ['end_time', 'TIMESTAMP_NS'],
    ['begin_ticks', 'BIGINT'],
    ['end_ticks', 'BIGINT'],
    ['object_offset', 'BIGINT'],
    ['nb_objects', 'INTEGER'],
    ['payload_size', 'INTEGER'],
    /** 'decoded' (cpu stream), 'counted' (other streams), 'rejected' (payload unreadable). */
    ['status', 'VARCHAR'],
    ['async_events', 'INTEGER'],
  ],
  /** The keyed tables below are filled by src/ingest/merged-rows.ts; src/db/views.ts joins them. */
  weft_process_keys: [
    ['process_key', 'INTEGER'],
    ['process_id', 'VARCHAR'],
  ],
  /** Blocks with async events: their ids, and the range of their events' ticks. */
  weft_blocks: [
    ['block_key', 'INTEGER'],
    ['process_key', 'INTEGER'],
    ['process_id', 'VARCHAR'],
    ['stream_id', 'VARCHAR'],
    ['block_id', 'VARCHAR'],
    ['first_ticks', 'BIGINT'],
    ['last_ticks', 'BIGINT'],
  ],
  /** Distinct span descriptions (two may share a hash). */
  weft_scopes: [
    ['scope_key', 'INTEGER'],
    ['hash', 'UINTEGER'],
    ['name', 'VARCHAR'],
    ['filename', 'VARCHAR'],
    ['target', 'VARCHAR'],
    ['line', 'UINTEGER'],
  ],
  /** Async events in merge order, raw ticks (times are derived by the async_events view). */
  weft_events: [
    ['block_key', 'INTEGER'],
    /** 0 begin, 1 end. */
    ['event_type', 'UTINYINT'],
    ['span_id', 'BIGINT'],
    ['parent_span_id', 'BIGINT'],
    ['depth', 'UINTEGER'],
    ['scope_key', 'INTEGER'],
    ['ticks', 'BIGINT'],
  ],
  /**
   * One row per process + span id: earliest begin, latest end (ticks; 0 when none), the blocks
   * holding them (-1 when none), the counts, and parent, depth, scope from that begin (else end).
   */
  weft_spans: [
    ['process_key', 'INTEGER'],
    ['span_id', 'BIGINT'],
    ['parent_span_id', 'BIGINT'],
    ['depth', 'UINTEGER'],
    ['scope_key', 'INTEGER'],
    ['begin_ticks', 'BIGINT'],
    ['end_ticks', 'BIGINT'],
    ['begin_block', 'INTEGER'],
    ['end_block', 'INTEGER'],
    ['begins', 'INTEGER'],
    ['ends', 'INTEGER'],
  ],
} as const;

export type IngestTableName = keyof typeof TABLE_COLUMNS;

/** weft's tables live in this attached database; every connection must USE it. */
export const DATABASE = 'weft';
export const USE_DATABASE = `USE ${DATABASE}`;

/** The converter in effect per process (the views time events with it). */
const TIME_CONVERTERS = `CREATE TABLE IF NOT EXISTS weft_time_converters (
  process_id VARCHAR PRIMARY KEY, frequency DOUBLE)`;

function createTable(name: IngestTableName): string {
  const columns = TABLE_COLUMNS[name].map(([column, type]) => `${column} ${type}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${name} (${columns})`;
}

/**
 * Rows are compressed when DuckDB checkpoints, which it does once this much was written since the
 * last time (default 16 MB); until then they sit uncompressed in its heap, which never shrinks.
 * With 4 MB and span rows inserted 2^15 at a time (ingest/merged-rows.ts), large leaves DuckDB's
 * memory with 78 MB resident instead of 133 MB (Node, same DuckDB-WASM; the data is 53 MB).
 */
const CHECKPOINT_THRESHOLD = "SET checkpoint_threshold = '4MB'";

/** Creates (in a compressed in-memory database) every table and macro that does not exist yet. */
export async function createSchema(db: Db): Promise<void> {
  // A compressed in-memory database: the large capture takes ~100 MB instead of ~1.4 GB
  // (repeated ids and span names), at a small cost in load time.
  await db.query(CHECKPOINT_THRESHOLD);
  await db.query(`ATTACH IF NOT EXISTS ':memory:' AS ${DATABASE} (COMPRESS)`);
  await db.query(USE_DATABASE);
  for (const name of Object.keys(TABLE_COLUMNS) as IngestTableName[]) {
    await db.query(createTable(name));
  }
  await db.query(TIME_CONVERTERS);
  await createViews(db);
}

/** Drops everything loaded and creates empty tables again. */
export async function resetSchema(db: Db): Promise<void> {
  await dropViews(db);
  for (const name of ['weft_time_converters', ...Object.keys(TABLE_COLUMNS)]) {
    await db.query(`DROP TABLE IF EXISTS ${name}`);
  }
  await createSchema(db);
}
