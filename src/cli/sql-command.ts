// `weft sql <path>... -e "<sql>"`: loads captures (files or folders) into DuckDB and prints the
// query's result as CSV (src/queries/csv-table.ts: a header row, BIGINT and HUGEINT exact,
// timestamps as RFC 3339 UTC with 9 fraction digits, NULL as an empty field). A bad query exits
// 1 with DuckDB's message; rejected inputs go to stderr.
import { csvChunks } from '../queries/csv-table';
import type { Output } from './decode-command';
import { onLoadedCaptures } from './load-captures';

const USAGE = 'usage: weft sql <file-or-folder>... -e "<sql>" [--threads N]';

interface SqlArgs {
  paths: string[];
  sql: string;
  threads: number;
}

export function parseSqlArgs(args: string[]): SqlArgs | undefined {
  const paths: string[] = [];
  let sql: string | undefined;
  let threads = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-e' || arg === '--execute') sql = args[++i];
    else if (arg.startsWith('--execute=')) sql = arg.slice('--execute='.length);
    else if (arg === '--threads') threads = Number(args[++i]);
    else paths.push(arg);
  }
  const ok = sql !== undefined && paths.length > 0 && Number.isInteger(threads) && threads >= 0;
  return ok ? { paths, sql: sql!, threads } : undefined;
}

export function sqlCommand(args: string[], out: Output): Promise<number> {
  return onLoadedCaptures(parseSqlArgs(args), USAGE, out, async (db, parsed) => {
    let table;
    try {
      table = await db.query(parsed.sql);
    } catch (error) {
      out.error(error instanceof Error ? error.message : String(error));
      return 1;
    }
    for (const chunk of csvChunks(table)) await out.write(chunk);
    return 0;
  });
}
