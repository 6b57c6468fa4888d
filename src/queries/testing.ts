// Test helper (Node only): the oracle's async events (expected_async_events.csv) parsed into rows
// and paired into spans, to check the queries against numbers computed independently of DuckDB.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { loadFixture, resetDb } from '../db/testing';
import { expectedCsvLines, expectedSummary } from '../decode/testing';
import type { SpanTable } from '../model/span-table';
import { loadSpanTable } from './span-table';

export interface OracleEvent {
  streamId: string;
  timeNs: bigint;
  type: 'begin' | 'end';
  spanId: bigint;
  parentSpanId: bigint;
  depth: number;
  name: string;
}

export interface OracleSpan {
  spanId: bigint;
  name: string;
  parentSpanId: bigint;
  depth: number;
  begin?: OracleEvent;
  end?: OracleEvent;
}

/** The fixtures' CSV fields hold no quoted commas in the columns read here. */
export function oracleEvents(capture: string): OracleEvent[] {
  const [header, ...lines] = expectedCsvLines(capture);
  const col = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
  return lines.map((line) => {
    const f = line.split(',');
    return {
      streamId: f[col.stream_id],
      timeNs: BigInt(f[col.time_ns]),
      type: f[col.event_type] as 'begin' | 'end',
      spanId: BigInt(f[col.span_id]),
      parentSpanId: BigInt(f[col.parent_span_id]),
      depth: Number(f[col.depth]),
      name: f[col.name],
    };
  });
}

export function oracleSpans(capture: string): Map<bigint, OracleSpan> {
  const spans = new Map<bigint, OracleSpan>();
  for (const e of oracleEvents(capture)) {
    let span = spans.get(e.spanId);
    if (!span) {
      span = { spanId: e.spanId, name: e.name, parentSpanId: e.parentSpanId, depth: e.depth };
      spans.set(e.spanId, span);
    }
    if (e.type === 'begin') {
      Object.assign(span, { name: e.name, parentSpanId: e.parentSpanId, depth: e.depth });
      span.begin = e;
    } else {
      span.end = e;
    }
  }
  return spans;
}

// ---- SQL truth for the analysis model (statistics, call trees, critical path, filters) ----
// Computed from the async_spans view alone, never from the model's code. Times relative to the
// process start; open spans end at the capture's last event, orphan ends begin at its first (as
// the SpanTable draws them); thread names as the span table names threads.

/** CTE `s`: one process's spans with b, e (relative ns), begin_thread, end_thread. $1 process. */
export const TRUTH_SPANS_CTE = `origin AS (SELECT epoch_ns(start_time) AS o FROM processes WHERE process_id = $1),
bounds AS (SELECT min(epoch_ns(time)) - any_value(o) AS first_ns, max(epoch_ns(time)) - any_value(o) AS last_ns
  FROM async_events, origin WHERE process_id = $1),
threads AS (SELECT stream_id, coalesce(thread_name, left(stream_id, 8)) AS thread FROM streams),
s AS (SELECT a.*, coalesce(epoch_ns(a.begin_time) - o, first_ns) AS b,
    coalesce(epoch_ns(a.end_time) - o, last_ns) AS e, bt.thread AS begin_thread, et.thread AS end_thread
  FROM async_spans a CROSS JOIN origin CROSS JOIN bounds
  LEFT JOIN threads bt ON bt.stream_id = a.begin_stream_id
  LEFT JOIN threads et ON et.stream_id = a.end_stream_id
  WHERE a.process_id = $1)`;

