// DDL of weft's tables and of `view_instance`, micromegas' way to name a process's async events.
// Ingest appends Arrow IPC rows positionally, so each table's columns are listed once here, in
// order, and the sink checks incoming batches against them. No React, no ingest.
import type { Db } from './db';

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
  async_events: [
    ['process_id', 'VARCHAR'],
    ['stream_id', 'VARCHAR'],
    ['block_id', 'VARCHAR'],
    ['time', 'TIMESTAMP_NS'],
    ['event_type', 'VARCHAR'],
    ['span_id', 'BIGINT'],
    ['parent_span_id', 'BIGINT'],
    ['depth', 'UINTEGER'],
    ['hash', 'UINTEGER'],
    ['name', 'VARCHAR'],
    ['filename', 'VARCHAR'],
    ['target', 'VARCHAR'],
    ['line', 'UINTEGER'],
    ['ticks', 'BIGINT'],
  ],
} as const;

export type IngestTableName = keyof typeof TABLE_COLUMNS;

/** weft's tables live in this attached database; every connection must USE it. */
export const DATABASE = 'weft';
export const USE_DATABASE = `USE ${DATABASE}`;

/** One row per process + span id, rebuilt per process after each load step (src/db/sink.ts). */
const ASYNC_SPANS = `CREATE TABLE IF NOT EXISTS async_spans (
  process_id VARCHAR, span_id BIGINT, parent_span_id BIGINT, depth UINTEGER,
  name VARCHAR, target VARCHAR, filename VARCHAR, line UINTEGER, hash UINTEGER,
  begin_time TIMESTAMP_NS, end_time TIMESTAMP_NS, duration_ns BIGINT,
  begin_stream_id VARCHAR, end_stream_id VARCHAR, migrated BOOLEAN, state VARCHAR)`;

/** The converter in effect per process and the one its rows were timed with. */
const TIME_CONVERTERS = `CREATE TABLE IF NOT EXISTS weft_time_converters (
  process_id VARCHAR PRIMARY KEY, frequency DOUBLE, timed_frequency DOUBLE)`;

const LOADED = `(SELECT coalesce(string_agg(process_id, ', ' ORDER BY process_id), 'none')
  FROM processes)`;

// A scalar subquery, so the error fires even when async_events is empty.
const VIEW_INSTANCE = `CREATE OR REPLACE MACRO view_instance(view_set_name, view_instance_id) AS TABLE
SELECT * FROM async_events WHERE process_id = (SELECT CASE
  WHEN view_set_name IS DISTINCT FROM 'async_events' THEN error(format(
    'view set ''{}'' is not available in weft: only view_instance(''async_events'', ''<process_id>'') is; loaded processes: {}',
    view_set_name, ${LOADED}))
  WHEN view_instance_id = 'global' THEN error(format(
    'async_events has no global view: use view_instance(''async_events'', ''<process_id>''); loaded processes: {}',
    ${LOADED}))
  WHEN try_cast(view_instance_id AS UUID) IS NULL THEN error(format(
    '''{}'' is not a process id (a UUID); loaded processes: {}', view_instance_id, ${LOADED}))
  WHEN NOT EXISTS (SELECT 1 FROM processes WHERE process_id = view_instance_id) THEN error(format(
    'process {} is not loaded; loaded processes: {}', view_instance_id, ${LOADED}))
  ELSE view_instance_id END)`;

function createTable(name: IngestTableName): string {
  const columns = TABLE_COLUMNS[name].map(([column, type]) => `${column} ${type}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${name} (${columns})`;
}

/** Creates (in a compressed in-memory database) every table and macro that does not exist yet. */
export async function createSchema(db: Db): Promise<void> {
  // A compressed in-memory database: the large capture takes ~100 MB instead of ~1.4 GB
  // (repeated ids and span names), at a small cost in load time.
  await db.query(`ATTACH IF NOT EXISTS ':memory:' AS ${DATABASE} (COMPRESS)`);
  await db.query(USE_DATABASE);
  for (const name of Object.keys(TABLE_COLUMNS) as IngestTableName[]) {
    await db.query(createTable(name));
  }
  await db.query(ASYNC_SPANS);
  await db.query(TIME_CONVERTERS);
  await db.query(VIEW_INSTANCE);
}

/** Drops everything loaded and creates empty tables again. */
export async function resetSchema(db: Db): Promise<void> {
  for (const name of ['async_spans', 'weft_time_converters', ...Object.keys(TABLE_COLUMNS)]) {
    await db.query(`DROP TABLE IF EXISTS ${name}`);
  }
  await createSchema(db);
}
