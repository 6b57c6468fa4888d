// The views users query, over the keyed tables of schema.ts: `async_events` (micromegas' schema
// plus process_id and raw ticks), `async_spans` (one row per process + span id), and the
// `view_instance` table macro. Times are derived from raw ticks whenever they are read, with the
// process's current converter, exactly as src/decode/time-converter.ts computes them (IEEE
// doubles, half away from zero, the start added as an integer): a converter change re-times
// every row at no cost, and ticks that overflow give NULL instead of failing. No React.
import type { Db } from './db';

const MACROS = [
  // Nanoseconds after the process start; try() leaves garbage ticks that overflow as NULL.
  `CREATE OR REPLACE MACRO weft_ns(ticks, start_ticks, ns_per_tick) AS
  try(CAST(round(CAST(ticks - start_ticks AS DOUBLE) * ns_per_tick) AS BIGINT))`,
  `CREATE OR REPLACE MACRO weft_time(ticks, start_ns, start_ticks, ns_per_tick) AS
  try(make_timestamp_ns(start_ns + weft_ns(ticks, start_ticks, ns_per_tick)))`,
];

/** Per process key: start and converter, NULL while the process file or its timing is missing. */
const CLOCK = `CREATE OR REPLACE VIEW weft_clock AS
SELECT k.process_key, k.process_id, epoch_ns(p.start_time) AS start_ns, p.start_ticks,
  CAST(1e9 AS DOUBLE) / c.frequency AS ns_per_tick
FROM weft_process_keys k
LEFT JOIN processes p USING (process_id)
LEFT JOIN weft_time_converters c USING (process_id)`;

const ASYNC_EVENTS = `CREATE OR REPLACE VIEW async_events AS
SELECT b.process_id, b.stream_id, b.block_id,
  weft_time(e.ticks, c.start_ns, c.start_ticks, c.ns_per_tick) AS time,
  CASE e.event_type WHEN 0 THEN 'begin' ELSE 'end' END AS event_type,
  e.span_id, e.parent_span_id, e.depth, s.hash, s.name, s.filename, s.target, s.line, e.ticks
FROM weft_events e
JOIN weft_blocks b USING (block_key)
JOIN weft_scopes s USING (scope_key)
JOIN weft_clock c ON c.process_key = b.process_key`;

// Times are monotonic in ticks, so the earliest begin's time is the earliest begin time.
const ASYNC_SPANS = `CREATE OR REPLACE VIEW async_spans AS
SELECT c.process_id, s.span_id, s.parent_span_id, s.depth,
  sc.name, sc.target, sc.filename, sc.line, sc.hash,
  CASE WHEN s.begins > 0 THEN weft_time(s.begin_ticks, c.start_ns, c.start_ticks, c.ns_per_tick)
    END AS begin_time,
  CASE WHEN s.ends > 0 THEN weft_time(s.end_ticks, c.start_ns, c.start_ticks, c.ns_per_tick)
    END AS end_time,
  epoch_ns(end_time) - epoch_ns(begin_time) AS duration_ns,
  bb.stream_id AS begin_stream_id, eb.stream_id AS end_stream_id,
  coalesce(bb.stream_id <> eb.stream_id, false) AS migrated,
  CASE WHEN s.begins > 0 AND s.ends > 0 THEN 'complete' WHEN s.begins > 0 THEN 'open'
    ELSE 'orphan_end' END AS state
FROM weft_spans s
JOIN weft_scopes sc USING (scope_key)
JOIN weft_clock c USING (process_key)
LEFT JOIN weft_blocks bb ON bb.block_key = s.begin_block
LEFT JOIN weft_blocks eb ON eb.block_key = s.end_block`;

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

const VIEWS = ['async_spans', 'async_events', 'weft_clock'];

export async function createViews(db: Db): Promise<void> {
  for (const sql of [...MACROS, CLOCK, ASYNC_EVENTS, ASYNC_SPANS, VIEW_INSTANCE]) {
    await db.query(sql);
  }
}

export async function dropViews(db: Db): Promise<void> {
  for (const name of VIEWS) await db.query(`DROP VIEW IF EXISTS ${name}`);
}