/** CTE `self_times(span_id, self_ns)`: duration minus the union of children clipped to it. */
export const TRUTH_SELF_CTE = `kids AS (SELECT p.span_id AS parent, greatest(c.b, p.b) AS cb, least(c.e, p.e) AS ce
  FROM s c JOIN s p ON c.parent_span_id = p.span_id WHERE least(c.e, p.e) > greatest(c.b, p.b)),
runs AS (SELECT parent, cb, ce, max(ce) OVER (PARTITION BY parent ORDER BY cb, ce
  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM kids),
islands AS (SELECT parent, cb, ce, sum(CASE WHEN prev_end IS NULL OR cb > prev_end THEN 1 ELSE 0 END)
  OVER (PARTITION BY parent ORDER BY cb, ce ROWS UNBOUNDED PRECEDING) AS island FROM runs),
covered AS (SELECT parent, sum(ie - ib) AS covered FROM
  (SELECT parent, island, min(cb) AS ib, max(ce) AS ie FROM islands GROUP BY parent, island) GROUP BY parent),
self_times AS (SELECT s.span_id, s.e - s.b - coalesce(covered.covered, 0) AS self_ns
  FROM s LEFT JOIN covered ON covered.parent = s.span_id)`;

/** Statistics per name over the spans where `predicate` (SQL over CTE `s`) holds. */
export function truthStatsSql(predicate = 'true'): string {
  const c = `state = 'complete'`;
  return `WITH ${TRUTH_SPANS_CTE}, ${TRUTH_SELF_CTE}
SELECT name, count(*) FILTER (WHERE ${c})::DOUBLE AS count,
  coalesce(sum(duration_ns) FILTER (WHERE ${c}), 0)::DOUBLE AS total_ns,
  coalesce(sum(self_ns) FILTER (WHERE ${c}), 0)::DOUBLE AS self_ns,
  avg(duration_ns) FILTER (WHERE ${c})::DOUBLE AS mean_ns,
  quantile_cont(duration_ns, 0.5) FILTER (WHERE ${c})::DOUBLE AS p50_ns,
  quantile_cont(duration_ns, 0.9) FILTER (WHERE ${c})::DOUBLE AS p90_ns,
  quantile_cont(duration_ns, 0.99) FILTER (WHERE ${c})::DOUBLE AS p99_ns,
  max(duration_ns) FILTER (WHERE ${c})::DOUBLE AS max_ns,
  count(*) FILTER (WHERE migrated)::DOUBLE AS migrated,
  count(*) FILTER (WHERE NOT ${c})::DOUBLE AS open
FROM s JOIN self_times USING (span_id) WHERE ${predicate}
GROUP BY name ORDER BY total_ns DESC, name`;
}

/** CTE `paths(span_id, path)`: the names from the root down to each span (a list). */
export const TRUTH_PATHS_CTE = `paths AS (
  WITH RECURSIVE p(span_id, path) AS (
    SELECT span_id, [name] FROM s WHERE parent_span_id NOT IN (SELECT span_id FROM s)
    UNION ALL
    SELECT c.span_id, list_append(p.path, c.name) FROM s c JOIN p ON c.parent_span_id = p.span_id)
  SELECT * FROM p)`;

/** Per top-down path (names joined by ' > '): count, open, total, self over `predicate`. */
export function truthTopDownSql(predicate = 'true'): string {
  return `WITH ${TRUTH_SPANS_CTE}, ${TRUTH_SELF_CTE}, ${TRUTH_PATHS_CTE}
SELECT array_to_string(path, ' > ') AS path,
  count(*) FILTER (WHERE state = 'complete')::DOUBLE AS count,
  count(*) FILTER (WHERE state <> 'complete')::DOUBLE AS open,
  coalesce(sum(duration_ns) FILTER (WHERE state = 'complete'), 0)::DOUBLE AS total_ns,
  coalesce(sum(self_ns) FILTER (WHERE state = 'complete'), 0)::DOUBLE AS self_ns
FROM s JOIN paths USING (span_id) JOIN self_times USING (span_id) WHERE ${predicate}
GROUP BY path ORDER BY path`;
}

