// Loads one process's SpanTable (src/model/span-table.ts) from async_spans, columnar: Arrow
// vectors become typed arrays, strings come once per distinct value, no object per span. Times
// are relative to the process start; open spans end at the capture's last event, orphan ends
// begin at its first. Rows sorted by beginNs, then spanId. Names and locations are numbered in
// JS from each span's scope hash (a string join over 1.76M spans costs seconds); a hash shared by
// two scopes falls back to reading the strings. No React.
import type { Table } from 'apache-arrow';
import type { Db } from '../db/db';
import type { SpanTable, ThreadInfo } from '../model/span-table';

const ORDER = 'ORDER BY begin_ns, s.span_id';

// $1 process id; $2, $3 relative times of the capture's first and last event (ns).
const SPANS_SQL = `WITH
  origin AS (SELECT epoch_ns(start_time) AS ns FROM processes WHERE process_id = $1),
  threads AS (SELECT list(stream_id ORDER BY thread_name NULLS LAST, stream_id) AS ids
    FROM streams WHERE process_id = $1 AND list_contains(tags, 'cpu'))
SELECT s.span_id, s.parent_span_id,
  coalesce((epoch_ns(s.begin_time) - origin.ns)::DOUBLE, $2::DOUBLE) AS begin_ns,
  coalesce((epoch_ns(s.end_time) - origin.ns)::DOUBLE, $3::DOUBLE) AS end_ns,
  (CASE s.state WHEN 'complete' THEN 0 WHEN 'open' THEN 1 ELSE 2 END)::UTINYINT AS state,
  s.depth, s.hash,
  (coalesce(list_position(threads.ids, s.begin_stream_id), 0) - 1)::INTEGER AS begin_thread,
  (coalesce(list_position(threads.ids, s.end_stream_id), 0) - 1)::INTEGER AS end_thread
FROM async_spans s, origin, threads
WHERE s.process_id = $1 ${ORDER}`;

/** The scope strings of each span, in the same order (only when scope hashes collide). */
const SCOPE_STRINGS_SQL = `WITH
  origin AS (SELECT epoch_ns(start_time) AS ns FROM processes WHERE process_id = $1)
SELECT s.name, s.filename, s.line, s.target,
  coalesce((epoch_ns(s.begin_time) - origin.ns)::DOUBLE, $2::DOUBLE) AS begin_ns
FROM async_spans s, origin WHERE s.process_id = $1 ${ORDER}`;

const SCOPES_SQL = `SELECT DISTINCT hash, name, filename, line, target FROM async_spans
WHERE process_id = $1`;

const THREADS_SQL = `SELECT stream_id, thread_name FROM streams
WHERE process_id = $1 AND list_contains(tags, 'cpu') ORDER BY thread_name NULLS LAST, stream_id`;

const ORIGIN_SQL = `SELECT epoch_ns(p.start_time) AS origin_ns,
  coalesce(epoch_ns(min(e.time)) - epoch_ns(p.start_time), 0)::DOUBLE AS first_rel_ns,
  coalesce(epoch_ns(max(e.time)) - epoch_ns(p.start_time), 0)::DOUBLE AS last_rel_ns
FROM processes p LEFT JOIN async_events e ON e.process_id = p.process_id
WHERE p.process_id = $1 GROUP BY p.start_time`;

type Location = SpanTable['locations'][number];

interface Scope extends Location {
  name: string;
}

