// The SQL console and the example queries over the small capture: exact rendering, row cap, and
// the four queries of micromegas' async-events integration tests with the right numbers.
import { beforeAll, describe, expect, test } from 'vitest';
import { formatEpochNs } from '../base/time';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { loadFixture } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { exampleQueries, sqlString } from './examples';
import { runSql } from './sql-console';
import { oracleEvents, oracleSpans } from './testing';

const SMALL = expectedSummary('small');
const PID = SMALL.process_id;

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
  await loadFixture(db, 'small');
});

describe('runSql', () => {
  test('renders 64/128-bit integers, decimals, timestamps and intervals exactly', async () => {
    const result = await runSql(
      db,
      `SELECT 9007199254740993::BIGINT AS big, sum(x) AS huge, -5::HUGEINT AS neg,
         1.25::DECIMAL(10, 2) AS dec, make_timestamp_ns(1795739420923452952) AS ts,
         interval '1 day 2 hours 3.5 seconds' AS iv, NULL::INTEGER AS nothing, 'a,b' AS text,
         DATE '2026-11-27' AS day, [1, 2] AS list
       FROM (VALUES (9007199254740993::BIGINT), (9007199254740993::BIGINT)) t(x)`,
    );
    expect(result.columns).toEqual([
      'big',
      'huge',
      'neg',
      'dec',
      'ts',
      'iv',
      'nothing',
      'text',
      'day',
      'list',
    ]);
    expect(result.rows).toEqual([
      [
        '9007199254740993',
        '18014398509481986',
        '-5',
        '1.25',
        '2026-11-27T00:30:20.923452952Z',
        '1 day 02:00:03.5',
        'NULL',
        'a,b',
        '2026-11-27',
        '[1,2]',
      ],
    ]);
  });

  test('event times render as the oracle time_ns', async () => {
    const result = await runSql(
      db,
      'SELECT time, epoch_ns(time) AS ns FROM async_events ORDER BY time, ticks, span_id',
    );
    const expected = oracleEvents('small')
      .map((e) => e.timeNs)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(result.rows.map((r) => r[1])).toEqual(expected.map(String));
    expect(result.rows.map((r) => r[0])).toEqual(expected.map(formatEpochNs));
  });

  test('caps the rows it renders and says so', async () => {
    const result = await runSql(db, 'SELECT * FROM range(2500)', { maxRows: 1000 });
    expect(result.rows.length).toBe(1000);
    expect(result.rowCount).toBe(2500);
    expect(result.truncated).toBe(true);
    expect(result.rows[999]).toEqual(['999']);
  });

  test('a Db without streaming gives the same result', async () => {
    const plain: Db = {
      query: (sql, params) => db.query(sql, params),
      insertIpc: (name, ipc) => db.insertIpc(name, ipc),
      close: async () => {},
    };
    const sql = 'SELECT i, i * 3 AS j FROM range(2500) t(i)';
    const streamed = await runSql(db, sql, { maxRows: 10 });
    const whole = await runSql(plain, sql, { maxRows: 10 });
    expect({ ...whole, elapsedMs: 0 }).toEqual({ ...streamed, elapsedMs: 0 });
    expect(streamed.rowCount).toBe(2500);
  });

  test('a bad query rejects with DuckDB message', async () => {
    await expect(runSql(db, 'SELECT nope FROM async_events')).rejects.toThrow(/nope/);
  });
});

function example(titleStart: string): string {
  const found = exampleQueries(PID).find((q) => q.title.startsWith(titleStart));
  if (!found) throw new Error(`no example ${titleStart}`);
  return found.sql;
}

