// The panels on a CSS grid with draggable splitters: timeline on top, span tree and histogram
// below, the SQL console at the bottom when open. Each panel sits in its own error boundary.
import { useState, type ComponentType, type ReactNode } from 'react';
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

export function Workspace(props: { panels: PanelSet; sql: ReactNode | null }) {
  const { timeline: Timeline, tree: Tree, histogram: Histogram } = props.panels;
  const [timelineCss, setTimelineCss] = useState(() => Math.round(window.innerHeight * 0.48));
  const [histogramCss, setHistogramCss] = useState(() => Math.round(window.innerWidth * 0.36));
  const [sqlCss, setSqlCss] = useState(() => Math.round(window.innerHeight * 0.3));
  const maxCss = window.innerHeight - 160;
  const rows = [`${timelineCss}px`, `${SPLITTER_CSS}px`, 'minmax(80px, 1fr)'];
  if (props.sql) rows.push(`${SPLITTER_CSS}px`, `${sqlCss}px`);
  return (
    <main className="workspace" style={{ gridTemplateRows: rows.join(' ') }}>
      <Panel name="timeline">
        <Timeline />
      </Panel>
      <Splitter
        orientation="rows"
        label="Resize timeline"
        onResize={(d) => setTimelineCss((v) => clamp(v + d, 100, maxCss))}
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
          onResize={(d) => setHistogramCss((v) => clamp(v - d, 160, window.innerWidth - 200))}
        />
        <Panel name="histogram">
          <Histogram />
        </Panel>
      </div>
      {props.sql && (
        <Splitter
          orientation="rows"
          label="Resize SQL console"
          onResize={(d) => setSqlCss((v) => clamp(v - d, 100, maxCss))}
        />
      )}
      {props.sql && <Panel name="sql">{props.sql}</Panel>}
    </main>
  );
}
