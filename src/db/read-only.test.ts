// The shared read-only rule (base/read-only-sql.ts) against DuckDB itself: it splits statements
// where DuckDB's parser does (nested comments, E'' and $$ strings, `$` in names), and weft serve's
// query connection rolls back whatever a query did, whether or not the rule let it through.
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlStatements } from '../base/read-only-sql';
import { openAnalyticsDb, type AnalyticsDb } from './analytics-db';
import { instantiateBlocking, type BlockingConnection } from './node-db';

/** 1 when DuckDB prepares `sql` as one statement, 'several' when it refuses several. */
function duckdbStatements(conn: BlockingConnection, sql: string): 1 | 'several' {
  try {
    conn.prepare(sql).close();
    return 1;
  } catch (error) {
    if (/multiple|more than one/i.test(String(error))) return 'several';
    throw error;
  }
}

describe('statements split as DuckDB splits them', () => {
  let conn: BlockingConnection;
  beforeAll(async () => {
    conn = (await instantiateBlocking()).connect();
  });

  it.each([
    'SELECT 1 /* /* nested */ ; SELECT 2; */',
    "SELECT 1 /* /* */ ' */ ; SELECT 2; --'",
    'SELECT a$$ FROM (SELECT 1 AS "a$$"); SELECT 2; --$$',
    "SELECT E'\\''; SELECT 2; --'",
    "SELECT 'a\\'; SELECT 2; --'",
    'SELECT $q$ ; SELECT 2 $q$',
    'SELECT "x;" FROM (SELECT 1 AS "x;")',
    "SELECT 'it''s; SELECT 2' AS s",
    'SELECT 1 -- ; SELECT 2\n',
  ])('%s', (sql) => {
    const ours = sqlStatements(sql);
    if (!Array.isArray(ours)) throw new Error(`unterminated ${ours.unterminated}`);
    expect(ours.length === 1 ? 1 : 'several').toBe(duckdbStatements(conn, sql));
  });
});

describe("weft serve's query connection", () => {
  let db: AnalyticsDb;
  beforeAll(async () => {
    db = await openAnalyticsDb();
  });
  const rows = (sql: string) => {
    const chunks = [...db.run(sql, {})];
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    return tableFromIPC(bytes)
      .toArray()
      .map((r) => r.toJSON());
  };

  it('rolls back what a query wrote, even one the rule would refuse', () => {
    const made = "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'made'";
    expect(rows(made)).toEqual([{ n: 0 }]);
    rows('CREATE TABLE made AS SELECT 1 AS x');
    expect(rows(made)).toEqual([{ n: 0 }]);
    const blocks = 'SELECT count(*)::INTEGER AS n FROM mm_blocks';
    const before = rows(blocks);
    rows("INSERT INTO mm_blocks (block_id) VALUES ('b')");
    expect(rows(blocks)).toEqual(before);
  });
});
