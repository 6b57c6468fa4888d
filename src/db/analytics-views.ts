// The views and macros of weft serve's analytics schema (see analytics-schema.ts), created per
// query on the query connection as TEMP objects, so the query's time range is part of them as
// upstream applies it: blocks `begin_time <= end AND insert_time >= begin`
// (rust/analytics/src/lakehouse/blocks_view.rs `make_time_filter`), async_events `time BETWEEN
// begin AND end` (async_events_view.rs). Bounds are integer nanoseconds, never text. No React.
import { ANALYTICS_DATABASE as MM } from './analytics-schema';

export interface TimeBounds {
  beginNs?: bigint;
  endNs?: bigint;
}

const ts = (ns: bigint) => `make_timestamp_ns(${BigInt(ns).toString()})`;

function blocksFilter({ beginNs, endNs }: TimeBounds): string {
  const terms = ['true'];
  if (endNs !== undefined) terms.push(`b.begin_time <= ${ts(endNs)}`);
  if (beginNs !== undefined) terms.push(`b.insert_time >= ${ts(beginNs)}`);
  return terms.join(' AND ');
}

function eventsFilter({ beginNs, endNs }: TimeBounds): string {
  const terms = ['true'];
  if (beginNs !== undefined) terms.push(`time >= ${ts(beginNs)}`);
  if (endNs !== undefined) terms.push(`time <= ${ts(endNs)}`);
  return terms.join(' AND ');
}

const blocksView = (bounds: TimeBounds) => `CREATE OR REPLACE TEMP VIEW blocks AS
SELECT b.block_id, b.stream_id, b.process_id, b.begin_time, b.begin_ticks, b.end_time, b.end_ticks,
  b.nb_objects, b.object_offset, b.payload_size, b.insert_time,
  s.dependencies_metadata AS "streams.dependencies_metadata",
  s.objects_metadata AS "streams.objects_metadata", s.tags AS "streams.tags",
  s.properties AS "streams.properties", s.insert_time AS "streams.insert_time",
  s.format AS "streams.format",
  p.start_time AS "processes.start_time", p.start_ticks AS "processes.start_ticks",
  p.tsc_frequency AS "processes.tsc_frequency", p.exe AS "processes.exe",
  p.username AS "processes.username", p.realname AS "processes.realname",
  p.computer AS "processes.computer", p.distro AS "processes.distro",
  p.cpu_brand AS "processes.cpu_brand", p.insert_time AS "processes.insert_time",
  p.parent_process_id AS "processes.parent_process_id", p.properties AS "processes.properties"
FROM ${MM}.mm_blocks b
JOIN ${MM}.mm_streams s ON s.stream_id = b.stream_id
JOIN ${MM}.mm_processes p ON p.process_id = b.process_id
WHERE ${blocksFilter(bounds)}`;

const PROCESSES = `CREATE OR REPLACE TEMP VIEW processes AS
SELECT process_id, first("processes.exe") AS exe, first("processes.username") AS username,
  first("processes.realname") AS realname, first("processes.computer") AS computer,
  first("processes.distro") AS distro, first("processes.cpu_brand") AS cpu_brand,
  first("processes.tsc_frequency") AS tsc_frequency, first("processes.start_time") AS start_time,
  first("processes.start_ticks") AS start_ticks, first("processes.insert_time") AS insert_time,
  first("processes.parent_process_id") AS parent_process_id,
  first("processes.properties") AS properties, max(insert_time) AS last_update_time,
  max(end_ticks) AS last_block_end_ticks, max(end_time) AS last_block_end_time
FROM blocks GROUP BY process_id`;

const STREAMS = `CREATE OR REPLACE TEMP VIEW streams AS
SELECT stream_id, first(process_id) AS process_id,
  first("streams.dependencies_metadata") AS dependencies_metadata,
  first("streams.objects_metadata") AS objects_metadata, first("streams.tags") AS tags,
  first("streams.properties") AS properties, first("streams.insert_time") AS insert_time,
  first("streams.format") AS format, max(insert_time) AS last_update_time
FROM blocks GROUP BY stream_id`;

const MACROS = [
  `CREATE OR REPLACE TEMP MACRO get_payload(pid, sid, bid) AS (SELECT first(payload)
  FROM ${MM}.mm_blocks x WHERE x.process_id = pid AND x.stream_id = sid AND x.block_id = bid)`,
  `CREATE OR REPLACE TEMP MACRO jsonb_format_json(props) AS decode(props)`,
  `CREATE OR REPLACE TEMP MACRO property_get(props, name) AS (SELECT first(x.value)
  FROM ${MM}.mm_properties x WHERE x.properties = props AND x.key = name)`,
];

const KNOWN = `(SELECT coalesce(string_agg(process_id, ', ' ORDER BY process_id), 'none')
  FROM ${MM}.mm_processes)`;

// A scalar subquery, so the error fires even when there are no events.
const viewInstance = (bounds: TimeBounds) => `CREATE OR REPLACE TEMP MACRO
view_instance(view_set_name, view_instance_id) AS TABLE
SELECT stream_id, block_id, time, event_type, span_id, parent_span_id, depth, hash, name,
  filename, target, line
FROM weft.main.async_events WHERE ${eventsFilter(bounds)} AND process_id = (SELECT CASE
  WHEN view_set_name IS DISTINCT FROM 'async_events' THEN error(format(
    'view set ''{}'' is not served by weft: only view_instance(''async_events'', ''<process_id>'') is', view_set_name))
  WHEN try_cast(view_instance_id AS UUID) IS NULL THEN error(format(
    '''{}'' is not a process id (a UUID); processes: {}', view_instance_id, ${KNOWN}))
  WHEN NOT EXISTS (SELECT 1 FROM ${MM}.mm_processes WHERE process_id = view_instance_id)
    THEN error(format('process {} is not in this store; processes: {}', view_instance_id, ${KNOWN}))
  ELSE view_instance_id END)`;

/** The statements that give a query connection its views for one query's time range. */
export function queryViews(bounds: TimeBounds): string[] {
  return [blocksView(bounds), PROCESSES, STREAMS, ...MACROS, viewInstance(bounds)];
}
