// What weft serve's query endpoint accepts: one read-only statement. Statement kinds are judged
// on the text with comments, string literals and quoted identifiers blanked out: it must start
// with a query keyword and contain no keyword that writes, changes settings or reaches files
// (DuckDB accepts `WITH … DELETE`, so a first-keyword check alone is not enough). Upstream
// refuses destructive functions by name the same way (rust/analytics-web-srv/src/stream_query.rs
// `contains_blocked_function`). The database adds its own walls (src/db/analytics-db.ts).
// Also `$name` substitution exactly as upstream's `substitute_macros`. Node-free, pure.

const FIRST = new Set([
  'SELECT',
  'WITH',
  'FROM',
  'VALUES',
  'TABLE',
  'DESCRIBE',
  'SHOW',
  'SUMMARIZE',
  'EXPLAIN',
  '(',
]);

const REFUSED = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UPSERT',
  'TRUNCATE',
  'CREATE',
  'DROP',
  'ALTER',
  'ATTACH',
  'DETACH',
  'COPY',
  'EXPORT',
  'IMPORT',
  'INSTALL',
  'LOAD',
  'PRAGMA',
  'SET',
  'RESET',
  'CALL',
  'CHECKPOINT',
  'VACUUM',
  'USE',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'ABORT',
  'START',
  'END',
  'TRANSACTION',
  'GRANT',
  'REVOKE',
  'PREPARE',
  'EXECUTE',
  'DEALLOCATE',
  'ANALYZE',
  'COMMENT',
  'REPLACE',
  'RETURNING',
]);

/** The text with comments, '…' literals and "…" identifiers replaced by spaces. */
export function codeOnly(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?(\*\/|$)|'(?:[^']|'')*'?|"(?:[^"]|"")*"?/g, (m) =>
    m.startsWith("'") || m.startsWith('"') ? ' x ' : ' ',
  );
}

/** Why a statement is refused, or null when it is one read-only query. */
export function refusal(sql: string): string | null {
  const code = codeOnly(sql);
  const statements = code.split(';').filter((s) => s.trim() !== '');
  if (statements.length === 0) return 'the query is empty';
  if (statements.length > 1) return 'only one statement per query';
  const words = code.toUpperCase().match(/[A-Z_][A-Z0-9_]*|\(/g) ?? [];
  if (!FIRST.has(words[0] ?? ''))
    return `only queries are served (SELECT, WITH, FROM, VALUES…), not ${words[0] ?? 'that'}`;
  const bad = words.find((w) => REFUSED.has(w));
  return bad ? `${bad} is refused: this endpoint is read-only` : null;
}

/** `$key` → value with single quotes doubled, for every param, as upstream does. */
export function substituteMacros(sql: string, params: Record<string, string>): string {
  let out = sql;
  for (const [key, value] of Object.entries(params))
    out = out.split(`$${key}`).join(value.replace(/'/g, "''"));
  return out;
}