function column<T>(table: Table, name: string): T {
  return table.getChild(name)!.toArray() as T;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const locationKey = (l: Location) => `${l.filename}\u0000${l.line}\u0000${l.target}`;

/** Sorted distinct names and locations, and each scope's indices into them. */
class ScopeDictionary {
  readonly names: string[];
  readonly locations: Location[];
  private readonly nameIndex: Map<string, number>;
  private readonly locationIndex: Map<string, number>;

  constructor(scopes: Scope[]) {
    this.names = [...new Set(scopes.map((s) => s.name))].sort(byText);
    const locations = new Map(scopes.map((s) => [locationKey(s), s] as const));
    const keys = [...locations.keys()].sort(byText);
    this.locations = keys.map((k) => {
      const { filename, line, target } = locations.get(k)!;
      return { filename, line, target };
    });
    this.nameIndex = new Map(this.names.map((n, i) => [n, i]));
    this.locationIndex = new Map(keys.map((k, i) => [k, i]));
  }

  /** Undefined for a scope the dictionary was not built from. */
  indices(scope: Scope): [number, number] | undefined {
    const name = this.nameIndex.get(scope.name);
    const location = this.locationIndex.get(locationKey(scope));
    return name === undefined || location === undefined ? undefined : [name, location];
  }
}

async function readScopes(db: Db, processId: string): Promise<Map<number, Scope> | Scope[]> {
  const rows = (await db.query(SCOPES_SQL, [processId])).toArray();
  const scopes: Scope[] = rows.map((r) => ({
    name: String(r.name),
    filename: String(r.filename),
    line: Number(r.line),
    target: String(r.target),
  }));
  const byHash = new Map<number, Scope>();
  rows.forEach((r, i) => byHash.set(Number(r.hash), scopes[i]));
  return byHash.size === scopes.length ? byHash : scopes; // a list: two scopes share a hash
}

/** Name and location index per span, from its scope hash (or its strings on a collision). */
async function scopeIndices(db: Db, processId: string, firstNs: number, hashes: Uint32Array) {
  const scopes = await readScopes(db, processId);
  const dictionary = new ScopeDictionary(scopes instanceof Map ? [...scopes.values()] : scopes);
  const nameIndex = new Uint32Array(hashes.length);
  const locationIndex = new Uint32Array(hashes.length);
  const missing = () => {
    // The dictionary and the spans are read by separate statements: a load in between can
    // bring scopes the dictionary lacks.
    throw new Error('the spans changed while the span table was read');
  };
  if (scopes instanceof Map) {
    const byHash = new Map([...scopes].map(([hash, scope]) => [hash, dictionary.indices(scope)]));
    for (let i = 0; i < hashes.length; i++) {
      const found = byHash.get(hashes[i]) ?? missing();
      nameIndex[i] = found[0];
      locationIndex[i] = found[1];
    }
  } else {
    const strings = (await db.query(SCOPE_STRINGS_SQL, [processId, firstNs])).toArray();
    if (strings.length !== hashes.length) missing();
    strings.forEach((r, i) => {
      [nameIndex[i], locationIndex[i]] = dictionary.indices(r.toJSON() as Scope) ?? missing();
    });
  }
  return { names: dictionary.names, locations: dictionary.locations, nameIndex, locationIndex };
}

async function readThreads(db: Db, processId: string): Promise<ThreadInfo[]> {
  return (await db.query(THREADS_SQL, [processId])).toArray().map((r) => ({
    streamId: String(r.stream_id),
    name: r.thread_name ?? String(r.stream_id).slice(0, 8),
  }));
}

/** The span table of one process; an unknown process gives an empty table. */
export async function loadSpanTable(db: Db, processId: string): Promise<SpanTable> {
  const origin = (await db.query(ORIGIN_SQL, [processId])).get(0);
  const captureBeginNs = origin ? Number(origin.first_rel_ns) : 0;
  const captureEndNs = origin ? Number(origin.last_rel_ns) : 0;
  const threads = await readThreads(db, processId);
  const spans = await db.query(SPANS_SQL, [processId, captureBeginNs, captureEndNs]);
  const hashes = column<Uint32Array>(spans, 'hash');
  const scopes = await scopeIndices(db, processId, captureBeginNs, hashes);
  return {
    length: spans.numRows,
    originNs: origin ? BigInt(origin.origin_ns) : 0n,
    captureBeginNs,
    captureEndNs,
    spanId: column(spans, 'span_id'),
    parentSpanId: column(spans, 'parent_span_id'),
    beginNs: column(spans, 'begin_ns'),
    endNs: column(spans, 'end_ns'),
    state: column(spans, 'state'),
    depth: column(spans, 'depth'),
    ...scopes,
    beginThread: column(spans, 'begin_thread'),
    endThread: column(spans, 'end_thread'),
    threads,
  };
}
