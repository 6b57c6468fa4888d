// What the database derives from async_events after each load step, per process: event times
// from raw ticks with the process's converter (exactly as src/decode/time-converter.ts: IEEE
// doubles, half away from zero, the start added as an integer), and async_spans, one row per
// span id with its attributes taken from its begin event when there is one. No React.
import type { Db } from './db';

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

/** any_value over one event type: exact when a span id has one begin and one end. */
function fromBegin(columns: string[]): string {
  return columns
    .map(
      (c) =>
        `coalesce(any_value(${c}) FILTER (WHERE event_type = 'begin'), ` +
        `any_value(${c}) FILTER (WHERE event_type = 'end')) AS ${c}`,
    )
    .join(',\n    ');
}

const SPAN_COLUMNS = `process_id, span_id, parent_span_id, depth, name, target, filename, line,
  hash, begin_time, end_time, epoch_ns(end_time) - epoch_ns(begin_time) AS duration_ns,
  begin_stream_id, end_stream_id, coalesce(begin_stream_id <> end_stream_id, false) AS migrated,
  CASE WHEN begins > 0 AND ends > 0 THEN 'complete' WHEN begins > 0 THEN 'open'
    ELSE 'orphan_end' END AS state`;

function perSpan(attributes: string[]): string {
  return `SELECT $1 AS process_id, span_id,
    ${fromBegin(attributes)},
    min(time) FILTER (WHERE event_type = 'begin') AS begin_time,
    max(time) FILTER (WHERE event_type = 'end') AS end_time,
    any_value(stream_id) FILTER (WHERE event_type = 'begin') AS begin_stream_id,
    any_value(stream_id) FILTER (WHERE event_type = 'end') AS end_stream_id,
    count(*) FILTER (WHERE event_type = 'begin') AS begins,
    count(*) FILTER (WHERE event_type = 'end') AS ends
  FROM async_events WHERE process_id = $1
  GROUP BY span_id`;
}

// The scope strings (name, target, filename, line) follow from the scope hash; aggregating
// integers and joining the few distinct scopes back is much faster than aggregating strings.
const SCOPES = `CREATE OR REPLACE TEMP TABLE weft_scopes AS
SELECT DISTINCT hash, name, target, filename, line FROM async_events WHERE process_id = $1`;

const SCOPES_UNIQUE = `SELECT count(*) = count(DISTINCT hash) AS unique_hashes FROM weft_scopes`;

const INSERT_SPANS_BY_HASH = `INSERT INTO async_spans
SELECT ${SPAN_COLUMNS}
FROM (${perSpan(['parent_span_id', 'depth', 'hash'])}) JOIN weft_scopes USING (hash)`;

/** For a process where two scopes share a hash. */
const INSERT_SPANS_BY_STRINGS = `INSERT INTO async_spans
SELECT ${SPAN_COLUMNS}
FROM (${perSpan(['parent_span_id', 'depth', 'name', 'target', 'filename', 'line', 'hash'])})`;

/** Times the process's untimed rows, or all of them when its converter changed. */
export async function retimeEvents(db: Db, processId: string): Promise<void> {
  await db.query(RETIME, [processId]);
  await db.query(MARK_TIMED, [processId]);
}

/** Replaces the process's async_spans rows. */
export async function rebuildSpans(db: Db, processId: string): Promise<void> {
  await db.query('DELETE FROM async_spans WHERE process_id = $1', [processId]);
  await db.query(SCOPES, [processId]);
  const unique = (await db.query(SCOPES_UNIQUE)).get(0)?.unique_hashes;
  await db.query(unique ? INSERT_SPANS_BY_HASH : INSERT_SPANS_BY_STRINGS, [processId]);
  await db.query('DROP TABLE IF EXISTS weft_scopes');
}
