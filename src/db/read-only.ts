// The SQL console's guard: the console must never change weft's tables (issue 13: `DROP VIEW
// async_spans` from the console broke the histogram until reload). DuckDB has no read-only
// connection to an in-memory database, so the console's text runs
//   1. only if it is ONE statement (a prepared statement: DuckDB refuses to prepare several; a
//      syntax error is reported by DuckDB's parser, before the check below),
//   2. only if that statement is a query: its first keyword (after comments and parentheses) is
//      one of QUERY_KEYWORDS, EXPLAIN and EXPLAIN ANALYZE are judged by the statement they explain,
//   3. on a connection of its own, inside a transaction that is always rolled back, so even a
//      query form that writes (a data-modifying CTE) leaves no trace.
// No React.
import type { RecordBatch } from 'apache-arrow';
import type { ResultHead } from './db';
import { collectHead } from './params';

export const QUERY_KEYWORDS = [
  'SELECT',
  'WITH',
  'FROM',
  'VALUES',
  'TABLE',
  'DESCRIBE',
  'SHOW',
  'SUMMARIZE',
];

/** The statement's leading keywords, upper case, skipping comments and opening parentheses. */
export function leadingKeywords(sql: string, count = 3): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < sql.length && out.length < count) {
    const rest = sql.slice(i);
    const skip = /^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?(\*\/|$)|\()/.exec(rest);
    if (skip) {
      i += skip[0].length;
      continue;
    }
    const word = /^[A-Za-z_]+/.exec(rest);
    if (!word) break;
    out.push(word[0].toUpperCase());
    i += word[0].length;
  }
  return out;
}

/** Why the console refuses `sql`, or null when it is a query. */
export function readOnlyRefusal(sql: string): string | null {
  let words = leadingKeywords(sql);
  if (words[0] === 'EXPLAIN') words = words.slice(words[1] === 'ANALYZE' ? 2 : 1);
  if (words.length === 0 && sql.trim() === '') return 'Nothing to run.';
  if (words.length > 0 && QUERY_KEYWORDS.includes(words[0])) return null;
  const found = words[0] ? `${words[0]} ` : '';
  return (
    `The SQL console is read-only: ${found}statements cannot run here, only queries ` +
    `(${QUERY_KEYWORDS.join(', ')}, EXPLAIN of a query). weft's tables stay as loaded.`
  );
}

/** The console connection, as both Db implementations can provide it. */
export interface ConsoleConnection {
  run(sql: string): Promise<unknown>;
  /** Prepares one statement (DuckDB refuses several). */
  prepare(sql: string): Promise<{
    send(): Promise<Iterable<RecordBatch> | AsyncIterable<RecordBatch>>;
    close(): unknown;
  }>;
}

/** Runs the console's text under the guard; keeps the batches of the first `maxRows` rows. */
export async function runReadOnly(
  conn: ConsoleConnection,
  sql: string,
  maxRows: number,
): Promise<ResultHead> {
  await conn.run('BEGIN TRANSACTION');
  try {
    // Preparing parses without running: a syntax error reads as DuckDB's own message.
    const statement = await conn.prepare(sql);
    try {
      const refusal = readOnlyRefusal(sql);
      if (refusal) throw new Error(refusal);
      return await collectHead(await statement.send(), maxRows);
    } finally {
      await statement.close();
    }
  } finally {
    await conn.run('ROLLBACK');
  }
}
