// The one rule for "is this SQL a single read-only query", shared by the viewer's SQL console
// (src/db/read-only.ts) and weft serve's query endpoint (src/server/read-only-sql.ts). Both also
// run the text inside a transaction that is always rolled back: this rule is the first wall, not
// the only one.
//
// The text is tokenized the way DuckDB's (PostgreSQL-derived) scanner does, so nothing a string,
// a quoted identifier or a comment holds is read as code and nothing code holds is skipped as
// one: '…' strings ('' inside), E'…' strings (backslash escapes), $$…$$ and $tag$…$tag$ strings,
// "…" identifiers ("" inside), -- comments and /* … */ comments, which nest (checked against
// DuckDB: `SELECT 1 /* /* */ AS x */ AS y` is one column y). Identifiers may hold `$` after their
// first character (`a$$` is a name, not a string start); `$1` and `$name` are parameters.
//
// Refused: an unterminated string, identifier or comment; no statement; more than one statement;
// a statement keyword that is not a query where a statement begins: at the start (after any
// opening parentheses, and after EXPLAIN [ANALYZE]), at the start of each common table
// expression's body, and at the statement a WITH list leads to (`WITH d AS (…) DELETE …` runs in
// DuckDB). Keywords elsewhere are names or expressions: `CASE … END`, a column named start, the
// function replace(…) or `SELECT * REPLACE (…)`. Pure; no imports.

/** Statement keywords that begin a query (the only statements allowed). */
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

export type SqlRefusal =
  | { kind: 'empty' }
  | { kind: 'unterminated'; what: string }
  | { kind: 'several-statements' }
  /** `keyword`: the statement keyword found where a statement begins ('' when none). */
  | { kind: 'not-a-query'; keyword: string };

type TokenKind = 'word' | 'opaque' | 'punct';

interface Token {
  kind: TokenKind;
  /** Upper case for words; the character for punctuation; '' for strings and identifiers. */
  text: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /[0-9][0-9A-Za-z_.]*/y;
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;
const PARAMETER = /\$[A-Za-z0-9_]+/y;

/** Index just past the quoted run at `i` (quote doubled inside, or backslash escapes). */
function skipQuoted(sql: string, i: number, quote: string, backslash: boolean): number {
  for (let j = i + 1; j < sql.length; j++) {
    if (backslash && sql[j] === '\\') j++;
    else if (sql[j] === quote) {
      if (sql[j + 1] !== quote) return j + 1;
      j++;
    }
  }
  return -1;
}

/** Index just past the (nested) block comment at `i`, or -1. */
function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  for (let j = i; j < sql.length - 1; j++) {
    const pair = sql[j] + sql[j + 1];
    if (pair !== '/*' && pair !== '*/') continue;
    depth += pair === '/*' ? 1 : -1;
    j++;
    if (depth === 0) return j + 1;
  }
  return -1;
}

/** Where the token at `i` ends and what it is; null for whitespace and comments (skipped). */
function scanOne(sql: string, i: number): { end: number; token: Token | null; what?: string } {
  const at = (re: RegExp) => ((re.lastIndex = i), re.exec(sql)?.[0] ?? '');
  const c = sql[i];
  if (/\s/.test(c)) return { end: i + 1, token: null };
  if (sql.startsWith('--', i)) {
    const newline = sql.indexOf('\n', i);
    return { end: newline < 0 ? sql.length : newline + 1, token: null };
  }
  if (sql.startsWith('/*', i)) return { end: skipBlockComment(sql, i), token: null, what: '/*' };
  const opaque = { kind: 'opaque' as const, text: '' };
  if (c === "'" || c === '"') return { end: skipQuoted(sql, i, c, false), token: opaque, what: c };
  if ((c === 'E' || c === 'e') && sql[i + 1] === "'")
    return { end: skipQuoted(sql, i + 1, "'", true), token: opaque, what: "E'" };
  const tag = c === '$' ? at(DOLLAR_TAG) : '';
  if (tag) {
    const close = sql.indexOf(tag, i + tag.length);
    return { end: close < 0 ? -1 : close + tag.length, token: opaque, what: tag };
  }
  const word = WORD_START.test(c) ? at(WORD) : '';
  if (word) return { end: i + word.length, token: { kind: 'word', text: word.toUpperCase() } };
  const literal = at(NUMBER) || (c === '$' ? at(PARAMETER) : '');
  if (literal) return { end: i + literal.length, token: opaque };
  return { end: i + 1, token: { kind: 'punct', text: c } };
}

