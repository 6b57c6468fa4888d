// Loads one process's SpanTable (src/model/span-table.ts) from async_spans, columnar: Arrow
// vectors become typed arrays, strings come once per distinct value, no object per span. Times
// are relative to the process start; open spans end at the capture's last event, orphan ends
// begin at its first. Rows sorted by beginNs, then spanId. No React.
import type { Table } from 'apache-arrow';
import type { Db } from '../db/db';
import type { SpanTable, ThreadInfo } from '../model/span-table';

// $1 = process id. Dictionaries are numbered in the same order by the lists below.
const DICTIONARIES = `
  names AS (SELECT name, (row_number() OVER (ORDER BY name) - 1)::UINTEGER AS i
    FROM (SELECT DISTINCT name FROM async_spans WHERE process_id = $1)),
  locations AS (SELECT filename, line, target,
    (row_number() OVER (ORDER BY filename, line, target) - 1)::UINTEGER AS i
    FROM (SELECT DISTINCT filename, line, target FROM async_spans WHERE process_id = $1)),
  threads AS (SELECT stream_id, thread_name,
    (row_number() OVER (ORDER BY thread_name NULLS LAST, stream_id) - 1)::INTEGER AS i
    FROM streams WHERE process_id = $1 AND list_contains(tags, 'cpu'))`;

const SPANS_SQL = `WITH ${DICTIONARIES},
  bounds AS (SELECT epoch_ns(min(time)) AS lo, epoch_ns(max(time)) AS hi
    FROM async_events WHERE process_id = $1),
  origin AS (SELECT epoch_ns(start_time) AS ns FROM processes WHERE process_id = $1)
SELECT s.span_id, s.parent_span_id,
  coalesce((coalesce(epoch_ns(s.begin_time), bounds.lo) - origin.ns)::DOUBLE, 0) AS begin_ns,
  coalesce((coalesce(epoch_ns(s.end_time), bounds.hi) - origin.ns)::DOUBLE, 0) AS end_ns,
  (CASE s.state WHEN 'complete' THEN 0 WHEN 'open' THEN 1 ELSE 2 END)::UTINYINT AS state,
  s.depth, names.i AS name_index, locations.i AS location_index,
  coalesce(tb.i, -1)::INTEGER AS begin_thread, coalesce(te.i, -1)::INTEGER AS end_thread
FROM async_spans s CROSS JOIN bounds CROSS JOIN origin
JOIN names ON names.name = s.name
JOIN locations ON locations.filename = s.filename AND locations.line = s.line
  AND locations.target = s.target
LEFT JOIN threads tb ON tb.stream_id = s.begin_stream_id
LEFT JOIN threads te ON te.stream_id = s.end_stream_id
WHERE s.process_id = $1
ORDER BY begin_ns, s.span_id`;

const NAMES_SQL = `WITH ${DICTIONARIES} SELECT name FROM names ORDER BY i`;
const LOCATIONS_SQL = `WITH ${DICTIONARIES} SELECT filename, line, target FROM locations ORDER BY i`;
const THREADS_SQL = `WITH ${DICTIONARIES} SELECT stream_id, thread_name FROM threads ORDER BY i`;
const ORIGIN_SQL = `SELECT epoch_ns(p.start_time) AS origin_ns,
  coalesce(epoch_ns(min(e.time)) - epoch_ns(p.start_time), 0)::DOUBLE AS first_rel_ns,
  coalesce(epoch_ns(max(e.time)) - epoch_ns(p.start_time), 0)::DOUBLE AS last_rel_ns
FROM processes p LEFT JOIN async_events e ON e.process_id = p.process_id
WHERE p.process_id = $1 GROUP BY p.start_time`;

function column<T>(table: Table, name: string): T {
  return table.getChild(name)!.toArray() as T;
}

async function dictionaries(db: Db, processId: string) {
  const names = (await db.query(NAMES_SQL, [processId])).toArray().map((r) => String(r.name));
  const locations = (await db.query(LOCATIONS_SQL, [processId])).toArray().map((r) => ({
    filename: String(r.filename),
    line: Number(r.line),
    target: String(r.target),
  }));
  const threads: ThreadInfo[] = (await db.query(THREADS_SQL, [processId])).toArray().map((r) => ({
    streamId: r.stream_id,
    name: r.thread_name ?? String(r.stream_id).slice(0, 8),
  }));
  return { names, locations, threads };
}

function checkIndices(indices: Uint32Array, size: number, what: string): void {
  for (let i = 0; i < indices.length; i++) {
    // The dictionaries and the spans are read by separate statements: a load in between
    // could renumber them.
    if (indices[i] >= size) throw new Error(`${what} changed while the span table was read`);
  }
}

/** The span table of one process; an unknown process gives an empty table. */
export async function loadSpanTable(db: Db, processId: string): Promise<SpanTable> {
  const origin = (await db.query(ORIGIN_SQL, [processId])).get(0);
  const dict = await dictionaries(db, processId);
  const spans = await db.query(SPANS_SQL, [processId]);
  const nameIndex = column<Uint32Array>(spans, 'name_index');
  const locationIndex = column<Uint32Array>(spans, 'location_index');
  checkIndices(nameIndex, dict.names.length, 'span names');
  checkIndices(locationIndex, dict.locations.length, 'span locations');
  return {
    length: spans.numRows,
    originNs: origin ? BigInt(origin.origin_ns) : 0n,
    captureBeginNs: origin ? Number(origin.first_rel_ns) : 0,
    captureEndNs: origin ? Number(origin.last_rel_ns) : 0,
    spanId: column(spans, 'span_id'),
    parentSpanId: column(spans, 'parent_span_id'),
    beginNs: column(spans, 'begin_ns'),
    endNs: column(spans, 'end_ns'),
    state: column(spans, 'state'),
    depth: column(spans, 'depth'),
    nameIndex,
    names: dict.names,
    locationIndex,
    locations: dict.locations,
    beginThread: column(spans, 'begin_thread'),
    endThread: column(spans, 'end_thread'),
    threads: dict.threads,
  };
}
