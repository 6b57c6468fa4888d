// The SQL console's one question: run the user's text as is (it is the user's own query, never
// assembled from other input), read-only (src/db/read-only.ts), and give the result as exact
// text, rendered row by row when shown: a million-row result costs its Arrow batches, not a
// million rendered rows. Database errors are turned into readable text (DuckDB-WASM gives parser
// errors as JSON). No React.
import type { RecordBatch } from 'apache-arrow';
import type { Db, ResultHead } from '../db/db';
import { readOnlyRefusal } from '../db/read-only';
import { cellRenderer } from './render-value';

/** Rows a console result keeps (and shows); more are counted only. */
export const SQL_ROW_CAP = 5_000_000;

export interface SqlConsoleResult {
  columns: string[];
  /** Rows the query returned (more than `keptRows` when truncated). */
  rowCount: number;
  /** Rows held: rowAt(0 … keptRows - 1). */
  keptRows: number;
  /** Cell text of row i; SQL NULL is rendered as `nullText`. */
  rowAt(i: number): string[];
  truncated: boolean;
  elapsedMs: number;
}

export interface RenderOptions {
  maxRows?: number;
  nullText?: string;
}

/** Renders the first `maxRows` rows of a result's record batches as text. */
export function renderBatches(batches: RecordBatch[], options: RenderOptions = {}): string[][] {
  const maxRows = options.maxRows ?? Infinity;
  const nullText = options.nullText ?? 'NULL';
  const rows: string[][] = [];
  for (const batch of batches) {
    if (rows.length >= maxRows) break;
    const renderers = batch.schema.fields.map((_, c) => cellRenderer(batch.getChildAt(c)!));
    const take = Math.min(batch.numRows, maxRows - rows.length);
    for (let i = 0; i < take; i++) rows.push(renderers.map((render) => render(i) ?? nullText));
  }
  return rows;
}

/** Row access over batches: the batch holding row i found by binary search, renderers cached. */
export function rowReader(batches: RecordBatch[], keptRows: number, nullText = 'NULL') {
  const starts = new Float64Array(batches.length + 1);
  batches.forEach((b, k) => (starts[k + 1] = starts[k] + b.numRows));
  const renderers = new Map<number, ((i: number) => string | null)[]>();
  return (i: number): string[] => {
    if (i < 0 || i >= keptRows) return [];
    let lo = 0;
    let hi = batches.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    let render = renderers.get(lo);
    if (!render) {
      const batch = batches[lo];
      render = batch.schema.fields.map((_, c) => cellRenderer(batch.getChildAt(c)!));
      renderers.set(lo, render);
    }
    return render.map((cell) => cell(i - starts[lo]) ?? nullText);
  };
}

/** The first `limit` rows of a result as text. */
export function renderedRows(result: SqlConsoleResult, limit = result.keptRows): string[][] {
  return Array.from({ length: Math.min(limit, result.keptRows) }, (_, i) => result.rowAt(i));
}

async function head(db: Db, text: string, maxRows: number): Promise<ResultHead> {
  if (db.queryHead) return db.queryHead(text, maxRows);
  const refusal = readOnlyRefusal(text);
  if (refusal) throw new Error(refusal);
  const table = await db.query(text);
  const columns = table.schema.fields.map((f) => f.name);
  return { columns, batches: table.batches, rowCount: table.numRows };
}

/** Runs the user's SQL; a large result is streamed: rows past `maxRows` are counted only. */
export async function runSql(
  db: Db,
  text: string,
  options: RenderOptions = {},
): Promise<SqlConsoleResult> {
  const maxRows = options.maxRows ?? SQL_ROW_CAP;
  const start = performance.now();
  let result: ResultHead;
  try {
    result = await head(db, text, maxRows);
  } catch (error) {
    throw new Error(formatDbError(error));
  }
  const held = result.batches.reduce((n, b) => n + b.numRows, 0);
  const keptRows = Math.min(held, maxRows);
  return {
    columns: result.columns,
    rowCount: result.rowCount,
    keptRows,
    rowAt: rowReader(result.batches, keptRows, options.nullText),
    truncated: result.rowCount > keptRows,
    elapsedMs: performance.now() - start,
  };
}

/** The whole result of the user's query (read-only, at most SQL_ROW_CAP rows) as Parquet. */
export async function sqlResultParquet(db: Db, text: string): Promise<Uint8Array> {
  if (!db.toParquet) throw new Error('Parquet is not available here.');
  try {
    const result = await head(db, text, SQL_ROW_CAP);
    return await db.toParquet(result.batches);
  } catch (error) {
    throw new Error(formatDbError(error));
  }
}

/**
 * A database error as text. DuckDB-WASM's browser build gives some errors (parser errors) as
 * JSON, {"exception_type":"Parser","exception_message":"syntax error at or near …",
 * "position":"7",…}; they read like the others: "Parser Error: … (at character 8)".
 */
export function formatDbError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const trimmed = message.trim();
  if (!trimmed.startsWith('{')) return message;
  try {
    const parsed = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof parsed.exception_message !== 'string') return message;
    const type = typeof parsed.exception_type === 'string' ? parsed.exception_type : 'Database';
    const position = Number(parsed.position);
    const where = Number.isInteger(position) ? ` (at character ${position + 1})` : '';
    return `${type} Error: ${parsed.exception_message}${where}`;
  } catch {
    return message;
  }
}
