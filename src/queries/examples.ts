// Ready-made queries for the SQL console: the four queries of micromegas' async-events
// integration tests (python/micromegas/tests/test_async_events.py), unchanged but for the process
// id, the one DuckDB needs written differently, and weft's own tables. See README.md here for
// where DuckDB and DataFusion differ. No React.

/** What the SQL console holds when it first opens. */
export const INITIAL_CONSOLE_SQL =
  'SELECT name, count(*) AS spans\nFROM async_spans\nGROUP BY name\nORDER BY spans DESC\nLIMIT 20';

export interface ExampleQuery {
  title: string;
  sql: string;
  /** Why this query differs from upstream, when it does. */
  note?: string;
}

/** A SQL string literal (the id comes from a capture file: quote it, never trust it). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

// {events} stands for view_instance('async_events', '<process id>'), {pid} for the quoted id.
const UPSTREAM: ExampleQuery[] = [
  {
    title: 'Async events in time order (upstream: basic query)',
    sql: `SELECT stream_id, block_id, time, event_type, span_id, parent_span_id,
       depth, name, target, filename, line
FROM {events}
ORDER BY time
LIMIT 10;`,
  },
  {
    title: 'Span begins per thread (upstream: cross-stream analysis)',
    sql: `SELECT DISTINCT stream_id, COUNT(*) as event_count
FROM {events}
WHERE event_type = 'begin'
GROUP BY stream_id
ORDER BY event_count DESC;`,
  },
  {
    title: 'Parent and child spans (upstream: parent-child relationships)',
    sql: `SELECT parent.name as parent_name, child.name as child_name,
       parent.span_id as parent_id, child.parent_span_id,
       parent.stream_id as parent_stream, child.stream_id as child_stream
FROM {events} parent
JOIN {events} child
     ON parent.span_id = child.parent_span_id
WHERE parent.event_type = 'begin' AND child.event_type = 'begin'
LIMIT 5;`,
  },
  {
    title: 'Longest spans in ms (upstream: duration analysis, DuckDB form)',
    note:
      'Upstream writes CAST((end_events.time - begin_events.time) AS BIGINT) / 1000000: in ' +
      'DataFusion a timestamp difference is a duration in ns; in DuckDB it is an INTERVAL, ' +
      'which does not cast to BIGINT. epoch_ns() differences and // (integer division) give ' +
      'the same numbers.',
    sql: `SELECT begin_events.name, begin_events.stream_id,
       (epoch_ns(end_events.time) - epoch_ns(begin_events.time)) // 1000000 as duration_ms
FROM
    (SELECT * FROM {events}
     WHERE event_type = 'begin') begin_events
JOIN
    (SELECT * FROM {events}
     WHERE event_type = 'end') end_events
ON begin_events.span_id = end_events.span_id
ORDER BY duration_ms DESC
LIMIT 10;`,
  },
  {
    title: 'Async events with their process (upstream: process join)',
    sql: `SELECT ae.name, ae.event_type, ae.time, ae.stream_id,
       p.exe, p.username, p.computer
FROM {events} ae
JOIN streams s ON ae.stream_id = s.stream_id
JOIN processes p ON s.process_id = p.process_id
ORDER BY ae.time
LIMIT 5;`,
  },
];

const WEFT: ExampleQuery[] = [
  {
    title: 'Duration percentiles per span name (async_spans)',
    sql: `SELECT name, count(*) AS spans,
       quantile_cont(duration_ns, 0.5)::BIGINT AS p50_ns,
       quantile_cont(duration_ns, 0.99)::BIGINT AS p99_ns,
       max(duration_ns) AS max_ns
FROM async_spans
WHERE process_id = {pid} AND state = 'complete'
GROUP BY name
ORDER BY max_ns DESC;`,
  },
  {
    title: 'Spans that ended on another thread than they began',
    sql: `SELECT s.name, count(*) AS migrated, b.thread_name AS began_on, e.thread_name AS ended_on
FROM async_spans s
JOIN streams b ON b.stream_id = s.begin_stream_id
JOIN streams e ON e.stream_id = s.end_stream_id
WHERE s.process_id = {pid} AND s.migrated
GROUP BY ALL
ORDER BY migrated DESC
LIMIT 20;`,
  },
  {
    title: 'Spans that never ended, or whose begin was not captured',
    sql: `SELECT state, name, count(*) AS spans
FROM async_spans
WHERE process_id = {pid} AND state <> 'complete'
GROUP BY ALL
ORDER BY spans DESC;`,
  },
];

/** The examples for one process (its id goes into the text as a quoted literal). */
export function exampleQueries(processId: string): ExampleQuery[] {
  const pid = sqlString(processId);
  const events = `view_instance('async_events', ${pid})`;
  return [...UPSTREAM, ...WEFT].map((q) => ({
    ...q,
    sql: q.sql.replace(/\{(events|pid)\}/g, (_, key) => (key === 'events' ? events : pid)),
  }));
}
