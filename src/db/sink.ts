// Where ingest's merged rows land: appends Arrow IPC batches to the tables (after checking their
// columns against src/db/schema.ts), records each process's time converter, and at the end of a
// load step times new rows, re-times every row of a process whose converter changed (exactly as
// src/decode/time-converter.ts: IEEE doubles, half away from zero, start added as an integer),
// and rebuilds that process's async_spans. Implements ingest's IngestSink structurally (db may
// not import ingest). No React.
import { RecordBatchStreamReader } from 'apache-arrow';
import type { Db } from './db';
import { TABLE_COLUMNS, type IngestTableName } from './schema';

export interface DbSink {
  insert(table: IngestTableName, ipc: Uint8Array, processId: string): Promise<void>;
  setTimeConverter(processId: string, frequency: number): Promise<void>;
  finish(): Promise<void>;
}

const SET_CONVERTER = `INSERT OR REPLACE INTO weft_time_converters
SELECT $1, $2::DOUBLE, (SELECT timed_frequency FROM weft_time_converters WHERE process_id = $1)`;

// time = start + round((ticks − start_ticks) × (1e9 / frequency)); try() leaves garbage ticks
// that overflow BIGINT as NULL instead of failing the load.
const RETIME = `UPDATE async_events SET time = try(make_timestamp_ns(epoch_ns(p.start_time)
  + CAST(round(CAST(async_events.ticks - p.start_ticks AS DOUBLE)
    * (CAST(1e9 AS DOUBLE) / c.frequency)) AS BIGINT)))
FROM processes p, weft_time_converters c
WHERE async_events.process_id = $1 AND p.process_id = $1 AND c.process_id = $1
  AND (async_events.time IS NULL OR c.timed_frequency IS DISTINCT FROM c.frequency)`;

const MARK_TIMED = `UPDATE weft_time_converters SET timed_frequency = frequency
WHERE process_id = $1`;

const DELETE_SPANS = `DELETE FROM async_spans WHERE process_id = $1`;

// One row per span id, attributes from its begin event when there is one. any_value over one
// event type is exact for well-formed captures (one begin and one end per span id) and much
// faster than arg_min over strings.
const PICK = ['parent_span_id', 'depth', 'name', 'target', 'filename', 'line', 'hash']
  .map(
    (c) =>
      `coalesce(any_value(${c}) FILTER (WHERE event_type = 'begin'), ` +
      `any_value(${c}) FILTER (WHERE event_type = 'end')) AS ${c}`,
  )
  .join(',\n    ');

const INSERT_SPANS = `INSERT INTO async_spans
SELECT process_id, span_id, parent_span_id, depth, name, target, filename, line, hash,
  begin_time, end_time, epoch_ns(end_time) - epoch_ns(begin_time) AS duration_ns,
  begin_stream_id, end_stream_id,
  coalesce(begin_stream_id <> end_stream_id, false) AS migrated,
  CASE WHEN begins > 0 AND ends > 0 THEN 'complete' WHEN begins > 0 THEN 'open'
    ELSE 'orphan_end' END AS state
FROM (
  SELECT process_id, span_id,
    ${PICK},
    min(time) FILTER (WHERE event_type = 'begin') AS begin_time,
    max(time) FILTER (WHERE event_type = 'end') AS end_time,
    any_value(stream_id) FILTER (WHERE event_type = 'begin') AS begin_stream_id,
    any_value(stream_id) FILTER (WHERE event_type = 'end') AS end_stream_id,
    count(*) FILTER (WHERE event_type = 'begin') AS begins,
    count(*) FILTER (WHERE event_type = 'end') AS ends
  FROM async_events WHERE process_id = $1
  GROUP BY process_id, span_id
)`;

/** Throws when an IPC batch's columns differ from the table's (a bug in ingest, never data). */
function checkColumns(table: IngestTableName, ipc: Uint8Array): void {
  const reader = RecordBatchStreamReader.from(ipc);
  reader.open();
  const got = reader.schema.fields.map((f) => f.name);
  const want = TABLE_COLUMNS[table].map(([name]) => name);
  if (got.join() !== want.join()) {
    throw new Error(
      `rows for ${table} have columns ${got.join(', ')}, expected ${want.join(', ')}`,
    );
  }
}

class Sink implements DbSink {
  /** Processes with new events or a new converter since the last finish. */
  private readonly touched = new Set<string>();

  constructor(private readonly db: Db) {}

  async insert(table: IngestTableName, ipc: Uint8Array, processId: string): Promise<void> {
    if (!(table in TABLE_COLUMNS)) throw new Error(`ingest cannot insert into ${table}`);
    checkColumns(table, ipc);
    await this.db.insertIpc(table, ipc);
    if (table === 'async_events') this.touched.add(processId);
  }

  async setTimeConverter(processId: string, frequency: number): Promise<void> {
    await this.db.query(SET_CONVERTER, [processId, frequency]);
    this.touched.add(processId);
  }

  async finish(): Promise<void> {
    for (const processId of [...this.touched].sort()) {
      await this.db.query(RETIME, [processId]);
      await this.db.query(MARK_TIMED, [processId]);
      await this.db.query(DELETE_SPANS, [processId]);
      await this.db.query(INSERT_SPANS, [processId]);
    }
    this.touched.clear();
  }
}

export function createDbSink(db: Db): DbSink {
  return new Sink(db);
}
