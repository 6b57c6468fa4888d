// Panel composition helpers for the workspace's cells: tabs (one panel shown at a time, the
// others unmounted) and a vertical stack of two panels. They know nothing about the panels.
import { useState, type ComponentType } from 'react';

export interface TabSpec {
  id: string;
  label: string;
  Component: ComponentType;
}

export function Tabs(props: { tabs: TabSpec[]; label: string }) {
  const [active, setActive] = useState(props.tabs[0].id);
  const tab = props.tabs.find((t) => t.id === active) ?? props.tabs[0];
  return (
    <div className="tabs">
      <div className="tab-strip" role="tablist" aria-label={props.label}>
        {props.tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === tab.id}
            data-testid={`tab-${t.id}`}
            onClick={() => setActive(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        <tab.Component />
      </div>
    </div>
  );
}

/**
 * Two panels one above the other, `topShare` of the height to the first but never less than
 * `topMinCss` while the stack has it (the second then gets what is left, and scrolls).
 */
export function Stack(props: {
  top: ComponentType;
  bottom: ComponentType;
  topShare: number;
  topMinCss: number;
}) {
  const { top: Top, bottom: Bottom, topShare, topMinCss } = props;
  const rows = `minmax(min(${topMinCss}px, 100%), ${topShare}fr) minmax(0, ${1 - topShare}fr)`;
  return (
    <div className="stack" style={{ gridTemplateRows: rows }}>
      <div className="stack-cell">
        <Top />
      </div>
      <div className="stack-cell">
        <Bottom />
      </div>
    </div>
  );
}
