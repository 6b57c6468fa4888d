// What is loaded, in counts: the status bar's totals and the list of processes. Bound
// parameters only; plain typed results. No React.
import type { Db } from '../db/db';

export interface CaptureStats {
  processes: number;
  streams: number;
  /** Streams tagged `cpu`: one lane per thread. */
  threads: number;
  blocks: number;
  /** Async begin + end events. */
  events: number;
  /** Distinct process + span id. */
  spans: number;
  openSpans: number;
  orphanEnds: number;
  migratedSpans: number;
}

// Counted on the keyed tables under the async_events and async_spans views (src/db/views.ts),
// which skips their joins: a span is open when it has begins and no end, an orphan end when it
// has no begin, migrated when its begin and end blocks are on different streams.
const STATS_SQL = `SELECT
  (SELECT count(*) FROM processes)::INTEGER AS processes,
  (SELECT count(*) FROM streams)::INTEGER AS streams,
  (SELECT count(*) FROM streams WHERE list_contains(tags, 'cpu'))::INTEGER AS threads,
  (SELECT count(*) FROM blocks)::INTEGER AS blocks,
  (SELECT count(*) FROM weft_events)::INTEGER AS events,
  spans.n::INTEGER AS spans, spans.open::INTEGER AS open_spans,
  spans.orphan::INTEGER AS orphan_ends,
  (SELECT count(*) FROM weft_spans s
    JOIN weft_blocks b ON b.block_key = s.begin_block
    JOIN weft_blocks e ON e.block_key = s.end_block
    WHERE b.stream_id <> e.stream_id)::INTEGER AS migrated_spans
FROM (SELECT count(*) AS n, count(*) FILTER (WHERE begins > 0 AND ends = 0) AS open,
  count(*) FILTER (WHERE begins = 0) AS orphan FROM weft_spans) spans`;

export async function captureStats(db: Db): Promise<CaptureStats> {
  const row = (await db.query(STATS_SQL)).get(0)!;
  return {
    processes: row.processes,
    streams: row.streams,
    threads: row.threads,
    blocks: row.blocks,
    events: row.events,
    spans: row.spans,
    openSpans: row.open_spans,
    orphanEnds: row.orphan_ends,
    migratedSpans: row.migrated_spans,
  };
}

export interface ProcessSummary {
  processId: string;
  exe: string;
  username: string;
  computer: string;
  /** Process start, epoch nanoseconds. */
  startNs: bigint;
  threads: number;
  events: number;
  spans: number;
}

const PROCESSES_SQL = `WITH
  t AS (SELECT process_id, count(*) AS n FROM streams WHERE list_contains(tags, 'cpu')
        GROUP BY process_id),
  e AS (SELECT process_id, sum(async_events) AS n FROM blocks GROUP BY process_id),
  s AS (SELECT k.process_id, n FROM weft_process_keys k
        JOIN (SELECT process_key, count(*) AS n FROM weft_spans GROUP BY process_key) USING (process_key))
SELECT p.process_id, coalesce(p.exe, '') AS exe, coalesce(p.username, '') AS username,
  coalesce(p.computer, '') AS computer, epoch_ns(p.start_time) AS start_ns,
  coalesce(t.n, 0)::INTEGER AS threads, coalesce(e.n, 0)::INTEGER AS events,
  coalesce(s.n, 0)::INTEGER AS spans
FROM processes p
LEFT JOIN t USING (process_id) LEFT JOIN e USING (process_id) LEFT JOIN s USING (process_id)
ORDER BY p.start_time, p.process_id`;

/** Loaded processes, oldest first. */
export async function listProcesses(db: Db): Promise<ProcessSummary[]> {
  const table = await db.query(PROCESSES_SQL);
  return table.toArray().map((row) => ({
    processId: row.process_id,
    exe: row.exe,
    username: row.username,
    computer: row.computer,
    startNs: BigInt(row.start_ns),
    threads: row.threads,
    events: row.events,
    spans: row.spans,
  }));
}

export interface SpanName {
  name: string;
  /** Spans of that name (complete, open and orphan ends). */
  spans: number;
}

// Counted per scope key first: the strings are joined to a few hundred rows, not to every span.
const NAMES_SQL = `WITH per_scope AS (
  SELECT scope_key, count(*) AS n FROM weft_spans
  WHERE process_key = (SELECT process_key FROM weft_process_keys WHERE process_id = $1)
  GROUP BY scope_key)
SELECT sc.name, sum(n)::INTEGER AS spans FROM per_scope JOIN weft_scopes sc USING (scope_key)
GROUP BY sc.name ORDER BY spans DESC, sc.name`;

/** Span names of a process, most frequent first. */
export async function spanNames(db: Db, processId: string): Promise<SpanName[]> {
  const table = await db.query(NAMES_SQL, [processId]);
  return table.toArray().map((row) => ({ name: row.name, spans: row.spans }));
}
