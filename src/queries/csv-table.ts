// A query result as CSV, the one writer behind `weft sql`, `weft export --format csv` and the
// viewer's span-rows CSV download: a header row of the column names, then each row as the exact
// text renderBatches gives (BIGINT and HUGEINT exact, timestamps RFC 3339 UTC with 9 fraction
// digits), NULL as an empty field, RFC 4180 quoting (base/csv.ts). One chunk per Arrow batch, so
// a large result is written while the rest is still being rendered.
import type { Table } from 'apache-arrow';
import { csvLine } from '../base/csv';
import { renderBatches } from './sql-console';

export function* csvChunks(table: Table): Generator<string> {
  yield `${csvLine(table.schema.fields.map((f) => f.name))}\n`;
  for (const batch of table.batches) {
    const rows = renderBatches([batch], { nullText: '' });
    if (rows.length > 0) yield `${rows.map(csvLine).join('\n')}\n`;
  }
}
