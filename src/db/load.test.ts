// Golden tests of the whole data layer on the real captures: files → ingest scheduler (pool of
// in-process workers finishing out of order) → DuckDB, compared with micromegas' oracle rows.
import { beforeAll, describe, expect, test } from 'vitest';
import { csvField } from '../decode/csv';
import { expectedCsvLines, expectedSummary } from '../decode/testing';
import type { Db } from './db';
import { openNodeDb } from './node-db';
import { loadFixture, rows, scalar } from './testing';

const GOLDEN = ['small', 'unclosed', 'mixed', 'medium'] as const;

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});

describe('view_instance before anything is loaded', () => {
  test('names the problem even though the tables are empty', async () => {
    await expect(db.query("SELECT * FROM view_instance('async_events', 'global')")).rejects.toThrow(
      /async_events has no global view.*loaded processes: none/,
    );
    await expect(
      db.query(
        "SELECT count(*) FROM view_instance('async_events', '67e2be2d-1587-49ec-8807-d4f58bdcfd3a')",
      ),
    ).rejects.toThrow(
      /process 67e2be2d-1587-49ec-8807-d4f58bdcfd3a is not loaded; loaded processes: none/,
    );
  });
});

/**
 * The oracle's CSV lines, rebuilt from the database in the oracle's row order (within a block,
 * the oracle's events are in strictly increasing ticks).
 */
async function csvFromDb(processId: string): Promise<string[]> {
  const table = await db.query(
    `SELECT e.stream_id, e.block_id, epoch_ns(e.time) AS time_ns, e.ticks, e.event_type,
       e.span_id, e.parent_span_id, e.depth, e.hash, e.name, e.filename, e.target, e.line
     FROM async_events e JOIN blocks b USING (block_id)
     WHERE e.process_id = $1 ORDER BY e.stream_id, b.object_offset, e.ticks`,
    [processId],
  );
  return table
    .toArray()
    .map((r) =>
      [
        ...[r.stream_id, r.block_id].map(csvField),
        ...[r.time_ns, r.ticks, r.event_type, r.span_id, r.parent_span_id, r.depth, r.hash].map(
          String,
        ),
        ...[r.name, r.filename, r.target].map(csvField),
        String(r.line),
      ].join(','),
    );
}

/** Oracle durations of complete spans: span id → end time_ns − begin time_ns. */
function oracleDurations(name: string): Map<string, bigint> {
  const begins = new Map<string, bigint>();
  const out = new Map<string, bigint>();
  const lines = expectedCsvLines(name).slice(1);
  for (const line of lines) {
    const [, , timeNs, , type, spanId] = line.split(',');
    if (type === 'begin') begins.set(spanId, BigInt(timeNs));
  }
  for (const line of lines) {
    const [, , timeNs, , type, spanId] = line.split(',');
    const begin = begins.get(spanId);
    if (type === 'end' && begin !== undefined) out.set(spanId, BigInt(timeNs) - begin);
  }
  return out;
}

describe('golden captures loaded together', () => {
  beforeAll(async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) % 5) / 2; // 0..2 ms, repeatable
    for (const name of GOLDEN) {
      const { summary, events } = await loadFixture(db, name, { workers: 3, delayMs: random });
      expect(summary.rejected).toEqual([]);
      expect(summary.waiting).toEqual([]);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
    }
  });

  test.each(GOLDEN)('%s: row counts equal the summary', async (name) => {
    const s = expectedSummary(name);
    const pid = s.process_id;
    const count = (table: string) =>
      scalar(db, `SELECT count(*) FROM ${table} WHERE process_id = $1`, [pid]);
    expect(await count('processes')).toBe(1);
    expect(await count('streams')).toBe(s.streams_total);
    expect(await count('blocks')).toBe(s.blocks_total);
    expect(await count('async_events')).toBe(s.async_events_total);
    expect(await count('async_spans')).toBe(s.distinct_span_ids);
    const cpu = await scalar(
      db,
      "SELECT count(*) FROM streams WHERE process_id = $1 AND list_contains(tags, 'cpu')",
      [pid],
    );
    expect(cpu).toBe(s.streams_by_tag.cpu);
  });

  test.each(GOLDEN)('%s: span states and migrations equal the summary', async (name) => {
    const s = expectedSummary(name);
    const states = await rows(
      db,
      `SELECT state, count(*)::INTEGER AS n, count(*) FILTER (WHERE migrated)::INTEGER AS migrated
       FROM async_spans WHERE process_id = $1 GROUP BY state ORDER BY state`,
      [s.process_id],
    );
    const byState = Object.fromEntries(states.map((r) => [r.state, r.n]));
    const complete = s.distinct_span_ids - s.begins_without_end - s.ends_without_begin;
    expect(byState.complete).toBe(complete);
    expect(byState.open ?? 0).toBe(s.begins_without_end);
    expect(byState.orphan_end ?? 0).toBe(s.ends_without_begin);
    const migrated = states.reduce((n, r) => n + Number(r.migrated), 0);
    expect(migrated).toBe(s.spans_begin_and_end_in_different_streams);
  });

  test.each(GOLDEN)('%s: every row equals the oracle, time_ns exactly', async (name) => {
    const expected = expectedCsvLines(name);
    const actual = await csvFromDb(expectedSummary(name).process_id);
    expect(actual.length).toBe(expected.length - 1);
    expect(actual).toEqual(expected.slice(1));
  });

  test.each(GOLDEN)('%s: durations equal end − begin of the oracle rows', async (name) => {
    const expected = oracleDurations(name);
    const actual = await rows(
      db,
      `SELECT span_id, duration_ns, begin_stream_id <> end_stream_id AS moved, migrated
       FROM async_spans WHERE process_id = $1 AND state = 'complete'`,
      [expectedSummary(name).process_id],
    );
    expect(actual.length).toBe(expected.size);
    const wrong = actual.filter(
      (r) => r.duration_ns !== expected.get(String(r.span_id)) || r.migrated !== r.moved,
    );
    expect(wrong).toEqual([]);
  });
});
