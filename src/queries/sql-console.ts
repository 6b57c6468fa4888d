// The SQL console's one question: run the user's text as is (it is the user's own query, never
// assembled from other input) and render the result as exact text, at most `maxRows` rows.
// No React.
import type { Table } from 'apache-arrow';
import type { Db } from '../db/db';
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

/** Renders the first `maxRows` rows of an Arrow table as text, batch by batch. */
export function renderTable(table: Table, options: RenderOptions = {}): string[][] {
  const maxRows = options.maxRows ?? Infinity;
  const nullText = options.nullText ?? 'NULL';
  const rows: string[][] = [];
  for (const batch of table.batches) {
    if (rows.length >= maxRows) break;
    const renderers = table.schema.fields.map((_, c) => cellRenderer(batch.getChildAt(c)!));
    const take = Math.min(batch.numRows, maxRows - rows.length);
    for (let i = 0; i < take; i++) rows.push(renderers.map((render) => render(i) ?? nullText));
  }
  return rows;
}

export async function runSql(
  db: Db,
  text: string,
  options: RenderOptions = {},
): Promise<SqlConsoleResult> {
  const maxRows = options.maxRows ?? SQL_ROW_CAP;
  const start = performance.now();
  const table = await db.query(text);
  const elapsedMs = performance.now() - start;
  return {
    columns: table.schema.fields.map((f) => f.name),
    rows: renderTable(table, { ...options, maxRows }),
    rowCount: table.numRows,
    truncated: table.numRows > maxRows,
    elapsedMs,
  };
}