/** Per inverted path (the span's name, its parent's, … joined by ' > '), as truthTopDownSql. */
export function truthInvertedSql(): string {
  return `WITH ${TRUTH_SPANS_CTE}, ${TRUTH_SELF_CTE}, ${TRUTH_PATHS_CTE},
suffixes AS (SELECT span_id, array_to_string(list_reverse(path)[1:k], ' > ') AS path
  FROM (SELECT span_id, path, unnest(range(1, len(path) + 1)) AS k FROM paths))
SELECT path,
  count(*) FILTER (WHERE state = 'complete')::DOUBLE AS count,
  count(*) FILTER (WHERE state <> 'complete')::DOUBLE AS open,
  coalesce(sum(duration_ns) FILTER (WHERE state = 'complete'), 0)::DOUBLE AS total_ns,
  coalesce(sum(self_ns) FILTER (WHERE state = 'complete'), 0)::DOUBLE AS self_ns
FROM s JOIN suffixes USING (span_id) JOIN self_times USING (span_id)
GROUP BY path ORDER BY path`;
}

/** Per span with one: its critical child (the rule of src/model/critical-path.ts, in SQL). */
export function truthCriticalChildSql(): string {
  return `WITH ${TRUTH_SPANS_CTE},
ranked AS (SELECT p.span_id AS parent, c.span_id AS child, row_number() OVER (
    PARTITION BY p.span_id ORDER BY c.e DESC, c.b DESC, c.span_id DESC) AS rn
  FROM s c JOIN s p ON c.parent_span_id = p.span_id
  WHERE p.state <> 'open' AND c.state <> 'open' AND c.e <= p.e)
SELECT parent, child FROM ranked WHERE rn = 1`;
}

/** Span ids of one process where `predicate` (SQL over CTE `s`, $1 the process) holds. */
export function truthSelectedSql(predicate: string): string {
  return `WITH ${TRUTH_SPANS_CTE} SELECT span_id FROM s WHERE ${predicate} ORDER BY span_id`;
}

/**
 * Span-ns per time bucket over the capture (the timeline overview's numbers): $2 capture begin,
 * $3 capture end, $4 bucket count (edges begin + (k·(end − begin)) // count, integer division);
 * `predicate` over CTE `s` picks the spans, its own parameters from $5.
 */
export function truthBusySql(predicate = 'true'): string {
  return `WITH ${TRUTH_SPANS_CTE},
edges AS (SELECT k, $2::BIGINT + (k * ($3::BIGINT - $2::BIGINT)) // $4::BIGINT AS lo,
  $2::BIGINT + ((k + 1) * ($3::BIGINT - $2::BIGINT)) // $4::BIGINT AS hi FROM range(0, $4::BIGINT) t(k)),
kept AS (SELECT b, e FROM s WHERE ${predicate})
SELECT k, coalesce(sum(least(e, hi) - greatest(b, lo)) FILTER (WHERE kept.b IS NOT NULL), 0)::DOUBLE
  AS busy_ns -- least/greatest skip NULLs: an empty bucket's NULL row must not count
FROM edges LEFT JOIN kept ON kept.b < edges.hi AND kept.e > edges.lo
GROUP BY k ORDER BY k`;
}

/** A Node DuckDB shared by a test file's tests: opened before them, closed after them. */
export function fileDb(): { db: Db } {
  const shared = {} as { db: Db };
  beforeAll(async () => {
    shared.db = await openNodeDb();
  }, 60_000);
  afterAll(async () => {
    await shared.db?.close();
  });
  return shared;
}

/**
 * Inside a describe block: before its tests, the database holds `capture` alone, and `table` is
 * the span table of its process, read back through the app's query.
 */
export function capturedTable(shared: { db: Db }, capture: string) {
  const loaded = {} as { table: SpanTable; processId: string };
  beforeAll(async () => {
    await resetDb(shared.db);
    await loadFixture(shared.db, capture);
    loaded.processId = expectedSummary(capture).process_id;
    loaded.table = await loadSpanTable(shared.db, loaded.processId);
  }, 60_000);
  return loaded;
}
