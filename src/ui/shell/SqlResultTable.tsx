// The SQL console's result as a virtualized grid: only the rows in view (plus a few) are rendered
// into the DOM, each cell's text rendered from the result's Arrow batches when it scrolls into
// view, so a million-row result scrolls like a ten-row one. Fixed row height; column widths from
// the header and the first rows' text. Cell text is data, never HTML.
import { useMemo, useState, type CSSProperties } from 'react';
import type { SqlResult } from '../../store/backend';
import { rowWindow, spacerPx } from '../span-tree/virtual-scroll';
import './sql-result.css';

export const SQL_ROW_PX = 20;
const CHAR_PX = 7.3;

/** Rows whose text sizes the columns: the first and last 100 and 100 spread in between. */
function sampleRows(count: number): number[] {
  if (count <= 300) return Array.from({ length: count }, (_, i) => i);
  const spread = Array.from({ length: 100 }, (_, k) => Math.floor(((k + 1) * count) / 101));
  const edges = Array.from({ length: 100 }, (_, k) => [k, count - 1 - k]).flat();
  return [...edges, ...spread];
}

/** Column widths (px) from the header and sampled rows' text, clamped to 60…420. */
function columnWidths(result: SqlResult): number[] {
  const widths = result.columns.map((c) => c.length);
  for (const i of sampleRows(result.keptRows)) {
    result.rowAt(i).forEach((cell, c) => (widths[c] = Math.max(widths[c], cell.length)));
  }
  return widths.map((chars) => Math.min(420, Math.max(60, Math.ceil(chars * CHAR_PX) + 18)));
}

function Row(props: { cells: string[]; row: number; style: CSSProperties }) {
  return (
    <div className="sql-row" role="row" aria-rowindex={props.row + 2} style={props.style}>
      {props.cells.map((cell, c) => (
        <div key={c} className="sql-cell" role="cell" title={cell}>
          {cell}
        </div>
      ))}
    </div>
  );
}

export function SqlResultTable(props: { result: SqlResult }) {
  const { result } = props;
  const [scroll, setScroll] = useState({ topPx: 0, viewportPx: 400 });
  const widths = useMemo(() => columnWidths(result), [result]);
  const grid = { gridTemplateColumns: widths.map((w) => `${w}px`).join(' ') };
  const totalPx = widths.reduce((a, b) => a + b, 0);
  const bodyPx = Math.max(SQL_ROW_PX, scroll.viewportPx - SQL_ROW_PX); // under the header
  const view = rowWindow(scroll.topPx, bodyPx, result.keptRows, SQL_ROW_PX);
  const rows = [];
  for (let r = view.first; r < view.end; r++) {
    const top = view.topPx + (r - view.first) * SQL_ROW_PX;
    const style = { ...grid, top, width: totalPx };
    rows.push(<Row key={r} row={r} cells={result.rowAt(r)} style={style} />);
  }
  return (
    <div
      className="sql-result"
      data-testid="sql-result"
      role="table"
      aria-rowcount={result.keptRows + 1}
      onScroll={(e) =>
        setScroll({ topPx: e.currentTarget.scrollTop, viewportPx: e.currentTarget.clientHeight })
      }
      ref={(el) => {
        if (el && el.clientHeight !== scroll.viewportPx)
          setScroll({ topPx: el.scrollTop, viewportPx: el.clientHeight });
      }}
    >
      <div className="sql-head" role="row" style={{ ...grid, width: totalPx }}>
        {result.columns.map((c, i) => (
          <div key={i} className="sql-cell" role="columnheader" title={c}>
            {c}
          </div>
        ))}
      </div>
      <div
        className="sql-body"
        style={{ height: spacerPx(result.keptRows, SQL_ROW_PX), width: totalPx }}
      >
        {rows}
      </div>
    </div>
  );
}
