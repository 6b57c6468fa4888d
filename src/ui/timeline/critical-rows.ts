// The rows of the selected span's critical path (src/model/critical-path.ts) that the timeline
// outlines, remembered for the last (table, selection) so frames do not recompute it. No React.
import { spanBasis } from '../../model/analysis';
import { criticalPath } from '../../model/critical-path';
import type { SpanTable } from '../../model/span-table';

let last: { table: SpanTable; selected: number; rows: number[] } | null = null;

export function criticalRows(table: SpanTable, selected: number): number[] {
  if (last?.table === table && last.selected === selected) return last.rows;
  const rows =
    selected >= 0 && selected < table.length
      ? criticalPath(table, spanBasis(table).tree, selected).map((link) => link.row)
      : [];
  last = { table, selected, rows };
  return rows;
}
