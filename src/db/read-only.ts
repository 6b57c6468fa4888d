// The SQL console's guard: the console must never change weft's tables (issue 13: `DROP VIEW
// async_spans` from the console broke the histogram until reload). DuckDB has no read-only
// connection to an in-memory database, so the console's text runs
//   1. only if it is ONE statement (a prepared statement: DuckDB refuses to prepare several; a
//      syntax error is reported by DuckDB's parser, before the check below),
//   2. only if that statement is a query: base/read-only-sql.ts' rule, the same as weft serve's
//      (a query keyword wherever a statement begins: at the start, after EXPLAIN [ANALYZE], in a
//      WITH list's bodies and the statement it leads to; strings and comments are not code),
//   3. on a connection of its own, inside a transaction that is always rolled back, so whatever
//      the rule lets through leaves no trace.
// No React.
import type { RecordBatch } from 'apache-arrow';
import type { ResultHead } from './db';
import { collectHead } from './params';
import { QUERY_KEYWORDS, sqlRefusal } from '../base/read-only-sql';

/** Why the console refuses `sql` (base/read-only-sql.ts' rule), in words; null for a query. */
export function readOnlyRefusal(sql: string): string | null {
  const refusal = sqlRefusal(sql);
  if (!refusal) return null;
  if (refusal.kind === 'empty') return 'Nothing to run.';
  if (refusal.kind === 'unterminated') return `Unterminated ${refusal.what} in the query.`;
  if (refusal.kind === 'several-statements')
    return 'The SQL console runs one statement at a time (multiple statements given).';
  const found = refusal.keyword ? `${refusal.keyword} ` : '';
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
