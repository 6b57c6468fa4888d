// The span tree panel: spans nested by parent_span_id, with start offset, duration, self time,
// begin/end threads and state; sortable, keyboard-navigable, virtualized. Selection is shared with
// the timeline through the view store (both ways). Under a histogram brush or a name search it
// shows the matching spans inside their ancestors (greyed), expanded down to every match;
// clearing the filter restores the tree as it was. Rendered by the app shell inside a
// ViewStoreContext provider; needs nothing else.
import {
  type KeyboardEvent,
  useCallback,
  useDeferredValue,
  useEffect,
  useRef,
  useState,
} from 'react';
import { countOf, formatCount } from '../../base/count';
import { formatDurationNs } from '../../base/time';
import { rootsOf } from '../../model/tree';
import { useView, useViewStoreApi } from '../store-context';
import { treeKeyAction } from './tree-keys';
import type { ColumnUnits } from './tree-cells';
import { TreeBody, type RevealRequest } from './TreeRows';
import { useTreeModel, type SortKey, type TreeModel, type TreeSort } from './use-tree-model';
import './span-tree.css';

interface Column {
  label: string;
  sort?: SortKey;
  firstDescending?: boolean;
  /** The column's unit (numeric columns). */
  unit?: keyof ColumnUnits;
}

const COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Start', sort: 'start', unit: 'start' },
  { label: 'Duration', sort: 'duration', firstDescending: true, unit: 'duration' },
  { label: 'Self', sort: 'self', firstDescending: true, unit: 'duration' },
  { label: 'Begin thread' },
  { label: 'End thread' },
  { label: 'State' },
];

function Header(props: { sort: TreeSort; units: ColumnUnits; onSort(sort: TreeSort): void }) {
  const { sort } = props;
  return (
    <div className="tree-header" role="row">
      {COLUMNS.map((c) => {
        if (!c.sort)
          return (
            <div key={c.label} className="cell">
              {c.label}
            </div>
          );
        const active = sort.key === c.sort;
        const next = { key: c.sort, descending: active ? !sort.descending : !!c.firstDescending };
        return (
          <button
            key={c.label}
            className={`cell sort${c.unit ? ' num' : ''}${active ? ' active' : ''}`}
            aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            title={`Sort siblings by ${c.label.toLowerCase()}`}
            onClick={() => props.onSort(next)}
          >
            {c.label}
            {c.unit && <span className="unit"> {props.units[c.unit].name}</span>}
            {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        );
      })}
    </div>
  );
}

function Summary(props: { model: TreeModel; building: boolean; onExpandAll(open: boolean): void }) {
  const { model } = props;
  const brush = useView((s) => s.brush);
  const search = useDeferredValue(useView((s) => s.search)); // as the tree model's filter
  const api = useViewStoreApi();
  const total = countOf(model.spans.length, 'span');
  const parts: string[] = [];
  if (brush)
    parts.push(`duration ${formatDurationNs(brush.minNs)} – ${formatDurationNs(brush.maxNs)}`);
  if (search.trim()) parts.push(`name contains “${search.trim()}”`);
  return (
    <div className="panel-bar tree-summary">
      <span className="truncate" data-testid="tree-summary">
        {props.building
          ? 'building the span tree of the new table…'
          : model.filterPending
            ? `filtering ${total}…`
            : model.filter
              ? `${formatCount(model.filter.matchCount)} of ${total} match: ${parts.join(', ')}`
              : `${total}, ${countOf(rootsOf(model.tree).length, 'root')}`}
      </span>
      {brush && <button onClick={() => api.getState().setBrush(null)}>Clear brush</button>}
      <button onClick={() => props.onExpandAll(true)}>Expand all</button>
      <button onClick={() => props.onExpandAll(false)}>Collapse all</button>
    </div>
  );
}

export function SpanTreePanel() {
  const [sort, setSort] = useState<TreeSort>({ key: 'start', descending: false });
  const [model, actions, building] = useTreeModel(sort);
  const selected = useView((s) => s.selected);
  const api = useViewStoreApi();
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const seq = useRef(0);
  // A selection made anywhere (timeline, keyboard, a link) opens its ancestors and scrolls to it;
  // so does a change of mode (filter on or off) while something is selected.
  useEffect(() => {
    if (selected < 0) return;
    actions.reveal(selected);
    setReveal({ row: selected, seq: ++seq.current });
  }, [selected, actions]);
  const select = useCallback((row: number) => api.getState().select(row), [api]);
  const hover = useCallback((row: number) => api.getState().hover(row), [api]);
  if (!model)
    return (
      <div className="span-tree empty">
        {building ? 'Building the span tree…' : 'No spans loaded.'}
      </div>
    );
  const onKeyDown = (event: KeyboardEvent, pageRows: number) => {
    const action = treeKeyAction(event.key, { ...model, selected, pageRows });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'select') select(action.row);
    else actions.setExpanded(action.row, action.kind === 'expand');
  };
  return (
    <div className="span-tree" data-testid="span-tree">
      <Summary model={model} building={building} onExpandAll={actions.setAllExpanded} />
      <Header sort={sort} units={model.units} onSort={setSort} />
      {model.visible.count === 0 ? (
        <div className="tree-none">No span matches the filter.</div>
      ) : (
        <TreeBody
          model={model}
          selected={selected}
          reveal={reveal}
          onSelect={select}
          onToggle={actions.setExpanded}
          onHover={hover}
          onKeyDown={onKeyDown}
        />
      )}
    </div>
  );
}
