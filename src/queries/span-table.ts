// Loads one process's SpanTable (src/model/span-table.ts) from weft_spans (src/db/schema.ts) in
// one columnar query of integers and doubles: Arrow vectors become typed arrays, no object per
// span. Times are relative to the process start, computed from raw ticks as the async_spans view
// computes them; open spans end at the capture's last event, orphan ends begin at its first.
// Rows sorted by beginNs, then spanId. Names, locations and threads come from the small keyed
// tables and are mapped to each span in JS through its scope and block keys. No React.
import type { Table } from 'apache-arrow';
import type { Db } from '../db/db';
import type { SpanTable, ThreadInfo } from '../model/span-table';
import { numberScopes, type ScopeText } from './scope-dictionary';

// $1 process id. The capture's first and last event, from each block's range of ticks.
const CLOCK_SQL = `SELECT epoch_ns(p.start_time) AS origin_ns,
  coalesce(weft_ns(min(b.first_ticks), c.start_ticks, c.ns_per_tick), 0)::DOUBLE AS first_rel_ns,
  coalesce(weft_ns(max(b.last_ticks), c.start_ticks, c.ns_per_tick), 0)::DOUBLE AS last_rel_ns
FROM processes p
LEFT JOIN weft_clock c USING (process_id)
LEFT JOIN weft_blocks b ON b.process_key = c.process_key
WHERE p.process_id = $1
GROUP BY p.start_time, c.start_ticks, c.ns_per_tick`;

// $1 process id; $2, $3 relative times of the capture's first and last event (ns).
const SPANS_SQL = `SELECT s.span_id, s.parent_span_id,
  coalesce(CASE WHEN s.begins > 0 THEN weft_ns(s.begin_ticks, c.start_ticks, c.ns_per_tick) END
    ::DOUBLE, $2::DOUBLE) AS begin_ns,
  coalesce(CASE WHEN s.ends > 0 THEN weft_ns(s.end_ticks, c.start_ticks, c.ns_per_tick) END
    ::DOUBLE, $3::DOUBLE) AS end_ns,
  (CASE WHEN s.begins > 0 AND s.ends > 0 THEN 0 WHEN s.begins > 0 THEN 1 ELSE 2 END)::UTINYINT
    AS state,
  s.depth, s.scope_key, s.begin_block, s.end_block
FROM weft_spans s JOIN weft_clock c USING (process_key)
WHERE c.process_id = $1 AND c.start_ns IS NOT NULL
ORDER BY begin_ns, s.span_id`;

const SCOPES_SQL = `SELECT scope_key, name, filename, line, target FROM weft_scopes`;

const BLOCKS_SQL = `SELECT block_key, stream_id FROM weft_blocks WHERE process_id = $1`;

const THREADS_SQL = `SELECT stream_id, thread_name FROM streams
WHERE process_id = $1 AND list_contains(tags, 'cpu') ORDER BY thread_name NULLS LAST, stream_id`;

function column<T>(table: Table, name: string): T {
  return table.getChild(name)!.toArray() as T;
}

/** Name and location index per span, from its scope key. */
async function scopeIndices(db: Db, scopeKey: Int32Array) {
  const scopes: (ScopeText | undefined)[] = [];
  for (const r of (await db.query(SCOPES_SQL)).toArray()) {
    scopes[r.scope_key] = {
      name: String(r.name),
      filename: String(r.filename),
      line: Number(r.line),
      target: String(r.target),
    };
  }
  return numberScopes(scopes, scopeKey);
}

async function readThreads(db: Db, processId: string): Promise<ThreadInfo[]> {
  return (await db.query(THREADS_SQL, [processId])).toArray().map((r) => ({
    streamId: String(r.stream_id),
    name: r.thread_name ?? String(r.stream_id).slice(0, 8),
  }));
}

/** Thread index of the stream holding each span's begin and end (-1 when none). */
async function threadIndices(db: Db, processId: string, threads: ThreadInfo[], spans: Table) {
  const blocks = (await db.query(BLOCKS_SQL, [processId])).toArray();
  const threadOf = new Map(threads.map((t, i) => [t.streamId, i]));
  const size = blocks.reduce((max, b) => Math.max(max, Number(b.block_key) + 1), 0);
  const threadOfBlock = new Int32Array(size).fill(-1);
  for (const b of blocks) threadOfBlock[b.block_key] = threadOf.get(String(b.stream_id)) ?? -1;
  const map = (name: string) => {
    const keys = column<Int32Array>(spans, name);
    const out = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key >= size) throw new Error('the spans changed while the span table was read');
      out[i] = key < 0 ? -1 : threadOfBlock[key];
    }
    return out;
  };
  return { beginThread: map('begin_block'), endThread: map('end_block') };
}

/** The span table of one process; an unknown process gives an empty table. */
export async function loadSpanTable(db: Db, processId: string): Promise<SpanTable> {
  const clock = (await db.query(CLOCK_SQL, [processId])).get(0);
  const captureBeginNs = clock ? Number(clock.first_rel_ns) : 0;
  const captureEndNs = clock ? Number(clock.last_rel_ns) : 0;
  const spans = await db.query(SPANS_SQL, [processId, captureBeginNs, captureEndNs]);
  const threads = await readThreads(db, processId);
  return {
    length: spans.numRows,
    originNs: clock ? BigInt(clock.origin_ns) : 0n,
    captureBeginNs,
    captureEndNs,
    spanId: column(spans, 'span_id'),
    parentSpanId: column(spans, 'parent_span_id'),
    beginNs: column(spans, 'begin_ns'),
    endNs: column(spans, 'end_ns'),
    state: column(spans, 'state'),
    depth: column(spans, 'depth'),
    ...(await scopeIndices(db, column(spans, 'scope_key'))),
    ...(await threadIndices(db, processId, threads, spans)),
    threads,
  };
}
