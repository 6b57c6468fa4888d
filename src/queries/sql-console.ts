// The SQL console's one question: run the user's text as is (it is the user's own query, never
// assembled from other input) and render the result as exact text, at most `maxRows` rows.
// No React.
import type { RecordBatch } from 'apache-arrow';
import type { Db, ResultHead } from '../db/db';
import { cellRenderer } from './render-value';

export const SQL_ROW_CAP = 1000;

export interface SqlConsoleResult {
  columns: string[];
  /** Cell text; SQL NULL is rendered as `nullText`. */
  rows: string[][];
  /** Rows the query returned (more than `rows.length` when truncated). */
  rowCount: number;
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

async function head(db: Db, text: string, maxRows: number): Promise<ResultHead> {
  if (db.queryHead) return db.queryHead(text, maxRows);
  const table = await db.query(text);
  const columns = table.schema.fields.map((f) => f.name);
  return { columns, batches: table.batches, rowCount: table.numRows };
}

/** Runs the user's SQL; a large result is streamed: only the shown rows are kept. */
export async function runSql(
  db: Db,
  text: string,
  options: RenderOptions = {},
): Promise<SqlConsoleResult> {
  const maxRows = options.maxRows ?? SQL_ROW_CAP;
  const start = performance.now();
  const result = await head(db, text, maxRows);
  const rows = renderBatches(result.batches, { ...options, maxRows });
  return {
    columns: result.columns,
    rows,
    rowCount: result.rowCount,
    truncated: result.rowCount > rows.length,
    elapsedMs: performance.now() - start,
  };
}