/** The statements of `sql` (split at `;`) as tokens, or what is left unterminated. */
export function sqlStatements(sql: string): Token[][] | { unterminated: string } {
  const statements: Token[][] = [[]];
  for (let i = 0; i < sql.length;) {
    const { end, token, what } = scanOne(sql, i);
    if (end < 0) return { unterminated: what ?? sql[i] };
    if (token?.kind === 'punct' && token.text === ';') statements.push([]);
    else if (token) statements.at(-1)!.push(token);
    i = end;
  }
  return statements.filter((s) => s.length > 0);
}

const isPunct = (t: Token | undefined, c: string) => t?.kind === 'punct' && t.text === c;
const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text === w;

/** Index of the token after the parenthesis group opening at `open`. */
function pastGroup(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (isPunct(tokens[j], '(')) depth++;
    else if (isPunct(tokens[j], ')') && --depth === 0) return j + 1;
  }
  return tokens.length;
}

/** Index of the statement keyword at `i`: past opening parentheses and EXPLAIN [ANALYZE]. */
function statementKeyword(tokens: Token[], i: number): number {
  while (isPunct(tokens[i], '(')) i++;
  if (isWord(tokens[i], 'EXPLAIN')) i += isWord(tokens[i + 1], 'ANALYZE') ? 2 : 1;
  while (isPunct(tokens[i], '(')) i++;
  return i;
}

/**
 * Where statements begin in a WITH list starting at `withAt`: each body's first token and the
 * token after the list. Empty when this WITH leads no list (`WITH ORDINALITY`).
 */
function withStarts(tokens: Token[], withAt: number): number[] {
  const starts: number[] = [];
  let i = withAt + (isWord(tokens[withAt + 1], 'RECURSIVE') ? 2 : 1);
  for (;;) {
    if (tokens[i]?.kind !== 'word' && tokens[i]?.kind !== 'opaque') return starts;
    i++;
    if (isPunct(tokens[i], '(')) i = pastGroup(tokens, i); // column names
    if (!isWord(tokens[i], 'AS')) return starts;
    i++;
    if (isWord(tokens[i], 'NOT')) i++;
    if (isWord(tokens[i], 'MATERIALIZED')) i++;
    if (!isPunct(tokens[i], '(')) return starts;
    starts.push(i + 1);
    i = pastGroup(tokens, i);
    if (!isPunct(tokens[i], ',')) return [...starts, i];
    i++;
  }
}

/** The first statement keyword in `tokens` that does not begin a query, or null. */
function firstNonQuery(tokens: Token[]): string | null {
  const starts = [0];
  tokens.forEach((t, i) => isWord(t, 'WITH') && starts.push(...withStarts(tokens, i)));
  for (const start of starts) {
    const token = tokens[statementKeyword(tokens, start)];
    if (token?.kind !== 'word' || !QUERY_KEYWORDS.includes(token.text)) return token?.text ?? '';
  }
  return null;
}

/** Why `sql` is not one read-only query, or null when it is. */
export function sqlRefusal(sql: string): SqlRefusal | null {
  const statements = sqlStatements(sql);
  if (!Array.isArray(statements)) return { kind: 'unterminated', what: statements.unterminated };
  if (statements.length === 0) return { kind: 'empty' };
  if (statements.length > 1) return { kind: 'several-statements' };
  const keyword = firstNonQuery(statements[0]);
  return keyword === null ? null : { kind: 'not-a-query', keyword };
}
