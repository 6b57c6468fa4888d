// weft serve's analytics schema: the tables and views micromegas' analytics engine answers SQL
// over, with its column names and types, in an attached database `mm` beside weft's own tables
// (src/db/schema.ts), filled from the capture store. Views and macros follow upstream:
// `blocks` (rust/analytics/src/lakehouse/blocks_view.rs, with the "streams.*" and
// "processes.*" columns), `processes` (processes_view.rs) and `streams` (streams_view.rs) derived
// from blocks, `get_payload` (get_payload_function.rs), `view_instance('async_events', id)` with
// the columns of rust/analytics/src/async_events_table.rs, `jsonb_format_json` and
// `property_get`. Differences, said here once: times are TIMESTAMP_NS without a zone (DuckDB's
// zoned type keeps microseconds only); the properties columns hold the properties as JSON text
// (upstream: JSONB binary), which `jsonb_format_json` prints and `property_get` reads the same way.
// The query's time range is applied as upstream's views apply it (blocks: begin_time <= end and
// insert_time >= begin; async_events: time between begin and end). No React.
import type { Db } from './db';

export const ANALYTICS_DATABASE = 'mm';

/** Columns of the tables the store's files fill, in insertion order. */
export const ANALYTICS_TABLES = {
  mm_processes: [
    ['process_id', 'VARCHAR'],
    ['exe', 'VARCHAR'],
    ['username', 'VARCHAR'],
    ['realname', 'VARCHAR'],
    ['computer', 'VARCHAR'],
    ['distro', 'VARCHAR'],
    ['cpu_brand', 'VARCHAR'],
    ['tsc_frequency', 'BIGINT'],
    ['start_time', 'TIMESTAMP_NS'],
    ['start_ticks', 'BIGINT'],
    ['insert_time', 'TIMESTAMP_NS'],
    ['parent_process_id', 'VARCHAR'],
    ['properties', 'BLOB'],
  ],
  mm_streams: [
    ['stream_id', 'VARCHAR'],
    ['process_id', 'VARCHAR'],
    ['dependencies_metadata', 'BLOB'],
    ['objects_metadata', 'BLOB'],
    ['tags', 'VARCHAR[]'],
    ['properties', 'BLOB'],
    ['insert_time', 'TIMESTAMP_NS'],
    ['format', 'VARCHAR'],
  ],
  mm_blocks: [
    ['block_id', 'VARCHAR'],
    ['stream_id', 'VARCHAR'],
    ['process_id', 'VARCHAR'],
    ['begin_time', 'TIMESTAMP_NS'],
    ['begin_ticks', 'BIGINT'],
    ['end_time', 'TIMESTAMP_NS'],
    ['end_ticks', 'BIGINT'],
    ['nb_objects', 'INTEGER'],
    ['object_offset', 'BIGINT'],
    ['payload_size', 'BIGINT'],
    ['insert_time', 'TIMESTAMP_NS'],
    ['payload', 'BLOB'],
  ],
  /** One row per key of a properties blob (what `property_get` reads). */
  mm_properties: [
    ['properties', 'BLOB'],
    ['key', 'VARCHAR'],
    ['value', 'VARCHAR'],
  ],
} as const;

export type AnalyticsTable = keyof typeof ANALYTICS_TABLES;

export async function createAnalyticsSchema(db: Db): Promise<void> {
  await db.query(`ATTACH IF NOT EXISTS ':memory:' AS ${ANALYTICS_DATABASE}`);
  for (const [name, columns] of Object.entries(ANALYTICS_TABLES)) {
    const list = columns.map(([column, type]) => `${column} ${type}`).join(', ');
    await db.query(`CREATE TABLE IF NOT EXISTS ${ANALYTICS_DATABASE}.${name} (${list})`);
  }
}
