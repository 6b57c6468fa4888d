// What weft serve's query endpoint accepts: one read-only query, by the rule the viewer's SQL
// console uses too (src/base/read-only-sql.ts: a tokenizer that skips strings, quoted
// identifiers and comments; a query keyword wherever a statement begins, so `WITH … DELETE` is
// refused and `CASE … END` is not). Upstream refuses destructive functions by name
// (rust/analytics-web-srv/src/stream_query.rs `contains_blocked_function`); here the database
// adds its own walls (src/db/analytics-db.ts: every query in a transaction rolled back, file
// access disabled, configuration locked). Also `$name` substitution exactly as upstream's
// `substitute_macros`. Node-free, pure.
import { QUERY_KEYWORDS, sqlRefusal } from '../base/read-only-sql';

/** Why a statement is refused (base/read-only-sql.ts' rule), in words; null for one query. */
export function refusal(sql: string): string | null {
  const refused = sqlRefusal(sql);
  if (!refused) return null;
  if (refused.kind === 'empty') return 'the query is empty';
  if (refused.kind === 'unterminated') return `unterminated ${refused.what} in the query`;
  if (refused.kind === 'several-statements') return 'only one statement per query';
  const what = refused.keyword || 'that';
  return `only queries are served (${QUERY_KEYWORDS.join(', ')}), not ${what}: this endpoint is read-only`;
}

/** `$key` → value with single quotes doubled, for every param, as upstream does. */
export function substituteMacros(sql: string, params: Record<string, string>): string {
  let out = sql;
  for (const [key, value] of Object.entries(params))
    out = out.split(`$${key}`).join(value.replace(/'/g, "''"));
  return out;
}
