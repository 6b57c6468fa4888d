import { describe, expect, it } from 'vitest';
import { sqlRefusal } from './read-only-sql';

const refused = (sql: string) => sqlRefusal(sql);

describe('one read-only query (the console and weft serve)', () => {
  it.each([
    'SELECT CASE WHEN x THEN 1 END',
    'SELECT CASE WHEN (x) THEN (1) ELSE (2) END AS y FROM t',
    "SELECT 'DELETE FROM t; DROP TABLE u' AS s",
    "SELECT 'it''s; DELETE' AS s",
    "SELECT E'it\\'s; DROP TABLE t' AS s",
    'SELECT $$ ; DROP TABLE t $$, $q$ $$ ; INSERT $q$',
    'SELECT "end", "END", "delete" FROM t',
    'SELECT 1 AS "end"; ',
    'SELECT "a"";DROP" FROM t',
    '-- a comment; DROP TABLE t\n(SELECT 42 AS answer)',
    'SELECT 1 /* /* nested */ ; DROP TABLE t; */',
    'WITH d AS (SELECT 1) SELECT * FROM d',
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) FROM r',
    'WITH a AS (SELECT 1), "b" AS NOT MATERIALIZED (VALUES (2)) (SELECT * FROM a, b)',
    'SELECT * FROM (WITH a AS (SELECT 1) SELECT * FROM a) x',
    'SELECT * FROM unnest([1, 2]) WITH ORDINALITY',
    'EXPLAIN ANALYZE SELECT 1',
    'SELECT * REPLACE (1 AS a), replace(name, $1, $name), start, load FROM t',
    'SELECT a$$ FROM t',
    'FROM t SELECT a',
    '(SELECT 1) UNION (SELECT 2)',
    'DESCRIBE async_spans',
  ])('passes %s', (sql) => expect(refused(sql)).toBeNull());

  it.each([
    ['WITH x AS (SELECT 1) DELETE FROM t', 'DELETE'],
    ['WITH a AS (SELECT 1), b AS MATERIALIZED (SELECT 2) INSERT INTO t SELECT 1', 'INSERT'],
    ['WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x', 'DELETE'],
    ['SELECT * FROM (WITH a AS (SELECT 1) UPDATE t SET x = 1)', 'UPDATE'],
    ["COPY t TO 'x.csv'", 'COPY'],
    ["COPY (SELECT 1) TO '/tmp/x.csv'", 'COPY'],
    ["ATTACH 'x.db' AS x", 'ATTACH'],
    ['INSTALL httpfs', 'INSTALL'],
    ['PRAGMA version', 'PRAGMA'],
    ["SET memory_limit = '1GB'", 'SET'],
    ['SET lock_configuration = false', 'SET'],
    ['/* x */ delete from weft_spans', 'DELETE'],
    ['(DELETE FROM t)', 'DELETE'],
    ['EXPLAIN ANALYZE DROP VIEW async_spans', 'DROP'],
    ['END', 'END'],
    ["E'x' SELECT 1", ''],
  ])('refuses %s as %s', (sql, keyword) =>
    expect(refused(sql)).toEqual({ kind: 'not-a-query', keyword }),
  );

  it.each([
    'SELECT 1; DROP TABLE t',
    'SELECT 1;; SELECT 2',
    "SELECT 1 /* /* */ ' */ ; DELETE FROM t; --'",
    'SELECT a$$ FROM t; DELETE FROM t; --$$',
    "SELECT E'\\''; DELETE FROM t; --'",
  ])('refuses more than one statement: %s', (sql) =>
    expect(refused(sql)).toEqual({ kind: 'several-statements' }),
  );

  it('refuses empty and unterminated text', () => {
    expect(refused('  -- nothing\n ; ')).toEqual({ kind: 'empty' });
    expect(refused("SELECT 'abc")).toEqual({ kind: 'unterminated', what: "'" });
    expect(refused('SELECT 1 /* /* */')).toEqual({ kind: 'unterminated', what: '/*' });
    expect(refused('SELECT $x$ abc $y$')).toEqual({ kind: 'unterminated', what: '$x$' });
    expect(refused('SELECT "abc')).toEqual({ kind: 'unterminated', what: '"' });
  });
});
