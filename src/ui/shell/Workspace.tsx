// The panels on a CSS grid with draggable splitters: timeline on top, span tree and histogram
// below, the SQL console at the bottom when open. Each panel sits in its own error boundary. The
// split is remembered in this browser (layout-memory.ts).
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { readSplit, writeSplit } from './layout-memory';
import { PanelBoundary } from './PanelBoundary';
import { Splitter } from './Splitter';

export interface PanelSet {
  timeline: ComponentType;
  tree: ComponentType;
  histogram: ComponentType;
}

const SPLITTER_CSS = 5;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function Panel(props: { name: string; children: ReactNode }) {
  return (
    <div className="panel" data-testid={`panel-${props.name}`}>
      <div className="panel-body">
        <PanelBoundary name={props.name}>{props.children}</PanelBoundary>
      </div>
    </div>
  );
}

type SetCss = (update: (css: number) => number) => void;

/** The split in CSS px as this browser remembers it; remembered again once the user moves it. */
function useSplit() {
  const [split] = useState(readSplit);
  const [moved, setMoved] = useState(false);
  const { innerHeight, innerWidth } = window;
  const [timelineCss, setTimelineCss] = useState(() => Math.round(innerHeight * split.timeline));
  const [histogramCss, setHistogramCss] = useState(() => Math.round(innerWidth * split.histogram));
  const [sqlCss, setSqlCss] = useState(() => Math.round(innerHeight * split.sql));
  useEffect(() => {
    if (!moved) return; // untouched: the defaults may change with a later version
    const [height, width] = [window.innerHeight, window.innerWidth];
    writeSplit({
      timeline: timelineCss / height,
      histogram: histogramCss / width,
      sql: sqlCss / height,
    });
  }, [moved, timelineCss, histogramCss, sqlCss]);
  const moving =
    (set: SetCss): SetCss =>
    (update) => {
      setMoved(true);
      set(update);
    };
  const [setTimeline, setHistogram, setSql] = [setTimelineCss, setHistogramCss, setSqlCss].map(
    moving,
  );
  return { timelineCss, histogramCss, sqlCss, setTimeline, setHistogram, setSql };
}

/**
 * `hidden`: laid out but not shown nor reachable (a load prepares the panels before its first
 * view: App.tsx).
 */
export function Workspace(props: { panels: PanelSet; sql: ReactNode | null; hidden?: boolean }) {
  const { timeline: Timeline, tree: Tree, histogram: Histogram } = props.panels;
  const { timelineCss, histogramCss, sqlCss, setTimeline, setHistogram, setSql } = useSplit();
  const maxCss = window.innerHeight - 160;
  const rows = [`${timelineCss}px`, `${SPLITTER_CSS}px`, 'minmax(80px, 1fr)'];
  if (props.sql) rows.push(`${SPLITTER_CSS}px`, `${sqlCss}px`);
  return (
    <main
      className={props.hidden ? 'workspace prepared' : 'workspace'}
      style={{ gridTemplateRows: rows.join(' ') }}
      aria-hidden={props.hidden}
      inert={props.hidden}
    >
      <Panel name="timeline">
        <Timeline />
      </Panel>
      <Splitter
        orientation="rows"
        label="Resize timeline"
        onResize={(d) => setTimeline((v) => clamp(v + d, 100, maxCss))}
      />
      <div
        className="workspace"
        style={{ gridTemplateColumns: `minmax(160px, 1fr) ${SPLITTER_CSS}px ${histogramCss}px` }}
      >
        <Panel name="tree">
          <Tree />
        </Panel>
        <Splitter
          orientation="cols"
          label="Resize histogram"
          onResize={(d) => setHistogram((v) => clamp(v - d, 160, window.innerWidth - 200))}
        />
        <Panel name="histogram">
          <Histogram />
        </Panel>
      </div>
      {props.sql && (
        <Splitter
          orientation="rows"
          label="Resize SQL console"
          onResize={(d) => setSql((v) => clamp(v - d, 100, maxCss))}
        />
      )}
      {props.sql && <Panel name="sql">{props.sql}</Panel>}
    </main>
  );
}
