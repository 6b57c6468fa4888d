// The SQL console and the example queries over the small capture: exact rendering, row cap, and
// the four queries of micromegas' async-events integration tests with the right numbers.
import { beforeAll, describe, expect, test } from 'vitest';
import { formatEpochNs } from '../base/time';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { loadFixture } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { exampleQueries, sqlString } from './examples';
import { createRequire } from 'node:module';
import { tableFromIPC } from 'apache-arrow';
import { formatDbError, renderedRows, runSql, sqlResultParquet } from './sql-console';
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
    expect(renderedRows(result)).toEqual([
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
    expect(renderedRows(result).map((r) => r[1])).toEqual(expected.map(String));
    expect(renderedRows(result).map((r) => r[0])).toEqual(expected.map(formatEpochNs));
  });

  test('caps the rows it renders and says so', async () => {
    const result = await runSql(db, 'SELECT * FROM range(2500)', { maxRows: 1000 });
    expect(renderedRows(result).length).toBe(1000);
    expect(result.rowCount).toBe(2500);
    expect(result.truncated).toBe(true);
    expect(renderedRows(result)[999]).toEqual(['999']);
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
    expect(renderedRows(whole)).toEqual(renderedRows(streamed));
    expect([whole.rowCount, whole.keptRows, whole.columns]).toEqual([
      streamed.rowCount,
      streamed.keptRows,
      streamed.columns,
    ]);
    expect(streamed.rowCount).toBe(2500);
  });

  test('keeps every row of a large result, rendered when asked', async () => {
    const result = await runSql(db, 'SELECT i, i * 2 AS j FROM range(1000000) t(i)');
    expect([result.rowCount, result.keptRows, result.truncated]).toEqual([1e6, 1e6, false]);
    expect(result.rowAt(999_999)).toEqual(['999999', '1999998']);
    expect(result.rowAt(123_457)).toEqual(['123457', '246914']);
  });

  test("cannot change weft's tables: DROP fails, one statement only, writes roll back", async () => {
    const count = () => db.query('SELECT count(*)::INTEGER AS n FROM async_spans');
    const before = Number((await count()).get(0)!.n);
    await expect(runSql(db, 'DROP VIEW async_spans')).rejects.toThrow(/read-only: DROP/);
    await expect(runSql(db, '/* x */ delete from weft_spans')).rejects.toThrow(/read-only: DELETE/);
    await expect(runSql(db, 'SELECT 1; DROP VIEW async_spans')).rejects.toThrow(/multiple/);
    await expect(runSql(db, 'EXPLAIN ANALYZE DROP VIEW async_spans')).rejects.toThrow(/read-only/);
    await runSql(db, 'WITH d AS (SELECT 1) DELETE FROM weft_spans').catch(() => null);
    expect(Number((await count()).get(0)!.n)).toBe(before);
    expect(before).toBeGreaterThan(0);
    const ok = await runSql(db, '-- a comment\n(SELECT 42 AS answer)');
    expect(renderedRows(ok)).toEqual([['42']]);
  });

  test('a result as Parquet reads back to the same rows', async () => {
    const sql = 'SELECT span_id, name, begin_time FROM async_spans ORDER BY span_id';
    const bytes = await sqlResultParquet(db, sql);
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
    const parquet = createRequire(import.meta.url)('parquet-wasm/node');
    const back = tableFromIPC(parquet.readParquet(bytes).intoIPCStream());
    const shown = renderedRows(await runSql(db, sql));
    expect(back.numRows).toBe(shown.length);
    const ids = back.getChild('span_id')!.toArray() as BigInt64Array;
    expect([...ids].map(String)).toEqual(shown.map((r) => r[0]));
    await expect(sqlResultParquet(db, 'DROP VIEW async_spans')).rejects.toThrow(/read-only/);
  });

  test('parser errors read like the others, not as JSON', () => {
    const json =
      '{"exception_type":"Parser","exception_message":"syntax error at or near \\"SELEC\\"","position":"0","error_subtype":"SYNTAX_ERROR"}';
    expect(formatDbError(new Error(json))).toBe(
      'Parser Error: syntax error at or near "SELEC" (at character 1)',
    );
    expect(formatDbError(new Error('Binder Error: x'))).toBe('Binder Error: x');
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
    expect(renderedRows(result).length).toBe(10);
    const first = oracleEvents('small').reduce((a, b) => (b.timeNs < a.timeNs ? b : a));
    expect(renderedRows(result)[0][2]).toBe(formatEpochNs(first.timeNs));
    expect(renderedRows(result).every((r) => r[3] === 'begin' || r[3] === 'end')).toBe(true);
  });

  test('cross-stream analysis: begins per stream', async () => {
    const result = await runSql(db, example('Span begins per thread'));
    const perStream = new Map<string, number>();
    for (const e of oracleEvents('small')) {
      if (e.type === 'begin') perStream.set(e.streamId, (perStream.get(e.streamId) ?? 0) + 1);
    }
    const got = new Map(renderedRows(result).map(([stream, n]) => [stream, Number(n)]));
    expect(got).toEqual(perStream);
    const counts = renderedRows(result).map((r) => Number(r[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  test('parent-child relationships: pairs of begins linked by parent_span_id', async () => {
    const sql = example('Parent and child spans');
    const limited = await runSql(db, sql);
    expect(renderedRows(limited).length).toBe(5);
    for (const row of renderedRows(limited)) expect(row[2]).toBe(row[3]);
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
    expect(renderedRows(result).map((r) => r[2])).toEqual(durations.slice(0, 10).map(String));
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
    expect(renderedRows(result)).toEqual([[String(SMALL.async_events_total)]]);
  });
});
