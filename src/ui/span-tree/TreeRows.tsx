// The span tree's scrolling body: a virtualized list of fixed-height rows (only the rows in view
// are in the DOM), keyboard focus, and scrolling a requested row into view. Trace strings are
// React text, never HTML.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MATCH, hasShownChildren, positionOf } from '../../model/tree';
import { rowCells } from './tree-cells';
import type { TreeModel } from './use-tree-model';
import { rowWindow, scrollTopToReveal, spacerPx } from './virtual-scroll';

export const ROW_PX = 22;
const INDENT_PX = 14;

export interface RevealRequest {
  row: number;
  seq: number;
}

interface RowProps {
  model: TreeModel;
  row: number;
  level: number;
  topPx: number;
  selected: boolean;
  onSelect(row: number): void;
  onToggle(row: number, open: boolean): void;
  onHover(row: number): void;
}

function TreeRow(props: RowProps) {
  const { model, row, level } = props;
  const cells = rowCells(model, row);
  const hasChildren = hasShownChildren(model.tree, model.marks, row);
  const open = hasChildren && model.expanded[row] === 1;
  const context = model.marks !== null && (model.marks[row] & MATCH) === 0;
  const className = `tree-row${props.selected ? ' selected' : ''}${context ? ' context' : ''}`;
  return (
    <div
      className={className}
      role="treeitem"
      data-testid="tree-row"
      data-row={row}
      aria-selected={props.selected}
      aria-expanded={hasChildren ? open : undefined}
      aria-level={level + 1}
      style={{ top: props.topPx, height: ROW_PX }}
      onClick={() => props.onSelect(row)}
      onDoubleClick={() => hasChildren && props.onToggle(row, !open)}
      onMouseEnter={() => props.onHover(row)}
    >
      <div className="cell name" style={{ paddingLeft: 4 + level * INDENT_PX }}>
        <span
          className={`toggle${hasChildren ? '' : ' leaf'}`}
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation();
            if (hasChildren) props.onToggle(row, !open);
          }}
        >
          {hasChildren ? (open ? '▾' : '▸') : ''}
        </span>
        <span className="truncate" title={cells.name}>
          {cells.name}
        </span>
      </div>
      <div className="cell num">{cells.start}</div>
      <div className="cell num">{cells.duration}</div>
      <div className="cell num">{cells.self}</div>
      <div className="cell truncate" title={cells.beginThread}>
        {cells.beginThread}
      </div>
      <div className={`cell truncate${cells.migrated ? ' migrated' : ''}`} title={cells.endThread}>
        {cells.endThread}
      </div>
      <div className={`cell state s${model.spans.state[row]}`}>{cells.state}</div>
    </div>
  );
}

interface BodyProps {
  model: TreeModel;
  selected: number;
  reveal: RevealRequest | null;
  onSelect(row: number): void;
  onToggle(row: number, open: boolean): void;
  onHover(row: number): void;
  onKeyDown(event: KeyboardEvent, pageRows: number): void;
}

function useViewportPx(ref: React.RefObject<HTMLDivElement | null>): number {
  const [heightPx, setHeightPx] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeightPx(el.clientHeight));
    // no measure now: the observer's first call (after the next layout) measures; reading the
    // size here would lay out the whole page, the new panels included, in the commit's task
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return heightPx;
}

export function TreeBody(props: BodyProps) {
  const { model, reveal } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const viewportPx = useViewportPx(ref);
  const count = model.visible.count;
  const handled = useRef(-1);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !reveal || handled.current === reveal.seq || viewportPx === 0) return;
    const position = positionOf(model.visible, reveal.row);
    if (position < 0) return; // not flattened yet: a later render has it
    handled.current = reveal.seq;
    const top = scrollTopToReveal(position, el.scrollTop, viewportPx, count, ROW_PX);
    if (top !== el.scrollTop) {
      el.scrollTop = top;
      setScrollTopPx(el.scrollTop);
    }
  }, [reveal, model.visible, viewportPx, count]);
  const win = rowWindow(scrollTopPx, viewportPx || 600, count, ROW_PX);
  const rows = [];
  for (let k = win.first; k < win.end; k++) {
    const row = model.visible.rows[k];
    rows.push(
      <TreeRow
        key={row}
        model={model}
        row={row}
        level={model.visible.levels[k]}
        topPx={win.topPx + (k - win.first) * ROW_PX}
        selected={row === props.selected}
        onSelect={props.onSelect}
        onToggle={props.onToggle}
        onHover={props.onHover}
      />,
    );
  }
  return (
    <div
      ref={ref}
      className="tree-body"
      role="tree"
      aria-label="Span tree"
      tabIndex={0}
      onScroll={(e) => setScrollTopPx(e.currentTarget.scrollTop)}
      onKeyDown={(e) => props.onKeyDown(e, Math.max(1, Math.floor(viewportPx / ROW_PX) - 1))}
      onMouseLeave={() => props.onHover(-1)}
    >
      <div className="tree-spacer" style={{ height: spacerPx(count, ROW_PX) }} />
      {rows}
    </div>
  );
}
