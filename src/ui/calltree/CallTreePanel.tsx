// The aggregated call tree panel: spans merged by name path (src/model/call-tree.ts), top-down or
// inverted, over the spans the filters and the range keep; a table (count, total, self, open) and
// a flame graph of the same nodes. A click on a row or a rectangle picks that path: the timeline,
// the span tree and the status bar then keep only its spans (click again to clear). Thin React
// shell over call-tree-rows.ts and flame-scene.ts. The picked path lives in the view store (and
// the URL): when it changes from outside (a reload, Back), the panel turns to its direction and
// opens the rows down to it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount } from '../../base/count';
import { formatDurationNs } from '../../base/time';
import { callTreesOf } from '../../model/analysis';
import { nodePath, type CallPath, type CallTree } from '../../model/call-tree';
import { ChartCanvas, type ChartCanvasHandle } from '../chart/ChartCanvas';
import { useView, useViewStoreApi } from '../store-context';
import { firstLevels, nodeOfPath, openTo, visibleNodes } from './call-tree-rows';
import { drawFlame, flameHit, flameLayout, type FlameRect } from './flame-scene';
import './calltree.css';

function colourOf(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 60% 72%)`;
}

function samePath(a: string[], b: string[] | undefined): boolean {
  return !!b && a.length === b.length && a.every((n, i) => n === b[i]);
}

function Flame(props: {
  tree: CallTree;
  names: string[];
  picked: number;
  onPick(node: number): void;
}) {
  const chart = useRef<ChartCanvasHandle>(null);
  const rects = useRef<FlameRect[]>([]);
  return (
    <div className="calltree-flame" data-testid="calltree-flame">
      <ChartCanvas
        handleRef={chart}
        ariaLabel="Flame graph of the call tree"
        draw={(ctx, size) => {
          rects.current = flameLayout(props.tree, size.widthCss);
          const style = getComputedStyle(ctx.canvas);
          drawFlame(
            ctx,
            props.tree,
            props.names,
            rects.current,
            size,
            {
              colourOf: (k) => colourOf(props.names[k] ?? ''),
              text: '#1d2128',
              selected: style.getPropertyValue('--accent') || '#2f6fdb',
              font: `${11 * size.dpr}px ${style.fontFamily}`,
            },
            props.picked,
          );
        }}
        onClick={(p) => {
          const hit = flameHit(rects.current, p.xCss, p.yCss);
          if (hit) props.onPick(hit.node);
        }}
      />
    </div>
  );
}

export function CallTreePanel() {
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const range = useView((s) => s.range);
  const callPath = useView((s) => s.callPath);
  const api = useViewStoreApi();
  const [inverted, setInverted] = useState(() => api.getState().callPath?.inverted ?? false);
  useEffect(
    () =>
      api.subscribe((s, prev) => {
        if (s.callPath && s.callPath !== prev.callPath) setInverted(s.callPath.inverted);
      }),
    [api],
  );
  const trees = useMemo(
    () => (spans ? callTreesOf(spans, filter, range) : null),
    [spans, filter, range],
  );
  const tree = trees ? (inverted ? trees.inverted : trees.topDown) : null;
  // The user's expansion for this tree; a path picked since (a reload, Back) opens its ancestors.
  const [expanded, setExpanded] = useState<{
    tree: CallTree | null;
    nodes: Set<number>;
    openedFor: CallPath | null;
  }>({ tree: null, nodes: new Set(), openedFor: null });
  const open = useMemo(() => {
    if (!tree) return new Set<number>();
    const own = expanded.tree === tree;
    const base = own ? expanded.nodes : firstLevels(tree, 2);
    if ((own && expanded.openedFor === callPath) || !spans || callPath?.inverted !== inverted)
      return base;
    const node = nodeOfPath(tree, spans.names, callPath.names);
    return node < 0 ? base : openTo(tree, base, node);
  }, [tree, expanded, callPath, inverted, spans]);
  const rows = useMemo(() => (tree ? visibleNodes(tree, open) : []), [tree, open]);
  if (!spans || !tree) return <div className="calltree empty">No spans loaded.</div>;
  const names = spans.names;
  const pathOf = (node: number) => nodePath(tree, names, node);
  let picked = -1;
  if (callPath && callPath.inverted === inverted)
    for (const r of rows) if (samePath(pathOf(r.node), callPath.names)) picked = r.node;
  const pick = (node: number) => {
    const names_ = pathOf(node);
    const again = callPath && callPath.inverted === inverted && samePath(names_, callPath.names);
    api.getState().setCallPath(again ? null : { names: names_, inverted });
  };
  const toggle = (node: number) => {
    const next = new Set(open);
    if (next.has(node)) next.delete(node);
    else next.add(node);
    setExpanded({ tree, nodes: next, openedFor: callPath });
  };
  return (
    <div className="calltree" data-testid="calltree-panel">
      <div className="panel-bar">
        <label>
          <input
            type="checkbox"
            checked={inverted}
            onChange={(e) => setInverted(e.currentTarget.checked)}
            data-testid="calltree-inverted"
          />{' '}
          inverted (callers below each name)
        </label>
        <span className="calltree-muted">
          {range ? 'spans that begin in the range' : 'whole process'} · filters apply · self merges
          overlapping children · click picks a path for the timeline
        </span>
        {callPath && (
          <button type="button" onClick={() => api.getState().setCallPath(null)}>
            clear path
          </button>
        )}
      </div>
      <div className="calltree-table" role="tree" aria-label="Aggregated call tree">
        <div className="calltree-row head">
          <span>Name</span>
          <span>Count</span>
          <span>Total</span>
          <span>Self</span>
          <span>Open</span>
        </div>
        {rows.map((r) => (
          <div
            key={r.node}
            role="treeitem"
            aria-expanded={r.hasChildren ? open.has(r.node) : undefined}
            className={`calltree-row${r.node === picked ? ' picked' : ''}`}
            onClick={() => pick(r.node)}
            data-path={pathOf(r.node).join(' > ')}
          >
            <span style={{ paddingLeft: `${r.level * 14}px` }}>
              <button
                type="button"
                className="calltree-twisty"
                disabled={!r.hasChildren}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(r.node);
                }}
              >
                {r.hasChildren ? (open.has(r.node) ? '▾' : '▸') : ''}
              </button>
              {names[tree.nameIndex[r.node]]}
            </span>
            <span>{formatCount(tree.count[r.node])}</span>
            <span>{formatDurationNs(tree.totalNs[r.node])}</span>
            <span>{formatDurationNs(tree.selfNs[r.node])}</span>
            <span>{formatCount(tree.open[r.node])}</span>
          </div>
        ))}
      </div>
      <Flame tree={tree} names={names} picked={picked} onPick={pick} />
    </div>
  );
}