describe('the upstream async-events queries', () => {
  test('basic query: ten events in time order with the upstream columns', async () => {
    const result = await runSql(db, example('Async events in time order'));
    expect(result.columns).toEqual([
      'stream_id',
      'block_id',
      'time',
      'event_type',
      'span_id',
      'parent_span_id',
      'depth',
      'name',
      'target',
      'filename',
      'line',
    ]);
    expect(result.rows.length).toBe(10);
    const first = oracleEvents('small').reduce((a, b) => (b.timeNs < a.timeNs ? b : a));
    expect(result.rows[0][2]).toBe(formatEpochNs(first.timeNs));
    expect(result.rows.every((r) => r[3] === 'begin' || r[3] === 'end')).toBe(true);
  });

  test('cross-stream analysis: begins per stream', async () => {
    const result = await runSql(db, example('Span begins per thread'));
    const perStream = new Map<string, number>();
    for (const e of oracleEvents('small')) {
      if (e.type === 'begin') perStream.set(e.streamId, (perStream.get(e.streamId) ?? 0) + 1);
    }
    const got = new Map(result.rows.map(([stream, n]) => [stream, Number(n)]));
    expect(got).toEqual(perStream);
    const counts = result.rows.map((r) => Number(r[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  test('parent-child relationships: pairs of begins linked by parent_span_id', async () => {
    const sql = example('Parent and child spans');
    const limited = await runSql(db, sql);
    expect(limited.rows.length).toBe(5);
    for (const row of limited.rows) expect(row[2]).toBe(row[3]);
    const all = await runSql(db, sql.replace('LIMIT 5;', ';'));
    const spans = [...oracleSpans('small').values()];
    const begun = new Set(spans.filter((s) => s.begin).map((s) => s.spanId));
    const pairs = spans.filter((s) => s.begin && begun.has(s.parentSpanId)).length;
    expect(all.rowCount).toBe(pairs);
  });

  test('duration analysis: the ten longest spans in ms', async () => {
    const result = await runSql(db, example('Longest spans in ms'));
    const durations = [...oracleSpans('small').values()]
      .map((s) => (s.end!.timeNs - s.begin!.timeNs) / 1_000_000n)
      .sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    expect(result.rows.map((r) => r[2])).toEqual(durations.slice(0, 10).map(String));
  });

  test("upstream's duration cast does not work in DuckDB (hence the documented form)", async () => {
    const upstream = example('Longest spans in ms').replace(
      '(epoch_ns(end_events.time) - epoch_ns(begin_events.time)) // 1000000',
      'CAST((end_events.time - begin_events.time) AS BIGINT) / 1000000',
    );
    await expect(runSql(db, upstream)).rejects.toThrow(/INTERVAL -> BIGINT/);
  });

  test('every example runs (small has no unfinished spans: one example is empty)', async () => {
    const counts = [];
    for (const q of exampleQueries(PID)) counts.push((await runSql(db, q.sql)).rowCount);
    expect(counts.filter((n) => n === 0).length).toBe(1);
  });

  test('a process id is quoted as a SQL literal', () => {
    expect(sqlString("x'); DROP TABLE t; --")).toBe("'x''); DROP TABLE t; --'");
  });
});

describe('view_instance errors', () => {
  const run = (set: string, id: string) =>
    runSql(db, `SELECT count(*) FROM view_instance(${sqlString(set)}, ${sqlString(id)})`);

  test('global, a non-UUID, another view set and an unknown process each say which', async () => {
    const loaded = `loaded processes: ${PID}`;
    await expect(run('async_events', 'global')).rejects.toThrow(`no global view`);
    await expect(run('async_events', 'global')).rejects.toThrow(loaded);
    await expect(run('async_events', 'abc')).rejects.toThrow(`'abc' is not a process id (a UUID)`);
    await expect(run('log_entries', PID)).rejects.toThrow(
      `view set 'log_entries' is not available`,
    );
    const unknown = '00000000-0000-0000-0000-000000000000';
    await expect(run('async_events', unknown)).rejects.toThrow(`process ${unknown} is not loaded`);
    await expect(run('async_events', unknown)).rejects.toThrow(loaded);
  });

  test('a loaded process gives its events', async () => {
    const result = await run('async_events', PID);
    expect(result.rows).toEqual([[String(SMALL.async_events_total)]]);
  });
});
